// The OpenAI answer formats on their own: Anthropic stream events in, Chat Completions chunks and
// Responses events out (tool call indexes, reasoning, usage, sequence numbers, faults), the
// non-streaming objects, and errors in OpenAI's shape.
#include "openai/chatformat.h"
#include "openai/openaierror.h"
#include "openai/responsesformat.h"
#include "openai/stopsequences.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;

namespace {

SseEvent ev(const char *name, QJsonObject data)
{
    data.insert("type", QLatin1String(name));
    return SseEvent::fromJson(name, data);
}

QList<SseEvent> twoToolsWithThinking()
{
    return {ev("message_start", {{"message", QJsonObject{{"usage", QJsonObject{{"input_tokens", 10}, {"output_tokens", 1}}}}}}),
            ev("content_block_start", {{"index", 0}, {"content_block", QJsonObject{{"type", "thinking"}, {"thinking", ""}}}}),
            ev("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "thinking_delta"}, {"thinking", "Hmm"}}}}),
            ev("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "signature_delta"}, {"signature", "s"}}}}),
            ev("content_block_stop", {{"index", 0}}),
            ev("content_block_start", {{"index", 1}, {"content_block", QJsonObject{{"type", "tool_use"}, {"id", "t1"}, {"name", "a"}, {"input", QJsonObject()}}}}),
            ev("content_block_delta", {{"index", 1}, {"delta", QJsonObject{{"type", "input_json_delta"}, {"partial_json", "{\"x\":1}"}}}}),
            ev("content_block_stop", {{"index", 1}}),
            ev("content_block_start", {{"index", 2}, {"content_block", QJsonObject{{"type", "tool_use"}, {"id", "t2"}, {"name", "b"}, {"input", QJsonObject()}}}}),
            ev("content_block_stop", {{"index", 2}}),
            ev("message_delta", {{"delta", QJsonObject{{"stop_reason", "tool_use"}}}, {"usage", QJsonObject{{"output_tokens", 7}}}}),
            ev("message_stop", {})};
}

QList<QJsonObject> dataObjects(const QByteArray &sse)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : sse.split('\n'))
        if (line.startsWith("data: {"))
            out.append(QJsonDocument::fromJson(line.mid(6)).object());
    return out;
}

} // namespace

class TestOpenAiFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatStreamToolsAndReasoning()
    {
        ChatFormat f(QStringLiteral("claude-x"), true);
        const QByteArray out = f.streamEvents(twoToolsWithThinking()) + f.streamEnd();
        QVERIFY(out.endsWith("data: [DONE]\n\n"));
        const QList<QJsonObject> c = dataObjects(out);
        QCOMPARE(c.size(), 7);   // role, reasoning, call 0, its arguments, call 1, finish, usage
        const auto delta = [&](int i) { return c[i].value("choices").toArray()[0].toObject().value("delta").toObject(); };
        QCOMPARE(delta(1), (QJsonObject{{"reasoning_content", "Hmm"}}));
        QCOMPARE(delta(2).value("tool_calls").toArray()[0].toObject().value("index").toInt(), 0);
        QCOMPARE(delta(3).value("tool_calls").toArray()[0].toObject().value("function").toObject().value("arguments").toString(), QStringLiteral("{\"x\":1}"));
        QCOMPARE(delta(4).value("tool_calls").toArray()[0].toObject().value("index").toInt(), 1);
        QCOMPARE(delta(4).value("tool_calls").toArray()[0].toObject().value("id").toString(), QStringLiteral("t2"));
        QCOMPARE(c[5].value("choices").toArray()[0].toObject().value("finish_reason").toString(), QStringLiteral("tool_calls"));
        QVERIFY(c[5].value("usage").isNull());
        QCOMPARE(c[6].value("usage").toObject(), (QJsonObject{{"prompt_tokens", 10}, {"completion_tokens", 7}, {"total_tokens", 17}}));
        QCOMPARE(f.streamPing(), QByteArray(": ping\n\n"));
    }

    void chatBodyAndFinishReasons()
    {
        ChatFormat f(QStringLiteral("m"), false);
        const QJsonObject body = f.body({{"stop_reason", "tool_use"}, {"usage", QJsonObject{{"input_tokens", 3}, {"output_tokens", 4}, {"cache_read_input_tokens", 2}}},
                                         {"content", QJsonArray{QJsonObject{{"type", "tool_use"}, {"id", "t"}, {"name", "n"}, {"input", QJsonObject{{"a", 1}}}}}}});
        const QJsonObject message = body.value("choices").toArray()[0].toObject().value("message").toObject();
        QVERIFY(message.value("content").isNull());
        QCOMPARE(message.value("tool_calls").toArray()[0].toObject().value("function").toObject().value("arguments").toString(), QStringLiteral("{\"a\":1}"));
        QCOMPARE(body.value("usage").toObject().value("prompt_tokens").toInt(), 5);
        QCOMPARE(body.value("usage").toObject().value("prompt_tokens_details").toObject().value("cached_tokens").toInt(), 2);
        QCOMPARE(ChatFormat::finishReason("end_turn"), QStringLiteral("stop"));
        QCOMPARE(ChatFormat::finishReason("max_tokens"), QStringLiteral("length"));
        QCOMPARE(ChatFormat::finishReason("model_context_window_exceeded"), QStringLiteral("length"));
        const QByteArray error = f.streamError(ApiError::api("boom"));
        QCOMPARE(error, QByteArray(R"(data: {"error":{"code":null,"message":"boom","param":null,"type":"server_error"}})" "\n\n"));
    }

    void stopSequencesHoldBackAndCut()
    {
        StopSequences s({"END", "!!"});
        QCOMPARE(s.feed("Hello E"), QStringLiteral("Hello "));   // "E" may begin END
        QCOMPARE(s.feed("N"), QString());                        // "EN" still may
        QCOMPARE(s.feed("X and !"), QStringLiteral("ENX and "));
        QCOMPARE(s.flush(), QStringLiteral("!"));                // the block ended: it was text after all
        QVERIFY(!s.stopped());
        QCOMPARE(s.feed("one !!two"), QStringLiteral("one "));
        QVERIFY(s.stopped());
        QCOMPARE(s.feed("more"), QString());
        StopSequences whole({"b", "a"});
        QCOMPARE(whole.cut("xxabc"), QStringLiteral("xx"));
        QVERIFY(whole.stopped());
    }

    void chatStreamStopsAtStopSequence()
    {
        ChatFormat f(QStringLiteral("m"), false, {"STOP"});
        const auto text = [](const QString &t) {
            return ev("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "text_delta"}, {"text", t}}}});
        };
        const QByteArray out = f.streamEvents({ev("message_start", {{"message", QJsonObject()}}),
                                               ev("content_block_start", {{"index", 0}, {"content_block", QJsonObject{{"type", "text"}}}}),
                                               text("one ST"), text("OP two"), ev("content_block_stop", {{"index", 0}}),
                                               ev("content_block_start", {{"index", 1}, {"content_block", QJsonObject{{"type", "tool_use"}, {"id", "t"}, {"name", "n"}}}}),
                                               ev("content_block_stop", {{"index", 1}}),
                                               ev("message_delta", {{"delta", QJsonObject{{"stop_reason", "tool_use"}}}, {"usage", QJsonObject()}})});
        const QList<QJsonObject> c = dataObjects(out);
        QCOMPARE(c.size(), 3);   // role, "one ", finish: no tool call after the stop
        QCOMPARE(c[1].value("choices").toArray()[0].toObject().value("delta").toObject(), (QJsonObject{{"content", "one "}}));
        QCOMPARE(c[2].value("choices").toArray()[0].toObject().value("finish_reason").toString(), QStringLiteral("stop"));
        ChatFormat g(QStringLiteral("m"), false, {"STOP"});
        const QJsonObject body = g.body({{"stop_reason", "end_turn"}, {"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", "a STOP b"}}}}});
        QCOMPARE(body.value("choices").toArray()[0].toObject().value("message").toObject().value("content").toString(), QStringLiteral("a "));
    }

    void responsesStream()
    {
        ResponsesFormat f(QStringLiteral("m"));
        const QByteArray out = f.streamEvents(twoToolsWithThinking());
        const QList<QJsonObject> e = dataObjects(out);
        for (int i = 0; i < e.size(); ++i)
            QCOMPARE(e[i].value("sequence_number").toInt(), i);
        QStringList types;
        for (const QJsonObject &o : e)
            types << o.value("type").toString();
        QCOMPARE(types, (QStringList{"response.created", "response.in_progress",
                                     "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                                     "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                                     "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
                                     "response.output_item.done",
                                     "response.output_item.added", "response.function_call_arguments.done", "response.output_item.done",
                                     "response.completed"}));
        const QJsonObject completed = e.last().value("response").toObject();
        const QJsonArray output = completed.value("output").toArray();
        QCOMPARE(output.size(), 3);
        QCOMPARE(output[0].toObject().value("summary").toArray()[0].toObject().value("text").toString(), QStringLiteral("Hmm"));
        QCOMPARE(output[2].toObject().value("arguments").toString(), QStringLiteral("{}"));   // no input at all
        QCOMPARE(e[12].value("output_index").toInt(), 2);
        QCOMPARE(completed.value("usage").toObject().value("total_tokens").toInt(), 17);
        // A fault afterwards would be a response.failed carrying what was done.
        const QList<QJsonObject> failed = dataObjects(f.streamError(ApiError::rateLimit("slow down")));
        QCOMPARE(failed[0].value("type").toString(), QStringLiteral("response.failed"));
        QCOMPARE(failed[0].value("sequence_number").toInt(), e.size());
        QCOMPARE(failed[0].value("response").toObject().value("error").toObject(),
                 (QJsonObject{{"code", "rate_limit_exceeded"}, {"message", "slow down"}}));
    }

    // The fixed events are written as text, not built as objects: each must still be the very bytes
    // Qt would write for the object it holds (sorted keys, compact), and say the same.
    void responsesTextEventsAreQtsOwnJson()
    {
        const QString text = QStringLiteral("Say \"hi\"\n\tüñ 😀 \\ </script>");
        const QList<SseEvent> events{
            ev("message_start", {{"message", QJsonObject{{"usage", QJsonObject{{"input_tokens", 3}}}}}}),
            ev("content_block_start", {{"index", 0}, {"content_block", QJsonObject{{"type", "text"}, {"text", ""}}}}),
            ev("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "text_delta"}, {"text", text.left(5)}}}}),
            ev("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "text_delta"}, {"text", text.mid(5)}}}}),
            ev("content_block_stop", {{"index", 0}}),
            ev("message_delta", {{"delta", QJsonObject{{"stop_reason", "end_turn"}}}, {"usage", QJsonObject{{"output_tokens", 4}}}}),
            ev("message_stop", {})};
        ResponsesFormat f(QStringLiteral("model \"x\""));
        QByteArray out = f.streamEvents(events);
        ResponsesFormat tools(QStringLiteral("m"));
        out += tools.streamEvents(twoToolsWithThinking());
        int lines = 0;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.startsWith("data: "))
                continue;
            ++lines;
            const QByteArray json = line.mid(6);
            QJsonParseError error;
            const QJsonDocument parsed = QJsonDocument::fromJson(json, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            if (!json.startsWith("{\"type\":"))   // the deltas put their type first, as OpenAI does
                QCOMPARE(parsed.toJson(QJsonDocument::Compact), json);
        }
        QCOMPARE(lines, 10 + 16);
        const QList<QJsonObject> e = dataObjects(out);
        const QString id = e[0].value("response").toObject().value("id").toString();
        QVERIFY(id.startsWith("resp_"));
        const QString item = QStringLiteral("msg_") + id.mid(5) + QStringLiteral("_0");
        const QJsonObject started{{"created_at", e[0].value("response").toObject().value("created_at")}, {"error", QJsonValue::Null},
                                  {"id", id}, {"incomplete_details", QJsonValue::Null}, {"model", "model \"x\""}, {"object", "response"},
                                  {"output", QJsonArray()}, {"parallel_tool_calls", true}, {"status", "in_progress"}, {"store", false},
                                  {"tool_choice", "auto"}, {"tools", QJsonArray()}, {"usage", QJsonValue::Null}};
        QCOMPARE(e[0], (QJsonObject{{"response", started}, {"sequence_number", 0}, {"type", "response.created"}}));
        QCOMPARE(e[1], (QJsonObject{{"response", started}, {"sequence_number", 1}, {"type", "response.in_progress"}}));
        const auto part = [](const QString &t) {
            return QJsonObject{{"annotations", QJsonArray()}, {"logprobs", QJsonArray()}, {"text", t}, {"type", "output_text"}};
        };
        const auto message = [&](const char *status, const QJsonArray &content) {
            return QJsonObject{{"id", item}, {"type", "message"}, {"status", status}, {"role", "assistant"}, {"content", content}};
        };
        QCOMPARE(e[2], (QJsonObject{{"item", message("in_progress", {})}, {"output_index", 0}, {"sequence_number", 2},
                                    {"type", "response.output_item.added"}}));
        QCOMPARE(e[3], (QJsonObject{{"content_index", 0}, {"item_id", item}, {"output_index", 0}, {"part", part("")},
                                    {"sequence_number", 3}, {"type", "response.content_part.added"}}));
        QCOMPARE(e[6], (QJsonObject{{"content_index", 0}, {"item_id", item}, {"logprobs", QJsonArray()}, {"output_index", 0},
                                    {"text", text}, {"sequence_number", 6}, {"type", "response.output_text.done"}}));
        QCOMPARE(e[7], (QJsonObject{{"content_index", 0}, {"item_id", item}, {"output_index", 0}, {"part", part(text)},
                                    {"sequence_number", 7}, {"type", "response.content_part.done"}}));
        QCOMPARE(e[8], (QJsonObject{{"item", message("completed", {part(text)})}, {"output_index", 0}, {"sequence_number", 8},
                                    {"type", "response.output_item.done"}}));
        QCOMPARE(e[9].value("type").toString(), QStringLiteral("response.completed"));
        QCOMPARE(e[9].value("response").toObject().value("output").toArray(), (QJsonArray{message("completed", {part(text)})}));
        const QJsonObject args = e[10 + 10];
        QCOMPARE(args.value("type").toString(), QStringLiteral("response.function_call_arguments.done"));
        QCOMPARE(args.value("arguments").toString(), QStringLiteral("{\"x\":1}"));
        QCOMPARE(args.value("item_id").toString().left(3), QStringLiteral("fc_"));
    }

    void responsesBodyIds()
    {
        ResponsesFormat f(QStringLiteral("m"));
        const QJsonObject body = f.body({{"stop_reason", "max_tokens"}, {"usage", QJsonObject{{"input_tokens", 1}, {"output_tokens", 2}}},
                                         {"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", "Hi"}}}}});
        QCOMPARE(body.value("status").toString(), QStringLiteral("incomplete"));
        QCOMPARE(body.value("incomplete_details").toObject().value("reason").toString(), QStringLiteral("max_output_tokens"));
        const QString id = body.value("id").toString();
        QCOMPARE(body.value("output").toArray()[0].toObject().value("id").toString(), QStringLiteral("msg_") + id.mid(5) + QStringLiteral("_0"));
    }

    void errorShape_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("anthropicType");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        QTest::newRow("auth") << 401 << "authentication_error" << "invalid_request_error" << "invalid_api_key";
        QTest::newRow("rate") << 429 << "rate_limit_error" << "rate_limit_error" << "rate_limit_exceeded";
        QTest::newRow("billing") << 402 << "billing_error" << "insufficient_quota" << "insufficient_quota";
        QTest::newRow("overloaded") << 529 << "overloaded_error" << "server_error" << "server_overloaded";
        QTest::newRow("upstream") << 502 << "api_error" << "server_error" << "";
        QTest::newRow("not found") << 404 << "not_found_error" << "invalid_request_error" << "not_found";
    }

    void errorShape()
    {
        QFETCH(int, status);
        QFETCH(QString, anthropicType);
        QFETCH(QString, type);
        QFETCH(QString, code);
        const QJsonObject e = OpenAiError::toJson({status, anthropicType, QStringLiteral("model: sounds like a field")}).value("error").toObject();
        QCOMPARE(e.value("type").toString(), type);
        QCOMPARE(e.value("code").toString(), code);
        QVERIFY(e.value("param").isNull());   // only a 400 names a field
        QCOMPARE(e.value("message").toString(), QStringLiteral("model: sounds like a field"));
    }

    void errorParam()
    {
        const QJsonObject e = OpenAiError::toJson(OpenAiError::invalid("messages[2].content[0].image_url.url", "no")).value("error").toObject();
        QCOMPARE(e.value("param").toString(), QStringLiteral("messages[2].content[0].image_url.url"));
        QVERIFY(OpenAiError::toJson(ApiError::invalidRequest("invalid JSON at offset 3: x")).value("error").toObject().value("param").isNull());
    }

    void promptTooLongIsContextLengthExceeded()
    {
        const QJsonObject e = OpenAiError::toJson(ApiError::invalidRequest("prompt is too long: 300 tokens > 200 maximum")).value("error").toObject();
        QCOMPARE(e.value("code").toString(), QStringLiteral("context_length_exceeded"));
        QVERIFY(e.value("param").isNull());
    }
};

QTEST_GUILESS_MAIN(TestOpenAiFormats)
#include "tst_openaiformats.moc"
