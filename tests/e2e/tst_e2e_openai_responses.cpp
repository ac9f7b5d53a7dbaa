// POST /v1/responses end to end: the OpenAI Responses face on the real server against the fake Kiro
// upstream, with the exact stream event sequences (text, function calls, reasoning, faults), the
// response objects, what went upstream for item input, and the refusals in OpenAI's shape.
#include "openaiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QString Model = QStringLiteral("claude-sonnet-4-5-20250929");

QJsonObject responses(const QJsonValue &input, bool stream, const QJsonObject &extra = {})
{
    return withFields({{"model", Model}, {"stream", stream}, {"input", input}}, extra);
}

QJsonArray weatherTool()
{
    return {QJsonObject{{"type", "function"}, {"name", "get_weather"}, {"description", "Look up the weather"},
                        {"parameters", QJsonObject{{"type", "object"}, {"properties", QJsonObject{{"city", QJsonObject{{"type", "string"}}}}}}},
                        {"strict", false}},
            QJsonObject{{"type", "web_search"}}};
}

HttpResult post(ProxyFixture &f, const QJsonObject &body)
{
    return postOpenAi(f, "/v1/responses", body);
}

// Every event's data carries its own type and the next sequence number.
void verifyFraming(const HttpResult &r)
{
    const auto events = r.events();
    for (int i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].data.value("type").toString().toLatin1(), events[i].name);
        QCOMPARE(events[i].data.value("sequence_number").toInt(), i);
    }
}

} // namespace

class TestE2eOpenAiResponses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nonStreamingText()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("Hi", false, {{"instructions", "Be brief."}, {"store", false},
                                                             {"include", QJsonArray{"reasoning.encrypted_content"}},
                                                             {"prompt_cache_key", "abc"}, {"parallel_tool_calls", false}}));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QVERIFY(o.value("id").toString().startsWith("resp_"));
        QCOMPARE(o.value("object").toString(), QStringLiteral("response"));
        QCOMPARE(o.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(o.value("model").toString(), Model);
        const QJsonArray output = o.value("output").toArray();
        QCOMPARE(output.size(), 1);
        const QJsonObject message = output[0].toObject();
        QCOMPARE(message.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(message.value("role").toString(), QStringLiteral("assistant"));
        QCOMPARE(message.value("status").toString(), QStringLiteral("completed"));
        QVERIFY(message.value("id").toString().startsWith("msg_"));
        const QJsonObject part = message.value("content").toArray().first().toObject();
        QCOMPARE(part.value("type").toString(), QStringLiteral("output_text"));
        QCOMPARE(part.value("text").toString(), QStringLiteral("Hello, world!"));
        const QJsonObject usage = o.value("usage").toObject();
        QVERIFY(usage.value("input_tokens").toInt() > 0);
        QVERIFY(usage.value("output_tokens").toInt() > 0);
        QCOMPARE(usage.value("total_tokens").toInt(), usage.value("input_tokens").toInt() + usage.value("output_tokens").toInt());
        const QString system = firstUpstreamState(f).value("history").toArray()[0].toObject().value("userInputMessage").toObject().value("content").toString();
        QVERIFY(system.contains("Be brief."));
    }

    void streamingTextEvents()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("Hi", true));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        const QList<QByteArray> expected{"response.created", "response.in_progress", "response.output_item.added",
                                         "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                                         "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                                         "response.output_item.done", "response.completed"};
        QCOMPARE(r.eventNames(), expected);
        verifyFraming(r);
        QVERIFY(!r.body.contains("[DONE]"));
        const auto e = r.events();
        const QString id = e[0].data.value("response").toObject().value("id").toString();
        QCOMPARE(e[0].data.value("response").toObject().value("status").toString(), QStringLiteral("in_progress"));
        const QJsonObject added = e[2].data.value("item").toObject();
        QCOMPARE(added.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(added.value("status").toString(), QStringLiteral("in_progress"));
        const QString itemId = added.value("id").toString();
        QStringList deltas;
        for (int i = 4; i <= 6; ++i) {
            QCOMPARE(e[i].data.value("item_id").toString(), itemId);
            QCOMPARE(e[i].data.value("output_index").toInt(), 0);
            QCOMPARE(e[i].data.value("content_index").toInt(), 0);
            deltas << e[i].data.value("delta").toString();
        }
        QCOMPARE(deltas, (QStringList{"Hello", ", world", "!"}));
        QCOMPARE(e[7].data.value("text").toString(), QStringLiteral("Hello, world!"));
        QCOMPARE(e[8].data.value("part").toObject().value("text").toString(), QStringLiteral("Hello, world!"));
        const QJsonObject done = e[9].data.value("item").toObject();
        QCOMPARE(done.value("status").toString(), QStringLiteral("completed"));
        const QJsonObject completed = e[10].data.value("response").toObject();
        QCOMPARE(completed.value("id").toString(), id);
        QCOMPARE(completed.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(completed.value("output").toArray(), QJsonArray{done});
        QVERIFY(completed.value("usage").toObject().value("output_tokens").toInt() > 0);
    }

    void streamingFunctionCall()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("Weather in Oslo? [[scenario:tool]]", true, {{"tools", weatherTool()}}));
        QCOMPARE(r.status, 200);
        const QList<QByteArray> expected{"response.created", "response.in_progress",
                                         "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                                         "response.output_text.done", "response.content_part.done", "response.output_item.done",
                                         "response.output_item.added", "response.function_call_arguments.delta",
                                         "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                                         "response.function_call_arguments.done", "response.output_item.done", "response.completed"};
        QCOMPARE(r.eventNames(), expected);
        verifyFraming(r);
        const auto e = r.events();
        const QJsonObject added = e[8].data.value("item").toObject();
        QCOMPARE(e[8].data.value("output_index").toInt(), 1);
        QCOMPARE(added.value("type").toString(), QStringLiteral("function_call"));
        QCOMPARE(added.value("call_id").toString(), QStringLiteral("tooluse_abc"));
        QCOMPARE(added.value("name").toString(), QStringLiteral("get_weather"));
        QCOMPARE(added.value("arguments").toString(), QString());
        QString arguments;
        for (int i = 9; i <= 11; ++i) {
            QCOMPARE(e[i].data.value("item_id"), added.value("id"));
            arguments += e[i].data.value("delta").toString();
        }
        QCOMPARE(QJsonDocument::fromJson(arguments.toUtf8()).object(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));
        QCOMPARE(e[12].data.value("arguments").toString(), arguments);
        const QJsonObject done = e[13].data.value("item").toObject();
        QCOMPARE(done.value("arguments").toString(), arguments);
        QCOMPARE(done.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(e[14].data.value("response").toObject().value("output").toArray().size(), 2);
        // Only the function tool went upstream: built-in tools are left out.
        const QJsonArray tools = firstUpstreamState(f).value("currentMessage").toObject().value("userInputMessage").toObject()
                                     .value("userInputMessageContext").toObject().value("tools").toArray();
        QCOMPARE(tools.size(), 1);
    }

    void functionCallRoundTrip()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("Weather in Oslo? [[scenario:tool]]", false, {{"tools", weatherTool()}}));
        QCOMPARE(r.status, 200);
        const QJsonArray output = r.json().value("output").toArray();
        QCOMPARE(output.size(), 2);
        const QJsonObject call = output[1].toObject();
        QCOMPARE(call.value("type").toString(), QStringLiteral("function_call"));
        QCOMPARE(call.value("call_id").toString(), QStringLiteral("tooluse_abc"));
        QCOMPARE(QJsonDocument::fromJson(call.value("arguments").toString().toUtf8()).object(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));

        // Second turn as Codex sends it: the whole conversation, the output items echoed, the result.
        QJsonArray input{QJsonObject{{"type", "message"}, {"role", "user"},
                                     {"content", QJsonArray{QJsonObject{{"type", "input_text"}, {"text", "Weather in Oslo?"}}}}}};
        for (const QJsonValue &item : output)
            input.append(item);
        input.append(QJsonObject{{"type", "reasoning"}, {"id", "rs_1"}, {"summary", QJsonArray()}});
        input.append(QJsonObject{{"type", "function_call_output"}, {"call_id", "tooluse_abc"}, {"output", "21 degrees"}});
        f.fake.clearRequests();
        QCOMPARE(post(f, responses(input, false, {{"tools", weatherTool()}})).status, 200);
        const QJsonObject state = firstUpstreamState(f);
        const QJsonObject current = state.value("currentMessage").toObject().value("userInputMessage").toObject();
        const QJsonArray results = current.value("userInputMessageContext").toObject().value("toolResults").toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].toObject().value("toolUseId").toString(), QStringLiteral("tooluse_abc"));
        QCOMPARE(results[0].toObject().value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("21 degrees"));
        const QJsonObject assistant = state.value("history").toArray().last().toObject().value("assistantResponseMessage").toObject();
        QCOMPARE(assistant.value("content").toString(), QStringLiteral("Let me check."));
        QCOMPARE(assistant.value("toolUses").toArray().size(), 1);
    }

    void imageInput()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a").toBase64();
        const QJsonArray input{QJsonObject{{"role", "user"}, {"content", QJsonArray{
            QJsonObject{{"type", "input_text"}, {"text", "What is this?"}},
            QJsonObject{{"type", "input_image"}, {"image_url", "data:image/png;base64," + QString::fromLatin1(png)}, {"detail", "auto"}}}}}};
        QCOMPARE(post(f, responses(input, false)).status, 200);
        const QJsonObject current = firstUpstreamState(f).value("currentMessage").toObject().value("userInputMessage").toObject();
        QCOMPARE(current.value("content").toString(), QStringLiteral("What is this?"));
        QCOMPARE(current.value("images").toArray().size(), 1);
    }

    void reasoningSummary()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("[[scenario:thinking]]", true, {{"reasoning", QJsonObject{{"effort", "high"}, {"summary", "auto"}}}}));
        QCOMPARE(r.status, 200);
        verifyFraming(r);
        const QList<QByteArray> names = r.eventNames();
        QCOMPARE(names.mid(2, 3), (QList<QByteArray>{"response.output_item.added", "response.reasoning_summary_part.added",
                                                     "response.reasoning_summary_text.delta"}));
        QCOMPARE(r.events()[2].data.value("item").toObject().value("type").toString(), QStringLiteral("reasoning"));
        QVERIFY(names.contains("response.reasoning_summary_text.done"));
        QVERIFY(names.contains("response.output_text.delta"));
        QCOMPARE(names.last(), QByteArray("response.completed"));
        const QString current = firstUpstreamState(f).value("history").toArray()[0].toObject().value("userInputMessage").toObject().value("content").toString();
        QVERIFY(current.contains("<max_thinking_length>20000</max_thinking_length>"));
    }

    void maxOutputTokensIsIncomplete()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("[[scenario:content_length]]", true, {{"max_output_tokens", 50}}));
        QCOMPARE(r.eventNames().last(), QByteArray("response.incomplete"));
        const QJsonObject o = r.events().last().data.value("response").toObject();
        QCOMPARE(o.value("status").toString(), QStringLiteral("incomplete"));
        QCOMPARE(o.value("incomplete_details").toObject().value("reason").toString(), QStringLiteral("max_output_tokens"));
    }

    void faultMidStream()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, responses("[[scenario:drop]]", true));
        QCOMPARE(r.status, 200);
        QVERIFY(r.complete);
        verifyFraming(r);
        QCOMPARE(r.eventNames().last(), QByteArray("response.failed"));
        QVERIFY(!r.eventNames().contains("response.completed"));
        const QJsonObject failed = r.events().last().data.value("response").toObject();
        QCOMPARE(failed.value("status").toString(), QStringLiteral("failed"));
        QCOMPARE(failed.value("error").toObject().value("code").toString(), QStringLiteral("server_error"));
        QVERIFY(!failed.value("error").toObject().value("message").toString().isEmpty());
        const HttpResult n = post(f, responses("[[scenario:drop]]", false));
        QCOMPARE(n.status, 502);
        QCOMPARE(n.json().value("error").toObject().value("type").toString(), QStringLiteral("server_error"));
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("param");
        QTest::newRow("store true") << responses("Hi", false, {{"store", true}}) << "store";
        QTest::newRow("previous_response_id") << responses("Hi", false, {{"previous_response_id", "resp_1"}}) << "previous_response_id";
        QTest::newRow("background") << responses("Hi", false, {{"background", true}}) << "background";
        QTest::newRow("json schema") << responses("Hi", false, {{"text", QJsonObject{{"format", QJsonObject{{"type", "json_schema"}}}}}}) << "text.format";
        QTest::newRow("remote image") << responses(QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{
            QJsonObject{{"type", "input_image"}, {"image_url", "https://example.com/a.png"}}}}}}, false) << "input[0].content[0].image_url";
        QTest::newRow("file image") << responses(QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{
            QJsonObject{{"type", "input_image"}, {"file_id", "file-1"}}}}}}, false) << "input[0].content[0].file_id";
        QTest::newRow("unknown item") << responses(QJsonArray{QJsonObject{{"type", "computer_call"}}}, false) << "input[0].type";
        QTest::newRow("no input") << responses(QJsonArray(), false) << "input";
        QTest::newRow("bad effort") << responses("Hi", false, {{"reasoning", QJsonObject{{"effort", "huge"}}}}) << "reasoning.effort";
        QTest::newRow("bad limit") << responses("Hi", false, {{"max_output_tokens", 0}}) << "max_output_tokens";
    }

    void refusedRequests()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, param);
        ProxyFixture f;
        QVERIFY(f.start());
        verifyOpenAiError(post(f, body), 400, QStringLiteral("invalid_request_error"), param);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 0);
    }

    void loggedWithItsFace()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QCOMPARE(post(f, responses("Hi", true)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!f.records.isEmpty(), 10000);
        QCOMPARE(f.records.last().face, QStringLiteral("openai-responses"));
        QVERIFY(f.records.last().stream);
        QVERIFY(f.records.last().outputTokens > 0);
    }
};

QTEST_GUILESS_MAIN(TestE2eOpenAiResponses)
#include "tst_e2e_openai_responses.moc"
