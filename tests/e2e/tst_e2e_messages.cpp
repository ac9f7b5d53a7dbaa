// POST /v1/messages end to end: the real server on a loopback port, the fake Kiro upstream behind
// it, and every byte the client sees checked (status, SSE event order, JSON fields).
#include "proxyfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eMessages : public QObject
{
    Q_OBJECT

private:
    static QJsonObject toolsRequest(bool stream)
    {
        QJsonObject body = ProxyFixture::request(QStringLiteral("Weather in Oslo? [[scenario:tool]]"), stream);
        body.insert(QStringLiteral("tools"), QJsonArray{QJsonObject{
            {QStringLiteral("name"), QStringLiteral("get_weather")},
            {QStringLiteral("description"), QStringLiteral("Look up the weather")},
            {QStringLiteral("input_schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                         {QStringLiteral("properties"), QJsonObject{{QStringLiteral("city"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}});
        return body;
    }

    static QStringList toolNames(const QJsonObject &kiroBody)
    {
        QStringList names;
        const QJsonArray tools = kiroBody.value("conversationState").toObject().value("currentMessage").toObject()
                                     .value("userInputMessage").toObject().value("userInputMessageContext").toObject()
                                     .value("tools").toArray();
        for (const QJsonValue &tool : tools)
            names.append(tool.toObject().value("toolSpecification").toObject().value("name").toString());
        return names;
    }

private Q_SLOTS:
    void nonStreamingText()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        QVERIFY(!r.header("request-id").isEmpty());
        const QJsonObject m = r.json();
        QVERIFY(m.value("id").toString().startsWith("msg_"));
        QCOMPARE(m.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(m.value("role").toString(), QStringLiteral("assistant"));
        QCOMPARE(m.value("model").toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
        QCOMPARE(m.value("stop_reason").toString(), QStringLiteral("end_turn"));
        QVERIFY(m.value("stop_sequence").isNull());
        const QJsonArray content = m.value("content").toArray();
        QCOMPARE(content.size(), 1);
        QCOMPARE(content[0].toObject().value("type").toString(), QStringLiteral("text"));
        QCOMPARE(content[0].toObject().value("text").toString(), QStringLiteral("Hello, world!"));
        const QJsonObject usage = m.value("usage").toObject();
        QVERIFY(usage.value("input_tokens").toInt() > 0);   // the upstream's context figure, never missing
        QVERIFY(usage.value("output_tokens").toInt() > 0);
    }

    void whatWasSentUpstream()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject extra{{QStringLiteral("system"), QStringLiteral("Be brief.")}};
        QCOMPARE(f.messages(QStringLiteral("Hi there"), false, extra).status, 200);
        const auto refresh = f.fake.requests("/refreshToken");
        QCOMPARE(refresh.size(), 1);
        QCOMPARE(refresh[0].json().value("refreshToken").toString(), TestRefreshToken);
        const auto sent = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(sent.size(), 1);
        const fake::RecordedRequest &rq = sent[0];
        QVERIFY(rq.header("authorization").startsWith("Bearer fake-access-"));
        QCOMPARE(rq.header("x-amzn-codewhisperer-optout"), QByteArray("true"));
        QCOMPARE(rq.header("x-amzn-kiro-agent-mode"), QByteArray("vibe"));
        QVERIFY(rq.header("x-amz-user-agent").startsWith("aws-sdk-js/1.0.34 KiroIDE-"));
        QVERIFY(rq.header("user-agent").contains("api/codewhispererstreaming#1.0.34"));
        QVERIFY(!rq.header("amz-sdk-invocation-id").isEmpty());
        const QJsonObject state = rq.json().value("conversationState").toObject();
        QCOMPARE(state.value("chatTriggerType").toString(), QStringLiteral("MANUAL"));
        const QJsonObject current = state.value("currentMessage").toObject().value("userInputMessage").toObject();
        QCOMPARE(current.value("content").toString(), QStringLiteral("Hi there"));
        QCOMPARE(current.value("modelId").toString(), QStringLiteral("claude-sonnet-4.5"));
        QCOMPARE(current.value("origin").toString(), QStringLiteral("AI_EDITOR"));
        const QJsonArray history = state.value("history").toArray();
        QCOMPARE(history.size(), 2); // the system prompt pair
        QVERIFY(history[0].toObject().value("userInputMessage").toObject().value("content").toString().contains("Be brief."));
        QVERIFY(rq.json().contains("profileArn")); // social login: the ARN the refresh returned
    }

    void streamingTextEventOrder()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("Hi"), true);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
        QVERIFY(r.header("Content-Length").isEmpty());
        const QList<QByteArray> expected{"message_start", "content_block_start", "content_block_delta", "content_block_delta",
                                         "content_block_delta", "content_block_stop", "message_delta", "message_stop"};
        QCOMPARE(r.eventNames(), expected);
        const auto events = r.events();
        const QJsonObject start = events[0].data.value("message").toObject();
        QCOMPARE(start.value("model").toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
        QVERIFY(start.value("usage").toObject().value("input_tokens").toInt() > 0);
        QVERIFY(start.value("content").toArray().isEmpty());
        QVERIFY(start.value("stop_reason").isNull());
        QCOMPARE(events[1].data.value("index").toInt(), 0);
        QString text;
        for (int i = 2; i <= 4; ++i) {
            QCOMPARE(events[i].data.value("delta").toObject().value("type").toString(), QStringLiteral("text_delta"));
            text += events[i].data.value("delta").toObject().value("text").toString();
        }
        QCOMPARE(text, QStringLiteral("Hello, world!"));
        const QJsonObject delta = events[6].data;
        QCOMPARE(delta.value("delta").toObject().value("stop_reason").toString(), QStringLiteral("end_turn"));
        QVERIFY(delta.value("usage").toObject().value("output_tokens").toInt() > 0);
        QCOMPARE(events[7].data.value("type").toString(), QStringLiteral("message_stop"));
        // The SSE wire format itself: "event: X\ndata: {json}\n\n"
        QVERIFY(r.body.startsWith("event: message_start\ndata: {"));
        QVERIFY(r.body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        // message_start waits for the first upstream event and leaves in one write with it (and
        // with the response head): one chunk, not two.
        QVERIFY(r.chunks.size() >= 2);
        QVERIFY(r.chunks.first().startsWith("event: message_start\n"));
        QCOMPARE(r.chunks.first().count("event: "), 3);
        QVERIFY(r.chunks.first().contains("event: content_block_start\n"));
        QVERIFY(r.chunks.first().contains("event: content_block_delta\n"));
    }

    // Frames that arrive together (a proxy behind its upstream) are decoded together and their
    // events leave in one write: one chunk, not one per event.
    void eventsReadTogetherLeaveTogether()
    {
        ProxyFixture f;
        f.fake.setChunkSize(0);
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:burst]] [[events:50]]"), true);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.count("event: content_block_delta\n"), 50);
        QVERIFY(r.body.contains("burst 0 ") && r.body.contains("burst 49 "));
        QVERIFY2(r.chunks.size() <= 4, qPrintable(QStringLiteral("%1 chunks").arg(r.chunks.size())));
    }

    void streamingIsIncremental()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        // "slow": five events 300 ms apart; they must reach the client as they come, not at the end.
        const HttpResult r = f.messages(QStringLiteral("[[scenario:slow]]"), true);
        QCOMPARE(r.status, 200);
        QVERIFY(r.chunkTimesMs.size() >= 5);
        QVERIFY2(r.chunkTimesMs.last() - r.chunkTimesMs.first() >= 1000,
                 qPrintable(QStringLiteral("first %1 ms, last %2 ms").arg(r.chunkTimesMs.first()).arg(r.chunkTimesMs.last())));
    }

    void streamingToolUse()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", toolsRequest(true));
        QCOMPARE(r.status, 200);
        const auto events = r.events();
        QList<QByteArray> names = r.eventNames();
        QCOMPARE(names.first(), QByteArray("message_start"));
        QCOMPARE(names.last(), QByteArray("message_stop"));
        // text block 0 closes before tool block 1 opens
        int toolStart = -1;
        for (int i = 0; i < events.size(); ++i)
            if (events[i].name == "content_block_start" && events[i].data.value("content_block").toObject().value("type") == "tool_use")
                toolStart = i;
        QVERIFY(toolStart > 0);
        QCOMPARE(events[toolStart - 1].name, QByteArray("content_block_stop"));
        QCOMPARE(events[toolStart - 1].data.value("index").toInt(), 0);
        const QJsonObject block = events[toolStart].data.value("content_block").toObject();
        QCOMPARE(events[toolStart].data.value("index").toInt(), 1);
        QCOMPARE(block.value("name").toString(), QStringLiteral("get_weather"));
        QVERIFY(!block.value("id").toString().isEmpty());
        QCOMPARE(block.value("input").toObject(), QJsonObject());
        QString json;
        int i = toolStart + 1;
        for (; events[i].name == "content_block_delta"; ++i) {
            QCOMPARE(events[i].data.value("delta").toObject().value("type").toString(), QStringLiteral("input_json_delta"));
            json += events[i].data.value("delta").toObject().value("partial_json").toString();
        }
        QVERIFY(i - toolStart - 1 >= 2); // fragments forwarded as they came
        QCOMPARE(QJsonDocument::fromJson(json.toUtf8()).object(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));
        QCOMPARE(events[i].name, QByteArray("content_block_stop"));
        const auto &delta = events[events.size() - 2];
        QCOMPARE(delta.name, QByteArray("message_delta"));
        QCOMPARE(delta.data.value("delta").toObject().value("stop_reason").toString(), QStringLiteral("tool_use"));
    }

    void nonStreamingToolUseAndResultRoundTrip()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", toolsRequest(false));
        QCOMPARE(r.status, 200);
        const QJsonObject m = r.json();
        QCOMPARE(m.value("stop_reason").toString(), QStringLiteral("tool_use"));
        const QJsonArray content = m.value("content").toArray();
        QCOMPARE(content.size(), 2);
        const QJsonObject tool = content[1].toObject();
        QCOMPARE(tool.value("type").toString(), QStringLiteral("tool_use"));
        QCOMPARE(tool.value("input").toObject(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));

        // Second turn: the client sends the tool result back.
        QJsonObject next = toolsRequest(false);
        QJsonArray messages = next.value("messages").toArray();
        messages.append(QJsonObject{{"role", "assistant"}, {"content", content}});
        messages.append(QJsonObject{{"role", "user"}, {"content", QJsonArray{QJsonObject{
            {"type", "tool_result"}, {"tool_use_id", tool.value("id")}, {"content", "21 degrees"}}}}});
        next.insert("messages", messages);
        f.fake.clearRequests();
        QCOMPARE(f.post("/v1/messages", next).status, 200);
        const QJsonObject state = f.fake.requests("/generateAssistantResponse").value(0).json().value("conversationState").toObject();
        const QJsonObject current = state.value("currentMessage").toObject().value("userInputMessage").toObject();
        const QJsonArray results = current.value("userInputMessageContext").toObject().value("toolResults").toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].toObject().value("toolUseId"), tool.value("id"));
        QCOMPARE(results[0].toObject().value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("21 degrees"));
        const QJsonArray history = state.value("history").toArray();
        QCOMPARE(history.last().toObject().value("assistantResponseMessage").toObject().value("toolUses").toArray().size(), 1);
    }

    void streamingThinkingWithSignature()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject extra{{"thinking", QJsonObject{{"type", "enabled"}, {"budget_tokens", 4000}}}};
        const HttpResult r = f.messages(QStringLiteral("[[scenario:thinking]]"), true, extra);
        QCOMPARE(r.status, 200);
        const auto events = r.events();
        QCOMPARE(events[1].name, QByteArray("content_block_start"));
        QCOMPARE(events[1].data.value("content_block").toObject().value("type").toString(), QStringLiteral("thinking"));
        QString thinking, text;
        bool signature = false;
        int thinkingStop = -1;
        for (int i = 0; i < events.size(); ++i) {
            const QJsonObject d = events[i].data.value("delta").toObject();
            if (d.value("type") == "thinking_delta")
                thinking += d.value("thinking").toString();
            if (d.value("type") == "text_delta")
                text += d.value("text").toString();
            if (d.value("type") == "signature_delta") {
                signature = !d.value("signature").toString().isEmpty();
                thinkingStop = i + 1;
            }
        }
        QVERIFY(signature);
        QCOMPARE(events[thinkingStop].name, QByteArray("content_block_stop"));
        QCOMPARE(thinking, QStringLiteral("Let me think about this.\n"));
        QCOMPARE(text, QStringLiteral("The answer is 42."));
        // the upstream was asked for thinking
        const QJsonObject state = f.fake.requests("/generateAssistantResponse").value(0).json().value("conversationState").toObject();
        QVERIFY(QJsonDocument(state).toJson().contains("<thinking_mode>enabled</thinking_mode><max_thinking_length>4000</max_thinking_length>"));
    }

    void nonStreamingThinking()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject extra{{"thinking", QJsonObject{{"type", "enabled"}, {"budget_tokens", 4000}}}};
        const HttpResult r = f.messages(QStringLiteral("[[scenario:thinking]]"), false, extra);
        QCOMPARE(r.status, 200);
        const QJsonArray content = r.json().value("content").toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content[0].toObject().value("type").toString(), QStringLiteral("thinking"));
        QCOMPARE(content[1].toObject().value("text").toString(), QStringLiteral("The answer is 42."));
    }

    void nativeReasoningIsThinkingOnlyWhenAsked()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QJsonObject thinking{{"thinking", QJsonObject{{"type", "adaptive"}}}};
        const HttpResult streamed = f.messages(QStringLiteral("[[scenario:reasoning]]"), true, thinking);
        QCOMPARE(streamed.status, 200);
        QStringList blocks;
        QString reasoning, text;
        for (const auto &e : streamed.events()) {
            if (e.name == "content_block_start")
                blocks << e.data.value("content_block").toObject().value("type").toString();
            const QJsonObject d = e.data.value("delta").toObject();
            reasoning += d.value("thinking").toString();
            text += d.value("text").toString();
        }
        QCOMPARE(blocks, (QStringList{"thinking", "text"}));
        QCOMPARE(reasoning, QStringLiteral("Let me think about this."));
        QCOMPARE(text, QStringLiteral("The answer is 42."));

        const QJsonArray whole = f.messages(QStringLiteral("[[scenario:reasoning]]"), false, thinking).json().value("content").toArray();
        QCOMPARE(whole.size(), 2);
        QCOMPARE(whole[0].toObject().value("thinking").toString(), QStringLiteral("Let me think about this."));
        QCOMPARE(whole[1].toObject().value("text").toString(), QStringLiteral("The answer is 42."));

        const QJsonObject plain = f.messages(QStringLiteral("[[scenario:reasoning]]"), false).json();
        QCOMPARE(plain.value("content").toArray().size(), 1);
        QCOMPARE(plain.value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("The answer is 42."));
        QVERIFY(plain.value("usage").toObject().value("output_tokens").toInt() > 5);   // the reasoning still counts
    }

    void contentLengthExceededIsMaxTokens()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:content_length]]"), false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("stop_reason").toString(), QStringLiteral("max_tokens"));
    }

    void countTokensCountsAPromptMessagesRefusesAsTooLong()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.promptTooLongPercent = 1; }));   // 2,000 of the fallback's 200,000 tokens
        QStringList words;
        for (int i = 0; i < 6000; ++i)
            words << QStringLiteral("word%1").arg(i % 7);
        QJsonObject body = ProxyFixture::request(words.join(QLatin1Char(' ')), false);
        const HttpResult refused = f.post("/v1/messages", body);
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.json().value("error").toObject().value("message").toString().startsWith(QLatin1String("prompt is too long: ")),
                 refused.body.constData());
        body.remove("max_tokens");
        const HttpResult counted = f.post("/v1/messages/count_tokens", body);
        QCOMPARE(counted.status, 200);
        QVERIFY(counted.json().value("input_tokens").toInt() > 2000);
        QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
    }

    void chineseTextSurvivesChunking()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult s = f.messages(QStringLiteral("[[scenario:cjk]]"), true);
        const HttpResult n = f.messages(QStringLiteral("[[scenario:cjk]]"), false);
        QString streamed;
        for (const auto &e : s.events())
            streamed += e.data.value("delta").toObject().value("text").toString();
        const QString whole = n.json().value("content").toArray()[0].toObject().value("text").toString();
        QCOMPARE(whole, QString::fromUtf8("你好，世界！这是一个测试。"));   // the scenario's three pieces, each cut mid-character
        QCOMPARE(streamed, whole);
    }

    void countTokensAndModels()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject body = ProxyFixture::request(QStringLiteral("Hello, how are you today?"), false);
        body.remove("max_tokens");
        const HttpResult c = f.post("/v1/messages/count_tokens", body);
        QCOMPARE(c.status, 200);
        QVERIFY(c.json().value("input_tokens").toInt() >= 1);
        QCOMPARE(c.json().keys(), QStringList{"input_tokens"});
        QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty()); // counted locally

        const HttpResult m = f.get("/v1/models");
        QCOMPARE(m.status, 200);
        const QJsonArray data = m.json().value("data").toArray();
        QCOMPARE(data.size(), 5);   // the fallback table: no catalogue fetched in this fixture
        bool sonnet = false;
        for (const auto &v : data)
            sonnet |= v.toObject().value("id").toString() == "claude-sonnet-4.5";
        QVERIFY(sonnet);
        const HttpResult one = f.get("/v1/models/claude-sonnet-4-5-20250929");   // the model that would serve it
        QCOMPARE(one.json().value("id").toString(), QStringLiteral("claude-sonnet-4.5"));
        QCOMPARE(one.header("kirotray-served-model"), QByteArray("claude-sonnet-4.5"));
        QCOMPARE(f.get("/v1/models/gpt-4").status, 404);
    }

    // Claude Code 2.1.328's tool search (docs/protocol.md#what-claude-code-21328-sends) against the fake's scripted session:
    // deferred tools stay out upstream until a tool_reference loads one, which arrives as text.
    void deferredToolSearchRoundTrip()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject first = QJsonDocument::fromJson(R"({"model":"claude-opus-5-5","max_tokens":128000,"stream":false,
            "thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"},
            "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
            "tools":[
              {"name":"ToolSearch","description":"Load deferred tools","input_schema":{"type":"object","properties":{"query":{"type":"string"}}}},
              {"name":"Bash","description":"Run a command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}},
              {"name":"Read","description":"Read a file","input_schema":{"type":"object"}},
              {"name":"Edit","description":"Edit a file","input_schema":{"type":"object"}},
              {"name":"DeferredToolPlaceholder","description":"p","input_schema":{"type":"object","properties":{}},"defer_loading":true},
              {"name":"WebFetch","description":"Fetch a URL","input_schema":{"type":"object"},"defer_loading":true}],
            "messages":[{"role":"user","content":[{"type":"text","text":"[[session:edit]] [[file:/tmp/kt-notes.txt]] Go",
                                                   "cache_control":{"type":"ephemeral"}}]},
                        {"role":"system","content":"Environment: test"}]})").object();
        // moc cannot read \" inside a raw string, so the JSON-string user_id is added here.
        first.insert("metadata", QJsonObject{{"user_id", QStringLiteral("{\"device_id\":\"0ded\",\"account_uuid\":\"\","
                                                                        "\"session_id\":\"8bb5523b-1111-4222-8333-444455556666\"}")}});
        const HttpResult r1 = f.post("/v1/messages", first);
        QCOMPARE(r1.status, 200);
        const QJsonArray content1 = r1.json().value("content").toArray();
        const QJsonObject search = content1.last().toObject();
        QCOMPARE(search.value("type").toString(), QStringLiteral("tool_use"));
        QCOMPARE(search.value("name").toString(), QStringLiteral("ToolSearch"));
        QCOMPARE(toolNames(f.fake.requests("/generateAssistantResponse").value(0).json()),
                 (QStringList{"ToolSearch", "Bash", "Read", "Edit"}));

        // The next request, as Claude Code sends it: WebFetch loaded in tools, a tool_reference result.
        QJsonObject second = first;
        QJsonArray tools = first.value("tools").toArray();
        QJsonObject webFetch = tools.takeAt(tools.size() - 1).toObject();
        webFetch.remove("defer_loading");
        tools.append(webFetch);
        second.insert("tools", tools);
        second.insert("stream", true);
        QJsonArray messages = first.value("messages").toArray();
        messages.append(QJsonObject{{"role", "assistant"}, {"content", content1}});
        QJsonObject toolLoaded = QJsonDocument::fromJson(R"({"role":"user","content":[
            {"type":"tool_result","tool_use_id":"","content":[{"type":"tool_reference","tool_name":"WebFetch"}]},
            {"type":"text","text":"Tool loaded.","cache_control":{"type":"ephemeral"}}]})").object();
        QJsonArray loadedContent = toolLoaded.value("content").toArray();
        QJsonObject result = loadedContent.at(0).toObject();
        result.insert("tool_use_id", search.value("id"));
        loadedContent.replace(0, result);
        toolLoaded.insert("content", loadedContent);
        messages.append(toolLoaded);
        second.insert("messages", messages);
        f.fake.clearRequests();
        const HttpResult r2 = f.post("/v1/messages", second);
        QCOMPARE(r2.status, 200);
        const QJsonObject sent = f.fake.requests("/generateAssistantResponse").value(0).json();
        QCOMPARE(toolNames(sent), (QStringList{"ToolSearch", "Bash", "Read", "Edit", "WebFetch"}));
        const QJsonObject current = sent.value("conversationState").toObject().value("currentMessage").toObject()
                                        .value("userInputMessage").toObject();
        QCOMPARE(current.value("content").toString(), QStringLiteral("Tool loaded."));
        QCOMPARE(current.value("userInputMessageContext").toObject().value("toolResults").toArray().at(0).toObject()
                     .value("content").toArray().at(0).toObject().value("text").toString(),
                 QStringLiteral("Tool WebFetch loaded."));
        // The script's next step (its own checks passed): Bash, streamed as a tool_use block.
        QString bashName;
        for (const auto &event : r2.events())
            if (event.name == "content_block_start" && event.data.value("content_block").toObject().value("type") == "tool_use")
                bashName = event.data.value("content_block").toObject().value("name").toString();
        QCOMPARE(bashName, QStringLiteral("Bash"));
    }

    void requestsAreLoggedAndRecorded()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QCOMPARE(f.messages(QStringLiteral("Hi"), true).status, 200);
        QTRY_COMPARE(f.records.size(), 1);
        const RequestRecord &r = f.records[0];
        QCOMPARE(r.status, 200);
        QCOMPARE(r.path, QStringLiteral("/v1/messages"));
        QVERIFY(r.stream);
        QCOMPARE(r.model, QStringLiteral("claude-sonnet-4-5-20250929"));
        QVERIFY(r.ttfbMs >= 0);
        QVERIFY(r.outputTokens > 0);
        QCOMPARE(r.attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TestE2eMessages)
#include "tst_e2e_messages.moc"
