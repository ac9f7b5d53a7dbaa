// POST /v1/chat/completions end to end: the OpenAI face on the real server, the fake Kiro upstream
// behind it, and every chunk a client sees checked (chunk order, ids, tool call reassembly,
// [DONE]), plus what went upstream and the errors in OpenAI's shape.
#include "openaiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QString Model = QStringLiteral("claude-sonnet-4-5-20250929");

QJsonObject chat(const QString &text, bool stream, const QJsonObject &extra = {})
{
    return withFields({{"model", Model}, {"stream", stream}, {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", text}}}}},
                      extra);
}

QJsonArray weatherTool()
{
    return {QJsonObject{{"type", "function"},
                        {"function", QJsonObject{{"name", "get_weather"}, {"description", "Look up the weather"},
                                                 {"parameters", QJsonObject{{"type", "object"},
                                                                            {"properties", QJsonObject{{"city", QJsonObject{{"type", "string"}}}}}}}}}}};
}

HttpResult post(ProxyFixture &f, const QJsonObject &body)
{
    return postOpenAi(f, "/v1/chat/completions", body);
}

QList<QJsonObject> chunks(const HttpResult &r)
{
    QList<QJsonObject> out;
    for (const QByteArray &d : r.dataLines())
        if (d != "[DONE]")
            out.append(QJsonDocument::fromJson(d).object());
    return out;
}

QJsonObject delta(const QJsonObject &chunk)
{
    return chunk.value("choices").toArray().first().toObject().value("delta").toObject();
}

QJsonValue finish(const QJsonObject &chunk)
{
    return chunk.value("choices").toArray().first().toObject().value("finish_reason");
}

} // namespace

class TestE2eOpenAiChat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nonStreamingText()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("Hi", false));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject c = r.json();
        QVERIFY(c.value("id").toString().startsWith("chatcmpl-"));
        QCOMPARE(c.value("object").toString(), QStringLiteral("chat.completion"));
        QVERIFY(c.value("created").toInteger() > 1700000000);
        QCOMPARE(c.value("model").toString(), Model);
        const QJsonArray choices = c.value("choices").toArray();
        QCOMPARE(choices.size(), 1);
        const QJsonObject choice = choices[0].toObject();
        QCOMPARE(choice.value("index").toInt(), 0);
        QCOMPARE(choice.value("finish_reason").toString(), QStringLiteral("stop"));
        const QJsonObject message = choice.value("message").toObject();
        QCOMPARE(message.value("role").toString(), QStringLiteral("assistant"));
        QCOMPARE(message.value("content").toString(), QStringLiteral("Hello, world!"));
        QVERIFY(!message.contains("tool_calls"));
        const QJsonObject usage = c.value("usage").toObject();
        QVERIFY(usage.value("prompt_tokens").toInt() > 0);
        QVERIFY(usage.value("completion_tokens").toInt() > 0);
        QCOMPARE(usage.value("total_tokens").toInt(), usage.value("prompt_tokens").toInt() + usage.value("completion_tokens").toInt());
    }

    void whatWasSentUpstream()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject body = chat("ignored", false, {{"max_completion_tokens", 300}, {"temperature", 0.2}, {"user", "u1"},
                                                   {"seed", 7}, {"parallel_tool_calls", true}, {"n", 1}, {"logprobs", false}});
        body.insert("messages", QJsonArray{QJsonObject{{"role", "system"}, {"content", "Be brief."}},
                                           QJsonObject{{"role", "developer"}, {"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", "Use metric."}}}}},
                                           QJsonObject{{"role", "user"}, {"content", "Hi there"}}});
        QCOMPARE(post(f, body).status, 200);
        const QJsonObject state = firstUpstreamState(f);
        const QJsonObject current = state.value("currentMessage").toObject().value("userInputMessage").toObject();
        QCOMPARE(current.value("content").toString(), QStringLiteral("Hi there"));
        QCOMPARE(current.value("modelId").toString(), QStringLiteral("claude-sonnet-4.5"));
        const QString system = state.value("history").toArray()[0].toObject().value("userInputMessage").toObject().value("content").toString();
        QVERIFY(system.contains("Be brief.\nUse metric."));
    }

    void streamingTextChunks()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("Hi", true));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        QVERIFY(!r.body.contains("event: "));   // OpenAI's stream has unnamed events only
        QVERIFY(r.body.endsWith("\n\ndata: [DONE]\n\n"));
        const QList<QJsonObject> c = chunks(r);
        QCOMPARE(c.size(), 5);   // role, three text deltas, finish
        const QString id = c[0].value("id").toString();
        QVERIFY(id.startsWith("chatcmpl-"));
        for (const QJsonObject &chunk : c) {
            QCOMPARE(chunk.value("object").toString(), QStringLiteral("chat.completion.chunk"));
            QCOMPARE(chunk.value("id").toString(), id);
            QCOMPARE(chunk.value("model").toString(), Model);
            QVERIFY(!chunk.contains("usage"));
        }
        QCOMPARE(delta(c[0]), (QJsonObject{{"role", "assistant"}, {"content", ""}, {"refusal", QJsonValue::Null}}));
        QCOMPARE(delta(c[1]), (QJsonObject{{"content", "Hello"}}));
        QCOMPARE(delta(c[2]), (QJsonObject{{"content", ", world"}}));
        QCOMPARE(delta(c[3]), (QJsonObject{{"content", "!"}}));
        QCOMPARE(delta(c[4]), QJsonObject());
        for (int i = 0; i < 4; ++i)
            QVERIFY(finish(c[i]).isNull());
        QCOMPARE(finish(c[4]).toString(), QStringLiteral("stop"));
    }

    void streamingIncludeUsage()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("Hi", true, {{"stream_options", QJsonObject{{"include_usage", true}}}}));
        QCOMPARE(r.status, 200);
        const QList<QJsonObject> c = chunks(r);
        QCOMPARE(c.size(), 6);
        for (int i = 0; i < 5; ++i)
            QVERIFY(c[i].value("usage").isNull());
        QVERIFY(c[5].value("choices").toArray().isEmpty());
        const QJsonObject usage = c[5].value("usage").toObject();
        QVERIFY(usage.value("prompt_tokens").toInt() > 0);
        QVERIFY(usage.value("completion_tokens").toInt() > 0);
        QCOMPARE(usage.value("total_tokens").toInt(), usage.value("prompt_tokens").toInt() + usage.value("completion_tokens").toInt());
        QCOMPARE(r.dataLines().last(), QByteArray("[DONE]"));
    }

    void streamingToolCall()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("Weather in Oslo? [[scenario:tool]]", true, {{"tools", weatherTool()}}));
        QCOMPARE(r.status, 200);
        const QList<QJsonObject> c = chunks(r);
        QVERIFY(c.size() >= 5);
        QCOMPARE(delta(c[1]), (QJsonObject{{"content", "Let me check."}}));
        const QJsonObject start = delta(c[2]).value("tool_calls").toArray().first().toObject();
        QCOMPARE(start, (QJsonObject{{"index", 0}, {"id", "tooluse_abc"}, {"type", "function"},
                                     {"function", QJsonObject{{"name", "get_weather"}, {"arguments", ""}}}}));
        QString arguments;
        for (int i = 3; i < c.size() - 1; ++i) {
            const QJsonObject call = delta(c[i]).value("tool_calls").toArray().first().toObject();
            QCOMPARE(call.value("index").toInt(), 0);
            QVERIFY(!call.contains("id"));
            arguments += call.value("function").toObject().value("arguments").toString();
        }
        QCOMPARE(QJsonDocument::fromJson(arguments.toUtf8()).object(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));
        QCOMPARE(finish(c.last()).toString(), QStringLiteral("tool_calls"));
        QCOMPARE(r.dataLines().last(), QByteArray("[DONE]"));
    }

    void toolCallAndResultRoundTrip()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject body = chat("Weather in Oslo? [[scenario:tool]]", false, {{"tools", weatherTool()}, {"tool_choice", "required"}});
        const HttpResult r = post(f, body);
        QCOMPARE(r.status, 200);
        const QJsonObject choice = r.json().value("choices").toArray().first().toObject();
        QCOMPARE(choice.value("finish_reason").toString(), QStringLiteral("tool_calls"));
        const QJsonObject message = choice.value("message").toObject();
        QCOMPARE(message.value("content").toString(), QStringLiteral("Let me check."));
        const QJsonArray calls = message.value("tool_calls").toArray();
        QCOMPARE(calls.size(), 1);
        const QJsonObject call = calls[0].toObject();
        QCOMPARE(call.value("id").toString(), QStringLiteral("tooluse_abc"));
        QCOMPARE(call.value("type").toString(), QStringLiteral("function"));
        QCOMPARE(call.value("function").toObject().value("name").toString(), QStringLiteral("get_weather"));
        const QString arguments = call.value("function").toObject().value("arguments").toString();
        QCOMPARE(QJsonDocument::fromJson(arguments.toUtf8()).object(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));

        // Second turn: the assistant message as the SDK echoes it, then the tool's answer.
        QJsonArray messages = body.value("messages").toArray();
        messages.append(message);
        messages.append(QJsonObject{{"role", "tool"}, {"tool_call_id", "tooluse_abc"}, {"content", "21 degrees"}});
        body.insert("messages", messages);
        f.fake.clearRequests();
        QCOMPARE(post(f, body).status, 200);
        const QJsonObject state = firstUpstreamState(f);
        const QJsonObject current = state.value("currentMessage").toObject().value("userInputMessage").toObject();
        const QJsonArray results = current.value("userInputMessageContext").toObject().value("toolResults").toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].toObject().value("toolUseId").toString(), QStringLiteral("tooluse_abc"));
        QCOMPARE(results[0].toObject().value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("21 degrees"));
        const QJsonObject assistant = state.value("history").toArray().last().toObject().value("assistantResponseMessage").toObject();
        const QJsonArray uses = assistant.value("toolUses").toArray();
        QCOMPARE(uses.size(), 1);
        QCOMPARE(uses[0].toObject().value("input").toObject(), (QJsonObject{{"city", "Oslo"}, {"days", 3}}));
    }

    void imageDataUrl()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject body = chat("", false);
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a").toBase64();
        body.insert("messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{
            QJsonObject{{"type", "text"}, {"text", "What is this?"}},
            QJsonObject{{"type", "image_url"}, {"image_url", QJsonObject{{"url", "data:image/png;base64," + QString::fromLatin1(png)}, {"detail", "low"}}}}}}}});
        QCOMPARE(post(f, body).status, 200);
        const QJsonObject current = firstUpstreamState(f).value("currentMessage").toObject().value("userInputMessage").toObject();
        QCOMPARE(current.value("content").toString(), QStringLiteral("What is this?"));
        const QJsonArray images = current.value("images").toArray();
        QCOMPARE(images.size(), 1);
        QCOMPARE(images[0].toObject().value("format").toString(), QStringLiteral("png"));
        QCOMPARE(images[0].toObject().value("source").toObject().value("bytes").toString(), QString::fromLatin1(png));
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("param");
        QTest::newRow("n > 1") << QJsonObject{{"n", 2}} << "n";
        QTest::newRow("logprobs") << QJsonObject{{"logprobs", true}} << "logprobs";
        QTest::newRow("audio") << QJsonObject{{"audio", QJsonObject{{"voice", "alloy"}, {"format", "wav"}}}} << "audio";
        QTest::newRow("json_schema") << QJsonObject{{"response_format", QJsonObject{{"type", "json_schema"}}}} << "response_format";
        QTest::newRow("remote image") << QJsonObject{{"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{
            QJsonObject{{"type", "image_url"}, {"image_url", QJsonObject{{"url", "https://example.com/cat.png"}}}}}}}}}}
                                      << "messages[0].content[0].image_url.url";
        QTest::newRow("bad role") << QJsonObject{{"messages", QJsonArray{QJsonObject{{"role", "function"}, {"content", "x"}}}}} << "messages[0].role";
        QTest::newRow("no messages") << QJsonObject{{"messages", QJsonArray()}} << "messages";
        QTest::newRow("bad tool call arguments") << QJsonObject{{"messages", QJsonArray{
            QJsonObject{{"role", "user"}, {"content", "x"}},
            QJsonObject{{"role", "assistant"}, {"tool_calls", QJsonArray{QJsonObject{{"id", "c1"}, {"type", "function"},
                {"function", QJsonObject{{"name", "f"}, {"arguments", "[1,"}}}}}}}}}} << "messages[1].tool_calls[0]";
        QTest::newRow("non-function tool") << QJsonObject{{"tools", QJsonArray{QJsonObject{{"type", "custom"}, {"custom", QJsonObject{{"name", "x"}}}}}}} << "tools[0].type";
        QTest::newRow("bad max_completion_tokens") << QJsonObject{{"max_completion_tokens", -5}} << "max_completion_tokens";
        QTest::newRow("bad reasoning_effort") << QJsonObject{{"reasoning_effort", "extreme"}} << "reasoning_effort";
        QTest::newRow("unknown model") << QJsonObject{{"model", "gpt-4o"}} << "model";
    }

    void refusedRequests()
    {
        QFETCH(QJsonObject, extra);
        QFETCH(QString, param);
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("Hi", true, extra));
        verifyOpenAiError(r, 400, QStringLiteral("invalid_request_error"), param);
        QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(param.section('[', 0, 0).section('.', 0, 0)),
                 r.body.constData());
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 0);
    }

    void errorsInOpenAiShape()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult bad = f.postRaw("/v1/chat/completions", "{not json", bearer());
        verifyOpenAiError(bad, 400, QStringLiteral("invalid_request_error"), QJsonValue::Null);
        const HttpResult unauthorized = f.postRaw("/v1/chat/completions", QJsonDocument(chat("Hi", false)).toJson(),
                                                  bearer("wrong"));
        QCOMPARE(unauthorized.status, 401);
        QCOMPARE(unauthorized.json().value("error").toObject().value("code").toString(), QStringLiteral("invalid_api_key"));
        const HttpResult get = f.get("/v1/chat/completions", bearer());
        QCOMPARE(get.status, 405);
        QVERIFY(get.json().value("error").toObject().contains("param"));
        // The same mistakes on /v1/messages keep Anthropic's shape.
        const HttpResult anthropic = f.postRaw("/v1/messages", "{not json", f.authHeaders());
        QCOMPARE(anthropic.json().value("type").toString(), QStringLiteral("error"));
    }

    void stopSequences()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        // The fake answers "Hello", ", world", "!": the text ends where "orl" begins.
        const HttpResult r = post(f, chat("Hi", true, {{"stop", QJsonArray{"orl", "zzz"}}}));
        QCOMPARE(r.status, 200);
        const QList<QJsonObject> c = chunks(r);
        QCOMPARE(c.size(), 4);
        QCOMPARE(delta(c[1]), (QJsonObject{{"content", "Hell"}}));   // "o" might begin "orl": held back
        QCOMPARE(delta(c[2]), (QJsonObject{{"content", "o, w"}}));
        QCOMPARE(finish(c[3]).toString(), QStringLiteral("stop"));
        QCOMPARE(r.dataLines().last(), QByteArray("[DONE]"));
        const HttpResult n = post(f, chat("Hi", false, {{"stop", "orl"}}));
        QCOMPARE(n.json().value("choices").toArray()[0].toObject().value("message").toObject().value("content").toString(), QStringLiteral("Hello, w"));
        // A possible start held back, then sent once the text goes on differently.
        const HttpResult held = post(f, chat("Hi", true, {{"stop", "o, x"}}));
        const QList<QJsonObject> h = chunks(held);
        QCOMPARE(delta(h[1]), (QJsonObject{{"content", "Hell"}}));
        QCOMPARE(delta(h[2]), (QJsonObject{{"content", "o, world"}}));
        QCOMPARE(delta(h[3]), (QJsonObject{{"content", "!"}}));
        QCOMPARE(finish(h.last()).toString(), QStringLiteral("stop"));
    }

    void lengthFinish()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("[[scenario:content_length]]", false));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("choices").toArray().first().toObject().value("finish_reason").toString(), QStringLiteral("length"));
    }

    void upstreamErrorAnswered()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("[[scenario:exception]]", false));
        verifyOpenAiError(r, 429, QStringLiteral("rate_limit_error"), QJsonValue::Null);
        QCOMPARE(r.json().value("error").toObject().value("code").toString(), QStringLiteral("rate_limit_exceeded"));
    }

    void faultMidStream()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = post(f, chat("[[scenario:drop]]", true));
        QCOMPARE(r.status, 200);
        QVERIFY(r.complete);
        const QList<QByteArray> data = r.dataLines();
        QVERIFY(!data.contains("[DONE]"));   // the SDKs raise the error instead of ending quietly
        const QJsonObject error = QJsonDocument::fromJson(data.last()).object().value("error").toObject();
        QCOMPARE(error.value("type").toString(), QStringLiteral("server_error"));
        QVERIFY(!error.value("message").toString().isEmpty());
        QCOMPARE(delta(QJsonDocument::fromJson(data[1]).object()), (QJsonObject{{"content", "Before "}}));
        // Non-streaming: an error status, no half answer.
        const HttpResult n = post(f, chat("[[scenario:drop]]", false));
        verifyOpenAiError(n, 502, QStringLiteral("server_error"), QJsonValue::Null);
    }

    void loggedWithItsFace()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QCOMPARE(post(f, chat("Hi", false)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!f.records.isEmpty(), 10000);
        QCOMPARE(f.records.last().path, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(f.records.last().face, QStringLiteral("openai-chat"));
        QCOMPARE(f.records.last().model, Model);
        QVERIFY(f.records.last().outputTokens > 0);
        QCOMPARE(f.messages("Hi", false).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(f.records.size(), 2, 10000);
        const QJsonArray logs = f.api("GET", "/api/logs").json().value("logs").toArray();
        QCOMPARE(logs.size(), 2);   // newest first
        QCOMPARE(logs[0].toObject().value("face").toString(), QStringLiteral("anthropic"));
        QCOMPARE(logs[1].toObject().value("face").toString(), QStringLiteral("openai-chat"));
        QCOMPARE(logs[1].toObject().value("path").toString(), QStringLiteral("/v1/chat/completions"));
    }
};

QTEST_GUILESS_MAIN(TestE2eOpenAiChat)
#include "tst_e2e_openai_chat.moc"
