// ResponseAssembler: Kiro frames -> Anthropic stream events and the non-streaming message,
// checked event by event and field by field, plus the structural rules SDK accumulators rely on.
#include "anthropic/messageaggregator.h"
#include "anthropic/responseassembler.h"
#include "anthropic/sseformat.h"
#include "anthropic/tokenestimator.h"
#include "codec/eventstreammessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace kt;

namespace {

const QString kId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
const QString kModel = QStringLiteral("claude-sonnet-4-5-20250929");

QByteArray js(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject obj(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT(doc.isObject());
    return doc.object();
}

EventStreamMessage frame(const QString &messageType, const QString &typeHeader, const QString &typeValue,
                         const QByteArray &payload)
{
    EventStreamMessage m;
    if (!typeHeader.isEmpty())
        m.headers.append({typeHeader, typeValue});
    m.headers.append({QStringLiteral(":content-type"), QStringLiteral("application/json")});
    if (!messageType.isEmpty())
        m.headers.append({QStringLiteral(":message-type"), messageType});
    m.payload = payload;
    return m;
}

EventStreamMessage kiroEvent(const QString &type, const QJsonObject &payload)
{
    return frame(QStringLiteral("event"), QStringLiteral(":event-type"), type, js(payload));
}

EventStreamMessage text(const QString &content)
{
    return kiroEvent(QStringLiteral("assistantResponseEvent"), {{QStringLiteral("content"), content}});
}

EventStreamMessage tool(const QString &id, const QString &name, const QJsonValue &input, bool stop = false)
{
    QJsonObject p{{QStringLiteral("toolUseId"), id}, {QStringLiteral("name"), name}};
    if (!input.isUndefined())
        p.insert(QStringLiteral("input"), input);
    if (stop)
        p.insert(QStringLiteral("stop"), true);
    return kiroEvent(QStringLiteral("toolUseEvent"), p);
}

EventStreamMessage contextUsageFrame(const QJsonValue &pct)
{
    return kiroEvent(QStringLiteral("contextUsageEvent"), {{QStringLiteral("contextUsagePercentage"), pct}});
}

EventStreamMessage exception(const QString &type, const QByteArray &payload)
{
    return frame(QStringLiteral("exception"), QStringLiteral(":exception-type"), type, payload);
}

ResponseAssembler::Options options(bool thinking = false)
{
    ResponseAssembler::Options o;
    o.messageId = kId;
    o.requestedModel = kModel;
    o.kiroModelId = QStringLiteral("claude-sonnet-4.5");
    o.thinkingEnabled = thinking;
    o.estimatedInputTokens = 42;
    return o;
}

QList<SseEvent> runAll(ResponseAssembler &a, const QList<EventStreamMessage> &frames)
{
    QList<SseEvent> all = a.start();
    for (const EventStreamMessage &m : frames)
        all += a.onMessage(m);
    all += a.finish();
    return all;
}

QStringList names(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events)
        out.append(QString::fromLatin1(e.name));
    return out;
}

// Short names for sequences: start/stop of blocks and delta kinds.
QStringList shape(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events) {
        const QString n = QString::fromLatin1(e.name);
        if (n == QLatin1String("content_block_start"))
            out.append(QStringLiteral("start:") + e.data[QLatin1String("content_block")][QLatin1String("type")].toString()
                       + QLatin1Char('@') + QString::number(e.data[QLatin1String("index")].toInt()));
        else if (n == QLatin1String("content_block_delta"))
            out.append(e.data[QLatin1String("delta")][QLatin1String("type")].toString() + QLatin1Char('@')
                       + QString::number(e.data[QLatin1String("index")].toInt()));
        else if (n == QLatin1String("content_block_stop"))
            out.append(QStringLiteral("stop@") + QString::number(e.data[QLatin1String("index")].toInt()));
        else
            out.append(n);
    }
    return out;
}

// The rules the SDK accumulators (messages.stream() / finalMessage()) depend on.
void validateStream(const QList<SseEvent> &events)
{
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().name, QByteArray("message_start"));
    QCOMPARE(events.last().name, QByteArray("message_stop"));
    QCOMPARE(events.at(events.size() - 2).name, QByteArray("message_delta"));
    int nextIndex = 0;
    int open = -1;
    QString openType;
    for (int i = 0; i < events.size(); ++i) {
        const SseEvent &e = events.at(i);
        QCOMPARE(e.data[QLatin1String("type")].toString(), QString::fromLatin1(e.name));
        if (i > 0)
            QVERIFY(e.name != "message_start");
        if (e.name == "content_block_start") {
            QCOMPARE(open, -1);
            QCOMPARE(e.data[QLatin1String("index")].toInt(-1), nextIndex);
            open = nextIndex++;
            openType = e.data[QLatin1String("content_block")][QLatin1String("type")].toString();
        } else if (e.name == "content_block_delta") {
            QCOMPARE(e.data[QLatin1String("index")].toInt(-1), open);
            const QString dt = e.data[QLatin1String("delta")][QLatin1String("type")].toString();
            if (openType == QLatin1String("text"))
                QCOMPARE(dt, QStringLiteral("text_delta"));
            else if (openType == QLatin1String("tool_use"))
                QCOMPARE(dt, QStringLiteral("input_json_delta"));
            else
                QVERIFY(dt == QLatin1String("thinking_delta") || dt == QLatin1String("signature_delta"));
        } else if (e.name == "content_block_stop") {
            QCOMPARE(e.data[QLatin1String("index")].toInt(-1), open);
            open = -1;
        } else if (e.name == "message_delta") {
            QCOMPARE(open, -1);
        }
    }
}

QJsonObject usage(int in, int out)
{
    return QJsonObject{{QStringLiteral("input_tokens"), in},
                       {QStringLiteral("output_tokens"), out},
                       {QStringLiteral("cache_creation_input_tokens"), 0},
                       {QStringLiteral("cache_read_input_tokens"), 0}};
}

QJsonObject expectedMessage(const QJsonArray &content, const QString &stopReason, int in, int out)
{
    return QJsonObject{{QStringLiteral("id"), kId},
                       {QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("role"), QStringLiteral("assistant")},
                       {QStringLiteral("model"), kModel},
                       {QStringLiteral("content"), content},
                       {QStringLiteral("stop_reason"), stopReason},
                       {QStringLiteral("stop_sequence"), QJsonValue::Null},
                       {QStringLiteral("usage"), usage(in, out)}};
}

int est(const char *s)
{
    return TokenEstimator::estimateOutputChunk(QString::fromUtf8(s));
}

} // namespace

class TestResponseAssembler : public QObject {
    Q_OBJECT

private slots:
    void sseFormat();
    void generatedMessageId();
    void plainText();
    void identicalChunksAreKept();
    void emptyUpstream();
    void autoStartAndStartOnce();
    void textToolText();
    void twoTools();
    void toolInputInThreeFragments();
    void toolObjectInput();
    void fragmentsWithoutIdOrName();
    void toolNeverFinished();
    void toolCutOffByAnotherTool();
    void invalidToolJson_data();
    void invalidToolJson();
    void longToolNameMappedBack();
    void thinkingThenText();
    void thinkingSplitAtEveryPosition();
    void thinkingOnly();
    void thinkingThenTool();
    void thinkingDisabledPassesTagsThrough();
    void quotedThinkingTagIsText();
    void cjkText();
    void contextUsage_data();
    void contextUsage();
    void contextWindowFull();
    void contentLengthExceeded();
    void exceptionFrames_data();
    void exceptionFrames();
    void errorFrame();
    void ignoredFrames();
};

void TestResponseAssembler::sseFormat()
{
    const SseEvent e{"content_block_delta", obj(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\nb"}})")};
    QCOMPARE(formatSse(e), QByteArray("event: content_block_delta\ndata: "
                                      "{\"delta\":{\"text\":\"a\\nb\",\"type\":\"text_delta\"},\"index\":0,\"type\":\"content_block_delta\"}\n\n"));
    QCOMPARE(formatSsePing(), QByteArray("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
    const SseEvent cjk{"x", QJsonObject{{QStringLiteral("t"), QString::fromUtf8("你好")}}};
    QCOMPARE(formatSse(cjk), QByteArray("event: x\ndata: {\"t\":\"") + QByteArray("你好") + QByteArray("\"}\n\n"));
}

void TestResponseAssembler::generatedMessageId()
{
    ResponseAssembler::Options o = options();
    o.messageId.clear();
    ResponseAssembler a(o);
    const QList<SseEvent> ev = a.start();
    QCOMPARE(ev.size(), 1);
    const QString id = ev.at(0).data[QLatin1String("message")][QLatin1String("id")].toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^msg_[0-9a-f]{32}$")).match(id).hasMatch(), qPrintable(id));
    ResponseAssembler b(o);
    QVERIFY(b.start().at(0).data[QLatin1String("message")][QLatin1String("id")].toString() != id);
}

void TestResponseAssembler::plainText()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Hel")), text(QStringLiteral("lo"))});
    validateStream(ev);
    QCOMPARE(names(ev), QStringList({"message_start", "content_block_start", "content_block_delta", "content_block_delta",
                                     "content_block_stop", "message_delta", "message_stop"}));
    QCOMPARE(js(ev[0].data), js(QJsonObject{{"type", "message_start"},
                                            {"message", QJsonObject{{"id", kId}, {"type", "message"}, {"role", "assistant"},
                                                                    {"content", QJsonArray()}, {"model", kModel},
                                                                    {"stop_reason", QJsonValue::Null},
                                                                    {"stop_sequence", QJsonValue::Null},
                                                                    {"usage", usage(42, 1)}}}}));
    QCOMPARE(js(ev[1].data), QByteArray(R"({"content_block":{"text":"","type":"text"},"index":0,"type":"content_block_start"})"));
    QCOMPARE(js(ev[2].data), QByteArray(R"({"delta":{"text":"Hel","type":"text_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[3].data), QByteArray(R"({"delta":{"text":"lo","type":"text_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[4].data), QByteArray(R"({"index":0,"type":"content_block_stop"})"));
    const int out = est("Hel") + est("lo");
    QCOMPARE(js(ev[5].data), js(QJsonObject{{"type", "message_delta"},
                                            {"delta", QJsonObject{{"stop_reason", "end_turn"}, {"stop_sequence", QJsonValue::Null}}},
                                            {"usage", usage(42, out)}}));
    QCOMPARE(js(ev[6].data), QByteArray(R"({"type":"message_stop"})"));

    QVERIFY(!a.failure());
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
    QCOMPARE(a.inputTokens(), 42);
    QCOMPARE(a.outputTokens(), out);
    QVERIFY(a.hasContent());
    QCOMPARE(js(a.message()), js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "Hello"}}}, "end_turn", 42, out)));
    QVERIFY(a.onMessage(text(QStringLiteral("late"))).isEmpty());
    QVERIFY(a.finish().isEmpty());
}

void TestResponseAssembler::identicalChunksAreKept()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("ab")), text(QStringLiteral("ab"))});
    validateStream(ev);
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("text")].toString(), QStringLiteral("abab"));
}

void TestResponseAssembler::emptyUpstream()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {});
    validateStream(ev);
    QCOMPARE(names(ev), QStringList({"message_start", "message_delta", "message_stop"}));
    QVERIFY(!a.hasContent());
    QCOMPARE(a.outputTokens(), 1);
    QCOMPARE(js(a.message()), js(expectedMessage({}, "end_turn", 42, 1)));
}

void TestResponseAssembler::autoStartAndStartOnce()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.onMessage(text(QStringLiteral("x")));
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0"}));
    QVERIFY(a.start().isEmpty());
    ev += a.finish();
    validateStream(ev);
}

void TestResponseAssembler::textToolText()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Let me check.")),
                                          tool("toolu_01", "get_weather", QStringLiteral("{\"city\":\"Oslo\"}"), true),
                                          text(QStringLiteral("Done."))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "start:tool_use@1",
                                     "input_json_delta@1", "stop@1", "start:text@2", "text_delta@2", "stop@2",
                                     "message_delta", "message_stop"}));
    QCOMPARE(js(ev[4].data), QByteArray(R"({"content_block":{"id":"toolu_01","input":{},"name":"get_weather","type":"tool_use"},"index":1,"type":"content_block_start"})"));
    QCOMPARE(js(ev[5].data), QByteArray(R"({"delta":{"partial_json":"{\"city\":\"Oslo\"}","type":"input_json_delta"},"index":1,"type":"content_block_delta"})"));
    QCOMPARE(ev[10].data[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("tool_use"));
    const int out = est("Let me check.") + est("Done.") + (15 + 3) / 4;
    QCOMPARE(a.outputTokens(), out);
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "Let me check."}},
                                 QJsonObject{{"type", "tool_use"}, {"id", "toolu_01"}, {"name", "get_weather"},
                                             {"input", QJsonObject{{"city", "Oslo"}}}},
                                 QJsonObject{{"type", "text"}, {"text", "Done."}}},
                                "tool_use", 42, out)));
}

void TestResponseAssembler::twoTools()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {tool("t1", "read", QStringLiteral("{\"path\":\"a\"}"), true),
                                          tool("t1", "read", QStringLiteral("{\"path\":\"a\"}"), true), // repeat: ignored
                                          tool("t2", "write", QString()),
                                          tool("t2", "write", QStringLiteral("{\"path\":\"b\"}")),
                                          tool("t2", "write", QString(), true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1", "message_delta", "message_stop"}));
    QCOMPARE(a.stopReason(), QStringLiteral("tool_use"));
    QCOMPARE(a.outputTokens(), 2 * ((12 + 3) / 4));
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "tool_use"}, {"id", "t1"}, {"name", "read"}, {"input", QJsonObject{{"path", "a"}}}},
                                 QJsonObject{{"type", "tool_use"}, {"id", "t2"}, {"name", "write"}, {"input", QJsonObject{{"path", "b"}}}}},
                                "tool_use", 42, a.outputTokens())));
}

void TestResponseAssembler::toolInputInThreeFragments()
{
    ResponseAssembler a(options());
    const QStringList parts{QStringLiteral("{\"q\":"), QStringLiteral("\"x y\",\"n\""), QStringLiteral(":[1,2]}")};
    const QList<SseEvent> ev = runAll(a, {tool("toolu_9", "search", parts[0]), tool("toolu_9", "search", parts[1]),
                                          tool("toolu_9", "search", parts[2], true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "input_json_delta@0",
                                     "input_json_delta@0", "stop@0", "message_delta", "message_stop"}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(ev[2 + i].data[QLatin1String("delta")][QLatin1String("partial_json")].toString(), parts[i]);
    QCOMPARE(a.outputTokens(), (5 + 3) / 4 + (9 + 3) / 4 + (7 + 3) / 4);
    QCOMPARE(js(a.message()[QLatin1String("content")][0].toObject()),
             js(QJsonObject{{"type", "tool_use"}, {"id", "toolu_9"}, {"name", "search"},
                            {"input", QJsonObject{{"q", "x y"}, {"n", QJsonArray{1, 2}}}}}));
}

void TestResponseAssembler::toolObjectInput()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {tool("t", "calc", QJsonObject{{"a", 1}, {"b", "two"}}, true)});
    validateStream(ev);
    QCOMPARE(ev[2].data[QLatin1String("delta")][QLatin1String("partial_json")].toString(), QStringLiteral(R"({"a":1,"b":"two"})"));
    QCOMPARE(js(a.message()[QLatin1String("content")][0][QLatin1String("input")].toObject()), QByteArray(R"({"a":1,"b":"two"})"));
}

void TestResponseAssembler::fragmentsWithoutIdOrName()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(tool("t", "ls", QStringLiteral("{\"d\":")));
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"input", "\"/\"}"}}));   // input-only fragment
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"stop", true}}));        // stop-only fragment
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"input", "junk"}}));     // nothing open: ignored
    ev += a.finish();
    validateStream(ev);
    QVERIFY(!a.failure());
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "input_json_delta@0",
                                     "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(js(a.message()[QLatin1String("content")][0][QLatin1String("input")].toObject()), QByteArray(R"({"d":"/"})"));
}

void TestResponseAssembler::toolNeverFinished()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(text(QStringLiteral("Writing the file.")));
    ev += a.onMessage(tool("t1", "write_file", QStringLiteral("{\"path\":\"a.txt\",")));
    ev += a.onMessage(tool("t1", "write_file", QStringLiteral("\"content\":\"hel")));
    QVERIFY(!a.failure());
    QVERIFY(a.hasContent());
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QCOMPARE(a.failure()->httpStatus, 502);
    QCOMPARE(a.failure()->type, QStringLiteral("api_error"));
    QCOMPARE(a.failure()->message,
             QStringLiteral("upstream ended the stream before tool call 'write_file' finished its input"));
    QVERIFY(!names(ev).contains(QStringLiteral("message_delta")));
    QVERIFY(a.onMessage(tool("t1", "write_file", QStringLiteral("lo\"}"), true)).isEmpty());
    QVERIFY(a.finish().isEmpty());
}

void TestResponseAssembler::toolCutOffByAnotherTool()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(tool("t1", "first", QStringLiteral("{\"a\":")));
    ev += a.onMessage(tool("t2", "second", QStringLiteral("{}"), true));
    ev += a.onMessage(tool("t1", "first", QStringLiteral("1}"), true));   // its block is already closed
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1"}));
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QVERIFY(a.failure()->message.contains(QLatin1String("'first'")));
}

void TestResponseAssembler::invalidToolJson_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("truncated") << QStringLiteral("{\"a\":");
    QTest::newRow("garbage") << QStringLiteral("not json");
    QTest::newRow("array") << QStringLiteral("[1,2]");
    QTest::newRow("trailing junk") << QStringLiteral("{\"a\":1}}");
}

void TestResponseAssembler::invalidToolJson()
{
    QFETCH(QString, input);
    ResponseAssembler a(options());
    a.start();
    QVERIFY(!a.onMessage(tool("t1", "run", input, true)).isEmpty());
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QCOMPARE(a.failure()->httpStatus, 502);
    QCOMPARE(a.failure()->type, QStringLiteral("api_error"));
    QVERIFY(a.failure()->message.contains(QLatin1String("'run'")));
}

void TestResponseAssembler::longToolNameMappedBack()
{
    ResponseAssembler::Options o = options();
    const QString original = QStringLiteral("mcp__some_server_with_a_long_name__a_tool_whose_name_is_much_longer_than_sixty_four_chars");
    o.toolNameMap.insert(QStringLiteral("mcp__some_server_wi_3f2a9c"), original);
    ResponseAssembler a(o);
    const QList<SseEvent> ev = runAll(a, {tool("t1", "mcp__some_server_wi_3f2a9c", QStringLiteral("{}"), true),
                                          tool("t2", "unmapped_tool", QString(), true)});
    validateStream(ev);
    QCOMPARE(ev[1].data[QLatin1String("content_block")][QLatin1String("name")].toString(), original);
    QCOMPARE(ev[4].data[QLatin1String("content_block")][QLatin1String("name")].toString(), QStringLiteral("unmapped_tool"));
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("name")].toString(), original);
    QCOMPARE(js(a.message()[QLatin1String("content")][1].toObject()),
             js(QJsonObject{{"type", "tool_use"}, {"id", "t2"}, {"name", "unmapped_tool"}, {"input", QJsonObject()}}));
}

void TestResponseAssembler::thinkingThenText()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nI should")), text(QStringLiteral(" greet.</thinking>\n\nHel")),
                                          text(QStringLiteral("lo!"))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "thinking_delta@0",
                                     "signature_delta@0", "stop@0", "start:text@1", "text_delta@1", "text_delta@1",
                                     "stop@1", "message_delta", "message_stop"}));
    const QString sig = ResponseAssembler::placeholderSignature();
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9+/]{16,}={0,2}$")).match(sig).hasMatch());
    QCOMPARE(js(ev[1].data), QByteArray(R"({"content_block":{"signature":"","thinking":"","type":"thinking"},"index":0,"type":"content_block_start"})"));
    QCOMPARE(js(ev[2].data), QByteArray(R"({"delta":{"thinking":"I should","type":"thinking_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[3].data), QByteArray(R"({"delta":{"thinking":" greet.","type":"thinking_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[4].data), js(QJsonObject{{"type", "content_block_delta"}, {"index", 0},
                                            {"delta", QJsonObject{{"type", "signature_delta"}, {"signature", sig}}}}));
    QCOMPARE(js(ev[7].data), QByteArray(R"({"delta":{"text":"Hel","type":"text_delta"},"index":1,"type":"content_block_delta"})"));
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
    const int out = est("<thinking>\nI should") + est(" greet.</thinking>\n\nHel") + est("lo!");
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "thinking"}, {"thinking", "I should greet."}, {"signature", sig}},
                                 QJsonObject{{"type", "text"}, {"text", "Hello!"}}},
                                "end_turn", 42, out)));
}

void TestResponseAssembler::thinkingSplitAtEveryPosition()
{
    const QString full = QStringLiteral("\n<thinking>\nStep \"</thinking>\" one.</thinking>\n\nAnswer.");
    for (qsizetype cut = 0; cut <= full.size(); ++cut) {
        ResponseAssembler a(options(true));
        QList<EventStreamMessage> frames;
        for (const QString &part : {full.left(cut), full.mid(cut)})
            frames.append(text(part));
        const QList<SseEvent> ev = runAll(a, frames);
        validateStream(ev);
        const QJsonArray content = a.message()[QLatin1String("content")].toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content[0][QLatin1String("thinking")].toString(), QStringLiteral("Step \"</thinking>\" one."));
        QCOMPARE(content[1][QLatin1String("text")].toString(), QStringLiteral("Answer."));
    }
}

void TestResponseAssembler::thinkingOnly()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nHmm, long")), text(QStringLiteral(" thought</thinking>"))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "thinking_delta@0",
                                     "signature_delta@0", "stop@0", "start:text@1", "text_delta@1", "stop@1",
                                     "message_delta", "message_stop"}));
    QCOMPARE(ev[7].data[QLatin1String("delta")][QLatin1String("text")].toString(), QStringLiteral(" "));
    QCOMPARE(ev[9].data[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("max_tokens"));
    QCOMPARE(a.stopReason(), QStringLiteral("max_tokens"));
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "thinking"}, {"thinking", "Hmm, long thought"},
                                             {"signature", ResponseAssembler::placeholderSignature()}},
                                 QJsonObject{{"type", "text"}, {"text", " "}}},
                                "max_tokens", 42, a.outputTokens())));
}

void TestResponseAssembler::thinkingThenTool()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nNeed the weather.</thinking>")),
                                          tool("t1", "get_weather", QStringLiteral("{\"city\":\"Oslo\"}"), true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "signature_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1", "message_delta", "message_stop"}));
    QCOMPARE(a.stopReason(), QStringLiteral("tool_use"));
    const QJsonArray content = a.message()[QLatin1String("content")].toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content[0][QLatin1String("thinking")].toString(), QStringLiteral("Need the weather."));
    QCOMPARE(content[1][QLatin1String("type")].toString(), QStringLiteral("tool_use"));
}

void TestResponseAssembler::thinkingDisabledPassesTagsThrough()
{
    ResponseAssembler a(options(false));
    const QString raw = QStringLiteral("<thinking>\nx</thinking>\n\nHi");
    const QList<SseEvent> ev = runAll(a, {text(raw)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(ev[2].data[QLatin1String("delta")][QLatin1String("text")].toString(), raw);
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("text")].toString(), raw);
}

void TestResponseAssembler::quotedThinkingTagIsText()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("\"<thin")), text(QStringLiteral("king>\" is the tag."))});
    validateStream(ev);
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
    const QJsonArray content = a.message()[QLatin1String("content")].toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(js(content[0].toObject()), js(QJsonObject{{"type", "text"}, {"text", "\"<thinking>\" is the tag."}}));
}

void TestResponseAssembler::cjkText()
{
    ResponseAssembler a(options());
    const QString s1 = QString::fromUtf8("你好，世界");
    const QString s2 = QString::fromUtf8("😀 ok");
    const QList<SseEvent> ev = runAll(a, {text(s1), text(s2)});
    validateStream(ev);
    QCOMPARE(ev[2].data[QLatin1String("delta")][QLatin1String("text")].toString(), s1);
    QVERIFY(formatSse(ev[2]).contains(s1.toUtf8()));
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("text")].toString(), s1 + s2);
    const int out = TokenEstimator::estimateOutputChunk(s1) + TokenEstimator::estimateOutputChunk(s2);
    QVERIFY(TokenEstimator::estimateOutputChunk(s1) >= 3); // CJK weighs more than ASCII
    QCOMPARE(a.outputTokens(), out);
}

void TestResponseAssembler::contextUsage_data()
{
    QTest::addColumn<QString>("kiroModel");
    QTest::addColumn<QJsonValue>("pct");
    QTest::addColumn<int>("expected");
    QTest::newRow("200k window") << "claude-sonnet-4.5" << QJsonValue(12.5) << 25000;
    QTest::newRow("200k window rounds down") << "claude-haiku-4.5" << QJsonValue(0.0123) << 24;
    QTest::newRow("1M window sonnet 4.6") << "claude-sonnet-4.6" << QJsonValue(12.5) << 125000;
    QTest::newRow("1M window opus 4.6 rounds down") << "claude-opus-4.6" << QJsonValue(3.33333) << 33333;
    QTest::newRow("negative ignored") << "claude-sonnet-4.5" << QJsonValue(-5) << 42;
    QTest::newRow("string ignored") << "claude-sonnet-4.5" << QJsonValue("12") << 42;
    QTest::newRow("zero keeps estimate") << "claude-sonnet-4.5" << QJsonValue(0) << 42;
}

void TestResponseAssembler::contextUsage()
{
    QFETCH(QString, kiroModel);
    QFETCH(QJsonValue, pct);
    QFETCH(int, expected);
    ResponseAssembler::Options o = options();
    o.kiroModelId = kiroModel;
    ResponseAssembler a(o);
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Hi")), contextUsageFrame(pct)});
    validateStream(ev);
    QCOMPARE(ev[0].data[QLatin1String("message")][QLatin1String("usage")][QLatin1String("input_tokens")].toInt(), 42);
    QCOMPARE(ev[ev.size() - 2].data[QLatin1String("usage")][QLatin1String("input_tokens")].toInt(), expected);
    QCOMPARE(a.inputTokens(), expected);
    QCOMPARE(a.message()[QLatin1String("usage")][QLatin1String("input_tokens")].toInt(), expected);
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
}

void TestResponseAssembler::contextWindowFull()
{
    ResponseAssembler a(options());
    runAll(a, {text(QStringLiteral("Hi")), contextUsageFrame(100.0)});
    QCOMPARE(a.stopReason(), QStringLiteral("model_context_window_exceeded"));
    QCOMPARE(a.inputTokens(), 200000);
    QCOMPARE(a.message()[QLatin1String("stop_reason")].toString(), QStringLiteral("model_context_window_exceeded"));

    ResponseAssembler withTool(options());
    runAll(withTool, {tool("t", "x", QString(), true), contextUsageFrame(100.5)});
    QCOMPARE(withTool.stopReason(), QStringLiteral("tool_use"));

    ResponseAssembler below(options());
    runAll(below, {text(QStringLiteral("Hi")), contextUsageFrame(99.9)});
    QCOMPARE(below.stopReason(), QStringLiteral("end_turn"));
}

void TestResponseAssembler::contentLengthExceeded()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Part")),
                                          exception("ContentLengthExceededException", R"({"message":"too long"})")});
    validateStream(ev);
    QVERIFY(!a.failure());
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(ev[4].data[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("max_tokens"));
    QCOMPARE(js(a.message()), js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "Part"}}}, "max_tokens", 42, est("Part"))));
}

void TestResponseAssembler::exceptionFrames_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    QTest::newRow("throttling") << "ThrottlingException" << QByteArray(R"({"message":"Too many requests"})") << 429
                                << "rate_limit_error" << "Kiro upstream: ThrottlingException: Too many requests";
    QTest::newRow("validation") << "ValidationException" << QByteArray(R"({"message":"bad input"})") << 400
                                << "invalid_request_error" << "Kiro upstream: ValidationException: bad input";
    QTest::newRow("other, capital Message") << "InternalServerException" << QByteArray(R"({"Message":"boom"})") << 502
                                            << "api_error" << "Kiro upstream: InternalServerException: boom";
    QTest::newRow("plain-text payload") << "ServiceUnavailableException" << QByteArray("try later\n") << 502
                                        << "api_error" << "Kiro upstream: ServiceUnavailableException: try later";
    QTest::newRow("empty payload") << "AccessDeniedException" << QByteArray() << 502 << "api_error"
                                   << "Kiro upstream: AccessDeniedException";
}

void TestResponseAssembler::exceptionFrames()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, payload);
    QFETCH(int, status);
    QFETCH(QString, errorType);
    QFETCH(QString, message);

    // Before anything was produced: nothing is emitted at all, so the caller can still answer with a status.
    ResponseAssembler early(options());
    QVERIFY(early.onMessage(exception(type, payload)).isEmpty());
    QVERIFY(early.failure().has_value());
    QCOMPARE(early.failure()->httpStatus, status);
    QCOMPARE(early.failure()->type, errorType);
    QCOMPARE(early.failure()->message, message);
    QVERIFY(!early.hasContent());
    QVERIFY(early.start().isEmpty());
    QVERIFY(early.finish().isEmpty());

    // Mid-stream: the failure ends the stream; later frames produce nothing.
    ResponseAssembler mid(options());
    QVERIFY(!mid.start().isEmpty());
    QCOMPARE(mid.onMessage(text(QStringLiteral("partial"))).size(), 2);
    QVERIFY(mid.onMessage(exception(type, payload)).isEmpty());
    QCOMPARE(mid.failure()->httpStatus, status);
    QVERIFY(mid.hasContent());
    QVERIFY(mid.onMessage(text(QStringLiteral("more"))).isEmpty());
    QVERIFY(mid.finish().isEmpty());
}

void TestResponseAssembler::errorFrame()
{
    ResponseAssembler a(options());
    a.start();
    a.onMessage(text(QStringLiteral("x")));
    QVERIFY(a.onMessage(frame("error", ":error-code", "InternalFailure", "Something broke")).isEmpty());
    QVERIFY(a.failure().has_value());
    QCOMPARE(a.failure()->httpStatus, 502);
    QCOMPARE(a.failure()->type, QStringLiteral("api_error"));
    QVERIFY(a.failure()->message.contains(QLatin1String("InternalFailure")));
    QVERIFY(a.failure()->message.contains(QLatin1String("Something broke")));
    QVERIFY(a.finish().isEmpty());
}

void TestResponseAssembler::ignoredFrames()
{
    ResponseAssembler a(options());
    a.start();
    QVERIFY(a.onMessage(kiroEvent("assistantResponseEvent",
                              {{"followupPrompt", QJsonObject{{"content", "Ask me more"}, {"userIntent", "x"}}}})).isEmpty());
    QVERIFY(a.onMessage(kiroEvent("assistantResponseEvent", {{"content", ""}})).isEmpty());
    QVERIFY(a.onMessage(kiroEvent("meteringEvent", {{"usage", 0.5}, {"unit", "credit"}})).isEmpty());
    QVERIFY(a.onMessage(kiroEvent("invalidStateEvent", {{"reason", "x"}})).isEmpty());
    QVERIFY(a.onMessage(kiroEvent("someFutureEvent", {{"content", "not text"}})).isEmpty());
    QVERIFY(a.onMessage(frame("event", ":event-type", "assistantResponseEvent", "{not json")).isEmpty());
    QVERIFY(a.onMessage(frame("event", ":event-type", "toolUseEvent", "[1,2]")).isEmpty());
    QVERIFY(a.onMessage(frame("somethingElse", ":event-type", "assistantResponseEvent", R"({"content":"no"})")).isEmpty());
    QVERIFY(!a.hasContent());
    // A frame without :message-type is an event.
    const QList<SseEvent> ev = a.onMessage(frame(QString(), ":event-type", "assistantResponseEvent", R"({"content":"yes"})"));
    QCOMPARE(shape(ev), QStringList({"start:text@0", "text_delta@0"}));
    a.finish();
    QVERIFY(!a.failure());
    QCOMPARE(js(a.message()), js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "yes"}}}, "end_turn", 42, est("yes"))));
}

QTEST_GUILESS_MAIN(TestResponseAssembler)
#include "tst_responseassembler.moc"
