// Tests the Anthropic -> Kiro request conversion by comparing the whole generated body with the
// expected one: system prompt, merging, tools, images, thinking, tool pairing, prefill, session ids.
#include "anthropic/requestconverter.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/toolconverter.h"
#include "anthropic/websearchtool.h"
#include "unit/support/requestconverterjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace kt;

using namespace kt::test;

class TestRequestConverter : public QObject {
    Q_OBJECT

private slots:
    void simpleText();
    void profileArnAndStream();
    void systemString();
    void systemBlocks();
    void multiTurnMerging();
    void leadingAssistantGetsUserBefore();
    void toolRoundTrip();
    void image();
    void imageInsideToolResultAndPlaceholderTool();
    void documentBecomesText();
    void thinkingEnabledWithSystem();
    void thinkingWithoutSystem();
    void thinkingVariants_data();
    void thinkingVariants();
    void assistantThinkingInHistory();
    void longToolNameRoundTrip();
    void descriptionTruncationAndSchemaHygiene();
    void orphanToolResultInCurrentMessage();
    void orphanAndDuplicateToolResultsInHistory();
    void interruptedToolUse();
    void trailingAssistantPrefillDropped();
    void claudeCodeSessionIdReused();
    void parseBody();
};

void TestRequestConverter::simpleText()
{
    const QJsonObject request = json(R"({"model":"claude-sonnet-4-5-20250929","max_tokens":1024,
        "messages":[{"role":"user","content":"Hello"}]})");
    const auto c = convert(request);
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"Hello",
        "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","userInputMessageContext":{}}})"));
    QCOMPARE(c->requestedModel, QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(c->kiroModelId, QStringLiteral("claude-sonnet-4.5"));
    QVERIFY(!c->stream);
    QVERIFY(!c->thinkingEnabled);
    QVERIFY(c->toolNameMap.isEmpty());
    QCOMPARE(c->estimatedInputTokens, 1); // "Hello": 5/4*1.5 -> 1

    // Every request gets fresh ids.
    const auto again = convert(request);
    QVERIFY(again);
    const QJsonObject s1 = c->kiroBody.value("conversationState").toObject();
    const QJsonObject s2 = again->kiroBody.value("conversationState").toObject();
    QVERIFY(s1.value("agentContinuationId") != s2.value("agentContinuationId"));
    QVERIFY(s1.value("conversationId") != s2.value("conversationId"));
}

void TestRequestConverter::profileArnAndStream()
{
    ConversionOptions options;
    options.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/ABC");
    const auto c = convert(json(R"({"model":"claude-opus-4-5-20251101","stream":true,
        "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]})"),
                           options);
    QVERIFY(c);
    QVERIFY(c->stream);
    QJsonObject expected = body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-opus-4.5",
        "origin":"AI_EDITOR","userInputMessageContext":{}}})");
    expected.insert("profileArn", "arn:aws:codewhisperer:us-east-1:123456789012:profile/ABC");
    COMPARE_JSON(normalized(c->kiroBody), expected);
}

void TestRequestConverter::systemString()
{
    const auto c = convert(json(R"({"model":"claude-haiku-4-5","system":"Be brief.",
        "messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-haiku-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"Be brief.","modelId":"claude-haiku-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"I will follow these instructions."}}])"));
}

void TestRequestConverter::systemBlocks()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-6","system":[
        {"type":"text","text":"You are Claude Code."},
        {"type":"text","text":"Be careful.","cache_control":{"type":"ephemeral"}}],
        "messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.6","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"You are Claude Code.\nBe careful.","modelId":"claude-sonnet-4.6",
                           "origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"I will follow these instructions."}}])"));

    // An empty system prompt adds no instruction pair.
    const auto empty = convert(json(R"({"model":"claude-sonnet-4-6","system":[],"messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(empty);
    QVERIFY(!empty->kiroBody.value("conversationState").toObject().contains("history"));
}

void TestRequestConverter::multiTurnMerging()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"first"},
        {"role":"user","content":[{"type":"text","text":"second"},{"type":"text","text":"third"}]},
        {"role":"assistant","content":"one"},
        {"role":"assistant","content":[{"type":"text","text":"two"}]},
        {"role":"assistant","content":[{"type":"text","text":"  "}]},
        {"role":"user","content":"question"},
        {"role":"user","content":[{"type":"text","text":"follow-up"}]}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"question\nfollow-up","modelId":"claude-sonnet-4.5",
                          "origin":"AI_EDITOR","userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"first\nsecond\nthird","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"one\n\ntwo"}}])"));
}

void TestRequestConverter::leadingAssistantGetsUserBefore()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","system":"Sys","messages":[
        {"role":"assistant","content":"Hello! How can I help?"},
        {"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"Sys","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"I will follow these instructions."}},
                          {"userInputMessage":{"content":"Continue","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"Hello! How can I help?"}}])"));
}

void TestRequestConverter::toolRoundTrip()
{
    const QJsonObject request = json(R"({"model":"claude-sonnet-4-6","tool_choice":{"type":"auto"},
        "tools":[{"name":"get_weather","description":"Look up weather",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
        "messages":[
          {"role":"user","content":"Weather in Oslo and Bergen?"},
          {"role":"assistant","content":[{"type":"text","text":"Checking."},
            {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Oslo"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"21°C"}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_02","name":"get_weather","input":{"city":"Bergen"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_02","is_error":true,
            "content":[{"type":"text","text":"timeout"},{"type":"text","text":"retry later"}]}]}]})");
    const auto c = convert(request);
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"Tool results provided.",
        "modelId":"claude-sonnet-4.6","origin":"AI_EDITOR","userInputMessageContext":{
          "toolResults":[{"toolUseId":"toolu_02","content":[{"text":"timeout\nretry later"}],"status":"error","isError":true}],
          "tools":[{"toolSpecification":{"name":"get_weather","description":"Look up weather","inputSchema":{"json":{
            "type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":true}}}}]}}})",
        R"([{"userInputMessage":{"content":"Weather in Oslo and Bergen?","modelId":"claude-sonnet-4.6","origin":"AI_EDITOR"}},
            {"assistantResponseMessage":{"content":"Checking.",
              "toolUses":[{"toolUseId":"toolu_01","name":"get_weather","input":{"city":"Oslo"}}]}},
            {"userInputMessage":{"content":"Tool results provided.","modelId":"claude-sonnet-4.6","origin":"AI_EDITOR",
              "userInputMessageContext":{"toolResults":[{"toolUseId":"toolu_01","content":[{"text":"21°C"}],"status":"success"}]}}},
            {"assistantResponseMessage":{"content":" ",
              "toolUses":[{"toolUseId":"toolu_02","name":"get_weather","input":{"city":"Bergen"}}]}}])"));
    QCOMPARE(c->estimatedInputTokens, TokenEstimator::countRequestTokens(request));
    QVERIFY(c->estimatedInputTokens > 20);
}

void TestRequestConverter::image()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}}]},
        {"role":"assistant","content":"A cat."},
        {"role":"user","content":[
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
          {"type":"text","text":"And this one?"}]}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"And this one?","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "images":[{"format":"png","source":{"bytes":"iVBORw0KGgo="}}],"userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"Continue","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                           "images":[{"format":"webp","source":{"bytes":"UklGRg=="}}]}},
                          {"assistantResponseMessage":{"content":"A cat."}}])"));
}

void TestRequestConverter::imageInsideToolResultAndPlaceholderTool()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"Take a screenshot"},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_s","name":"screenshot","input":{}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_s","content":[
          {"type":"text","text":"captured"},
          {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"Tool results provided.",
        "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","images":[{"format":"jpeg","source":{"bytes":"/9j/4AAQ"}}],
        "userInputMessageContext":{
          "toolResults":[{"toolUseId":"toolu_s","content":[{"text":"captured"}],"status":"success"}],
          "tools":[{"toolSpecification":{"name":"screenshot","description":"Tool used in conversation history",
            "inputSchema":{"json":{"type":"object","properties":{},"required":[],"additionalProperties":true}}}}]}}})",
        R"([{"userInputMessage":{"content":"Take a screenshot","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
            {"assistantResponseMessage":{"content":" ","toolUses":[{"toolUseId":"toolu_s","name":"screenshot","input":{}}]}}])"));
}

void TestRequestConverter::documentBecomesText()
{
    const auto c = convert(json(R"({"model":"claude-haiku-4-5","messages":[{"role":"user","content":[
        {"type":"document","source":{"type":"text","media_type":"text/plain","data":"File body"}},
        {"type":"text","text":"Summarize"}]}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"File body\nSummarize",
        "modelId":"claude-haiku-4.5","origin":"AI_EDITOR","userInputMessageContext":{}}})"));
}

void TestRequestConverter::thinkingEnabledWithSystem()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","system":"Sys",
        "thinking":{"type":"enabled","budget_tokens":50000},"messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    QVERIFY(c->thinkingEnabled);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":
                           "<thinking_mode>enabled</thinking_mode><max_thinking_length>24576</max_thinking_length>\nSys",
                           "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"I will follow these instructions."}}])"));
}

void TestRequestConverter::thinkingWithoutSystem()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","thinking":{"type":"enabled","budget_tokens":1024},
        "messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    QVERIFY(c->thinkingEnabled);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":
                           "<thinking_mode>enabled</thinking_mode><max_thinking_length>1024</max_thinking_length>",
                           "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"I will follow these instructions."}}])"));
}

void TestRequestConverter::thinkingVariants_data()
{
    QTest::addColumn<QByteArray>("fields");       // spliced into a request with one user message
    QTest::addColumn<QString>("instructions");    // first history user content; empty = no history
    QTest::addColumn<bool>("enabled");
    const QString adaptiveHigh = "<thinking_mode>adaptive</thinking_mode><thinking_effort>high</thinking_effort>";
    const QString enabled20000 = "<thinking_mode>enabled</thinking_mode><max_thinking_length>20000</max_thinking_length>";
    QTest::newRow("enabled, default budget")
        << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"enabled"})") << enabled20000 << true;
    QTest::newRow("adaptive, default effort")
        << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"adaptive"})") << adaptiveHigh << true;
    QTest::newRow("adaptive, output_config effort")
        << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"adaptive","effort":"low"},"output_config":{"effort":"medium"})")
        << "<thinking_mode>adaptive</thinking_mode><thinking_effort>medium</thinking_effort>" << true;
    QTest::newRow("adaptive, thinking.effort")
        << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"adaptive","effort":"low"})")
        << "<thinking_mode>adaptive</thinking_mode><thinking_effort>low</thinking_effort>" << true;
    QTest::newRow("adaptive, unknown effort -> high")
        << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"adaptive"},"output_config":{"effort":"max"})")
        << adaptiveHigh << true;
    QTest::newRow("opus 4.6 -thinking model -> adaptive high")
        << QByteArray(R"("model":"claude-opus-4-6-thinking")") << adaptiveHigh << true;
    QTest::newRow("sonnet -thinking model -> enabled 20000")
        << QByteArray(R"("model":"claude-sonnet-4-5-20250929-thinking")") << enabled20000 << true;
    QTest::newRow("-thinking model overrides the request's settings")
        << QByteArray(R"("model":"claude-haiku-4-5-20251001-thinking","thinking":{"type":"disabled"})") << enabled20000 << true;
    QTest::newRow("disabled") << QByteArray(R"("model":"claude-sonnet-4-5","thinking":{"type":"disabled"})") << QString() << false;
    QTest::newRow("no thinking field") << QByteArray(R"("model":"claude-sonnet-4-5")") << QString() << false;
    QTest::newRow("system already has the tags")
        << QByteArray(R"("model":"claude-sonnet-4-5","system":"<thinking_mode>adaptive</thinking_mode> Sys","thinking":{"type":"enabled"})")
        << "<thinking_mode>adaptive</thinking_mode> Sys" << true;
}

void TestRequestConverter::thinkingVariants()
{
    QFETCH(QByteArray, fields);
    QFETCH(QString, instructions);
    QFETCH(bool, enabled);
    const auto c = convert(json("{" + fields + R"(,"messages":[{"role":"user","content":"Hi"}]})"));
    QVERIFY(c);
    QCOMPARE(c->thinkingEnabled, enabled);
    const QJsonArray history = c->kiroBody.value("conversationState").toObject().value("history").toArray();
    if (instructions.isEmpty()) {
        QVERIFY(history.isEmpty());
        return;
    }
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).toObject().value("userInputMessage").toObject().value("content").toString(), instructions);
    QCOMPARE(history.at(1).toObject().value("assistantResponseMessage").toObject().value("content").toString(),
             QStringLiteral("I will follow these instructions."));
}

void TestRequestConverter::assistantThinkingInHistory()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"q"},
        {"role":"assistant","content":[{"type":"thinking","thinking":"let me think","signature":"abc"},
                                        {"type":"text","text":"answer"}]},
        {"role":"user","content":"next"},
        {"role":"assistant","content":[{"type":"redacted_thinking","data":"xyz"},{"type":"thinking","thinking":"only"}]},
        {"role":"user","content":"again"}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody),
                 body(R"({"userInputMessage":{"content":"again","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"q","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"<thinking>let me think</thinking>\n\nanswer"}},
                          {"userInputMessage":{"content":"next","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"<thinking>only</thinking>"}}])"));
}

void TestRequestConverter::longToolNameRoundTrip()
{
    const QString longName = "mcp__plugin_very_long_server_name__extremely_long_tool_name_exceeds_63";
    const QString shortName = "mcp__plugin_very_long_server_name__extremely_long_tool_1336a06e"; // sha256 prefix
    QCOMPARE(longName.size(), 70);
    QCOMPARE(ToolConverter::shortenName(longName), shortName);
    QCOMPARE(shortName.size(), 63);

    const auto c = convert(json(R"({"model":"claude-sonnet-4-5",
        "tools":[{"name":"mcp__plugin_very_long_server_name__extremely_long_tool_name_exceeds_63","description":"A test tool",
                  "input_schema":{"type":"object","properties":{}}}],
        "messages":[{"role":"user","content":"use the tool"},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01",
            "name":"mcp__plugin_very_long_server_name__extremely_long_tool_name_exceeds_63","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"done"}]}]})"));
    QVERIFY(c);
    QCOMPARE(c->toolNameMap.size(), 1);
    QCOMPARE(c->toolNameMap.value(shortName), longName);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"Tool results provided.",
        "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","userInputMessageContext":{
          "toolResults":[{"toolUseId":"toolu_01","content":[{"text":"done"}],"status":"success"}],
          "tools":[{"toolSpecification":{"name":"mcp__plugin_very_long_server_name__extremely_long_tool_1336a06e",
            "description":"A test tool",
            "inputSchema":{"json":{"type":"object","properties":{},"required":[],"additionalProperties":true}}}}]}}})",
        R"([{"userInputMessage":{"content":"use the tool","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
            {"assistantResponseMessage":{"content":" ","toolUses":[{"toolUseId":"toolu_01",
              "name":"mcp__plugin_very_long_server_name__extremely_long_tool_1336a06e","input":{}}]}}])"));

    // Exactly 63 characters stays as is.
    QHash<QString, QString> map;
    QCOMPARE(ToolConverter::kiroName(shortName, map), shortName);
    QVERIFY(map.isEmpty());
}

void TestRequestConverter::descriptionTruncationAndSchemaHygiene()
{
    QJsonObject request = json(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"tools":[
        {"name":"big","description":"PLACEHOLDER","input_schema":{"type":"object","properties":{"a":{"type":"string"}}}},
        {"name":"nodesc","input_schema":{"type":"","properties":null,"required":["a",1,null],"additionalProperties":"x"}},
        {"name":"blank","description":"   ","input_schema":{"type":"object","additionalProperties":false,"required":"a"}},
        {"name":"noschema","description":"No schema"},
        {"type":"web_search_20250305","name":"web_search","max_uses":5}]})");
    QJsonArray tools = request.value("tools").toArray();
    QJsonObject big = tools.at(0).toObject();
    big.insert("description", QString(12000, QLatin1Char('d')));
    tools.replace(0, big);
    request.insert("tools", tools);

    const auto c = convert(request);
    QVERIFY(c);
    QJsonObject expected = body(R"({"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
        "userInputMessageContext":{"tools":[
          {"toolSpecification":{"name":"big","description":"PLACEHOLDER","inputSchema":{"json":{"type":"object",
            "properties":{"a":{"type":"string"}},"required":[],"additionalProperties":true}}}},
          {"toolSpecification":{"name":"nodesc","description":"nodesc","inputSchema":{"json":{"type":"object",
            "properties":{},"required":["a"],"additionalProperties":true}}}},
          {"toolSpecification":{"name":"blank","description":"blank","inputSchema":{"json":{"type":"object",
            "properties":{},"required":[],"additionalProperties":false}}}},
          {"toolSpecification":{"name":"noschema","description":"No schema","inputSchema":{"json":{"type":"object",
            "properties":{},"required":[],"additionalProperties":true}}}},
          {"toolSpecification":{"name":"web_search","description":"WEB_SEARCH","inputSchema":{"json":{"type":"object",
            "properties":{"query":{"type":"string","description":"The search query"}},"required":["query"],
            "additionalProperties":true}}}}]}}})");
    // Patch the expected 10 000-character description in.
    QJsonObject state = expected.value("conversationState").toObject();
    QJsonObject current = state.value("currentMessage").toObject();
    QJsonObject message = current.value("userInputMessage").toObject();
    QJsonObject context = message.value("userInputMessageContext").toObject();
    QJsonArray expectedTools = context.value("tools").toArray();
    QJsonObject first = expectedTools.at(0).toObject();
    QJsonObject spec = first.value("toolSpecification").toObject();
    spec.insert("description", QString(10000, QLatin1Char('d')));
    first.insert("toolSpecification", spec);
    expectedTools.replace(0, first);
    // The web search server tool reaches the model as an ordinary tool (KiroTray runs its calls).
    QJsonObject search = expectedTools.at(4).toObject();
    QJsonObject searchSpec = search.value("toolSpecification").toObject();
    searchSpec.insert("description", WebSearchTool().asClientTool().value("description"));
    search.insert("toolSpecification", searchSpec);
    expectedTools.replace(4, search);
    context.insert("tools", expectedTools);
    message.insert("userInputMessageContext", context);
    current.insert("userInputMessage", message);
    state.insert("currentMessage", current);
    expected.insert("conversationState", state);
    COMPARE_JSON(normalized(c->kiroBody), expected);

    // Truncation counts code points and never splits a surrogate pair.
    QString emoji;
    for (int i = 0; i < 10001; ++i)
        emoji += QStringLiteral("😀");
    QHash<QString, QString> map;
    const QJsonArray converted = ToolConverter::convertTools(
        QJsonArray{QJsonObject{{"name", "e"}, {"description", emoji}}}, map);
    const QString cut = converted.at(0).toObject().value("toolSpecification").toObject().value("description").toString();
    QCOMPARE(cut.size(), 20000);
    QVERIFY(cut.back().isLowSurrogate());
}

void TestRequestConverter::orphanToolResultInCurrentMessage()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_gone","content":"stale"}]}]})"));
    QVERIFY(c);
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"Tool results provided.",
        "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","userInputMessageContext":{}}})"));
}

void TestRequestConverter::orphanAndDuplicateToolResultsInHistory()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","tools":[{"name":"bash","description":"Shell"}],"messages":[
        {"role":"user","content":"start"},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"Read","input":{"path":"a"}},
                                        {"type":"tool_use","id":"toolu_02","name":"Bash","input":{"command":"ls"}}]},
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"toolu_01","content":"A"},
          {"type":"tool_result","tool_use_id":"toolu_01","content":"duplicate"},
          {"type":"tool_result","tool_use_id":"toolu_x","content":"orphan"},
          {"type":"tool_result","tool_use_id":"toolu_02","content":"files"}]},
        {"role":"assistant","content":"done reading"},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"late duplicate"},
                                  {"type":"text","text":"thanks"}]}]})"));
    QVERIFY(c);
    // "Bash" matches the "bash" tool case-insensitively; "Read" gets a placeholder.
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"thanks","modelId":"claude-sonnet-4.5",
        "origin":"AI_EDITOR","userInputMessageContext":{"tools":[
          {"toolSpecification":{"name":"bash","description":"Shell","inputSchema":{"json":{"type":"object",
            "properties":{},"required":[],"additionalProperties":true}}}},
          {"toolSpecification":{"name":"Read","description":"Tool used in conversation history","inputSchema":{"json":{
            "type":"object","properties":{},"required":[],"additionalProperties":true}}}}]}}})",
        R"([{"userInputMessage":{"content":"start","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
            {"assistantResponseMessage":{"content":" ","toolUses":[
              {"toolUseId":"toolu_01","name":"Read","input":{"path":"a"}},
              {"toolUseId":"toolu_02","name":"Bash","input":{"command":"ls"}}]}},
            {"userInputMessage":{"content":"Tool results provided.","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
              "userInputMessageContext":{"toolResults":[
                {"toolUseId":"toolu_01","content":[{"text":"A"}],"status":"success"},
                {"toolUseId":"toolu_02","content":[{"text":"files"}],"status":"success"}]}}},
            {"assistantResponseMessage":{"content":"done reading"}}])"));
}

void TestRequestConverter::interruptedToolUse()
{
    const auto c = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"go"},
        {"role":"assistant","content":[{"type":"text","text":"Running both."},
          {"type":"tool_use","id":"toolu_a","name":"Bash","input":{"command":"make"}},
          {"type":"tool_use","id":"toolu_b","name":"Bash","input":{"command":"make test"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_a","content":"ok"}]},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_c","name":"Deploy","input":{}}]},
        {"role":"user","content":"stop, just list files"}]})"));
    QVERIFY(c);
    // toolu_b and toolu_c never got a result: they leave the history, and "Deploy" needs no placeholder.
    COMPARE_JSON(normalized(c->kiroBody), body(R"({"userInputMessage":{"content":"stop, just list files",
        "modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","userInputMessageContext":{"tools":[
          {"toolSpecification":{"name":"Bash","description":"Tool used in conversation history","inputSchema":{"json":{
            "type":"object","properties":{},"required":[],"additionalProperties":true}}}}]}}})",
        R"([{"userInputMessage":{"content":"go","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
            {"assistantResponseMessage":{"content":"Running both.",
              "toolUses":[{"toolUseId":"toolu_a","name":"Bash","input":{"command":"make"}}]}},
            {"userInputMessage":{"content":"Tool results provided.","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
              "userInputMessageContext":{"toolResults":[{"toolUseId":"toolu_a","content":[{"text":"ok"}],"status":"success"}]}}},
            {"assistantResponseMessage":{"content":"OK"}}])"));
}

void TestRequestConverter::trailingAssistantPrefillDropped()
{
    const auto single = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"hi"},{"role":"assistant","content":"{"}]})"));
    QVERIFY(single);
    COMPARE_JSON(normalized(single->kiroBody), body(R"({"userInputMessage":{"content":"hi","modelId":"claude-sonnet-4.5",
        "origin":"AI_EDITOR","userInputMessageContext":{}}})"));

    const auto several = convert(json(R"({"model":"claude-sonnet-4-5","messages":[
        {"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"},
        {"role":"assistant","content":"prefill 1"},{"role":"assistant","content":[{"type":"text","text":"prefill 2"}]}]})"));
    QVERIFY(several);
    COMPARE_JSON(normalized(several->kiroBody),
                 body(R"({"userInputMessage":{"content":"c","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR",
                          "userInputMessageContext":{}}})",
                      R"([{"userInputMessage":{"content":"a","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
                          {"assistantResponseMessage":{"content":"b"}}])"));
}

void TestRequestConverter::claudeCodeSessionIdReused()
{
    const auto stringForm = convert(json(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],
        "metadata":{"user_id":"user_abc123_account__session_0b4445e1-f5be-49e1-87ce-62bbc28ad705"}})"));
    QVERIFY(stringForm);
    COMPARE_JSON(normalized(stringForm->kiroBody, false),
                 json(R"({"conversationState":{"agentContinuationId":"<uuid>","agentTaskType":"vibe",
                   "chatTriggerType":"MANUAL","conversationId":"0b4445e1-f5be-49e1-87ce-62bbc28ad705",
                   "currentMessage":{"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5",
                     "origin":"AI_EDITOR","userInputMessageContext":{}}}}})"));

    const auto jsonForm = convert(json(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],
        "metadata":{"user_id":"{\"device_id\":\"d\",\"account_uuid\":\"\",\"session_id\":\"6f1c2a3b-1111-4222-8333-444455556666\"}"}})"));
    QVERIFY(jsonForm);
    QCOMPARE(jsonForm->kiroBody.value("conversationState").toObject().value("conversationId").toString(),
             QStringLiteral("6f1c2a3b-1111-4222-8333-444455556666"));

    // Not a UUID after "session_": a fresh id each time.
    const QJsonObject bogus = json(R"({"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],
        "metadata":{"user_id":"user_x_session_not-a-uuid"}})");
    const auto b1 = convert(bogus);
    const auto b2 = convert(bogus);
    QVERIFY(b1 && b2);
    const QJsonValue id1 = b1->kiroBody.value("conversationState").toObject().value("conversationId");
    QVERIFY(isUuid(id1));
    QVERIFY(id1 != b2->kiroBody.value("conversationState").toObject().value("conversationId"));

    QCOMPARE(ConversationKey::sessionFromUserId(R"({"session_id":"short"})"), QString());
    QCOMPARE(ConversationKey::sessionFromUserId("session_0b4445e1-f5be-49e1-87ce-62bbc28ad70"), QString());
    QCOMPARE(ConversationKey::sessionFromUserId(""), QString());
}

// Claude Code 2.1.328's request after a ToolSearch call (docs/protocol.md#what-claude-code-21328-sends): deferred tools and
// the placeholder stay out, the loaded WebFetch goes in full, the tool_reference becomes text.
void TestRequestConverter::parseBody()
{
    const auto ok = RequestConverter::parseBody(R"({"model":"x"})");
    QVERIFY(std::holds_alternative<QJsonObject>(ok));
    QCOMPARE(std::get<QJsonObject>(ok).value("model").toString(), QStringLiteral("x"));

    const auto broken = RequestConverter::parseBody(R"({"model": )");
    QVERIFY(std::holds_alternative<ApiError>(broken));
    const ApiError e1 = std::get<ApiError>(broken);
    QCOMPARE(e1.httpStatus, 400);
    QCOMPARE(e1.type, QStringLiteral("invalid_request_error"));
    QVERIFY2(e1.message.startsWith("invalid JSON at offset "), qPrintable(e1.message));

    for (const QByteArray &notObject : {QByteArray("[1,2]"), QByteArray("[]")}) {
        const auto r = RequestConverter::parseBody(notObject);
        QVERIFY(std::holds_alternative<ApiError>(r));
        QCOMPARE(std::get<ApiError>(r).message, QStringLiteral("body must be a JSON object"));
        QCOMPARE(std::get<ApiError>(r).httpStatus, 400);
    }
    const auto empty = RequestConverter::parseBody(QByteArray());
    QVERIFY(std::holds_alternative<ApiError>(empty));
    QVERIFY(std::get<ApiError>(empty).message.startsWith("invalid JSON at offset 0"));
}

QTEST_GUILESS_MAIN(TestRequestConverter)
#include "tst_requestconverter.moc"
