// The request conversion of deferred tools (defer_loading) and tool_reference blocks, as Claude Code
// 2.1.328 sends them with tool search: which tools reach Kiro, and what the model reads.
#include "anthropic/requestconverter.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/toolconverter.h"
#include "unit/support/requestconverterjson.h"

#include <QJsonArray>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestRequestConverterDeferred : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deferredToolsAndToolReference();
    void deferredToolLoadedByReferenceOrHistory();
};

void TestRequestConverterDeferred::deferredToolsAndToolReference()
{
    const QJsonObject request = json(R"({"model":"claude-opus-5-5","max_tokens":128000,"stream":true,
        "thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"},
        "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
        "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.328.593; cc_entrypoint=sdk-cli;"},
                  {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
        "metadata":{"user_id":"{\"device_id\":\"ab\",\"account_uuid\":\"\",\"session_id\":\"6f1c2a3b-1111-4222-8333-444455556666\"}"},
        "tools":[
          {"name":"ToolSearch","description":"Find tools","input_schema":{"type":"object","properties":{"query":{"type":"string"}}}},
          {"name":"DeferredToolPlaceholder","description":"d","input_schema":{"type":"object","properties":{}},"defer_loading":true},
          {"name":"Grep","description":"Search files","input_schema":{"type":"object","properties":{}},"defer_loading":true,
           "cache_control":{"type":"ephemeral"}},
          {"name":"WebFetch","description":"Fetch a page","input_schema":{"type":"object","properties":{"url":{"type":"string"}}}}],
        "messages":[
          {"role":"user","content":[{"type":"text","text":"Fetch it","cache_control":{"type":"ephemeral"}}]},
          {"role":"system","content":"Environment: linux"},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_ts","name":"ToolSearch",
            "input":{"query":"select:WebFetch","max_results":5}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_ts",
            "content":[{"type":"tool_reference","tool_name":"WebFetch"}]},
            {"type":"text","text":"Tool loaded.","cache_control":{"type":"ephemeral"}}]}]})");
    const auto c = convert(request);
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody, false), json(R"({"conversationState":{"agentContinuationId":"<uuid>",
        "agentTaskType":"vibe","chatTriggerType":"MANUAL","conversationId":"6f1c2a3b-1111-4222-8333-444455556666",
        "currentMessage":{"userInputMessage":{"content":"Tool loaded.","modelId":"claude-opus-4.6","origin":"AI_EDITOR",
          "userInputMessageContext":{
            "toolResults":[{"toolUseId":"toolu_ts","content":[{"text":"Tool WebFetch loaded."}],"status":"success"}],
            "tools":[
              {"toolSpecification":{"name":"ToolSearch","description":"Find tools","inputSchema":{"json":{"type":"object",
                "properties":{"query":{"type":"string"}},"required":[],"additionalProperties":true}}}},
              {"toolSpecification":{"name":"WebFetch","description":"Fetch a page","inputSchema":{"json":{"type":"object",
                "properties":{"url":{"type":"string"}},"required":[],"additionalProperties":true}}}}]}}},
        "history":[
          {"userInputMessage":{"content":"<thinking_mode>adaptive</thinking_mode><thinking_effort>medium</thinking_effort>\nx-anthropic-billing-header: cc_version=2.1.328.593; cc_entrypoint=sdk-cli;\nYou are Claude Code.\nEnvironment: linux",
            "modelId":"claude-opus-4.6","origin":"AI_EDITOR"}},
          {"assistantResponseMessage":{"content":"I will follow these instructions."}},
          {"userInputMessage":{"content":"Fetch it","modelId":"claude-opus-4.6","origin":"AI_EDITOR"}},
          {"assistantResponseMessage":{"content":" ","toolUses":[{"toolUseId":"toolu_ts","name":"ToolSearch",
            "input":{"query":"select:WebFetch","max_results":5}}]}}]}})"));
    // Deferred tools are not in the prompt, so they do not count either.
    QJsonObject withoutDeferred = request;
    QJsonArray loadedTools;
    for (const QJsonValue &tool : request.value("tools").toArray())
        if (!ToolConverter::isDeferred(tool.toObject()))
            loadedTools.append(tool);
    withoutDeferred.insert("tools", loadedTools);
    QCOMPARE(c->estimatedInputTokens, TokenEstimator::countRequestTokens(withoutDeferred));
}

// The Anthropic API's own rule: a tool_reference loads a deferred tool even when the request still
// marks it deferred; and a deferred tool the history used is declared in full, not as a placeholder.
void TestRequestConverterDeferred::deferredToolLoadedByReferenceOrHistory()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-6",
        "tools":[
          {"name":"Grep","description":"Search files","input_schema":{"type":"object"},"defer_loading":true},
          {"name":"WebFetch","description":"Fetch a page","input_schema":{"type":"object"},"defer_loading":true},
          {"name":"Glob","description":"Find files","input_schema":{"type":"object"},"defer_loading":true}],
        "messages":[
          {"role":"user","content":"Go"},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_ts","name":"ToolSearch","input":{"query":"grep"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_ts","content":[
            {"type":"tool_reference","tool_name":"WebFetch"},{"type":"tool_reference","tool_name":"Missing"}]}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_g","name":"Grep","input":{"pattern":"x"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_g","content":"no match"}]}]})"));
    QVERIFY(c);
    const QJsonObject context = c->kiroBody.value("conversationState").toObject().value("currentMessage").toObject()
                                    .value("userInputMessage").toObject().value("userInputMessageContext").toObject();
    QStringList names;
    QStringList descriptions;
    for (const QJsonValue &tool : context.value("tools").toArray()) {
        names.append(tool.toObject().value("toolSpecification").toObject().value("name").toString());
        descriptions.append(tool.toObject().value("toolSpecification").toObject().value("description").toString());
    }
    QCOMPARE(names, (QStringList{"Grep", "WebFetch", "ToolSearch"}));
    QCOMPARE(descriptions, (QStringList{"Search files", "Fetch a page", "Tool used in conversation history"}));
    const QJsonArray history = c->kiroBody.value("conversationState").toObject().value("history").toArray();
    QCOMPARE(history.at(2).toObject().value("userInputMessage").toObject().value("userInputMessageContext").toObject()
                 .value("toolResults").toArray().at(0).toObject().value("content").toArray().at(0).toObject().value("text").toString(),
             QStringLiteral("Tool WebFetch loaded.\nTool Missing loaded."));
}

QTEST_GUILESS_MAIN(TestRequestConverterDeferred)
#include "tst_requestconverterdeferred.moc"
