// ResponseAssembler basics: SSE formatting, message ids, plain text checked event by event and field
// by field, an empty upstream, start/finish rules, CJK text and input tokens from contextUsageEvent.
#include "anthropic/responseassembler.h"
#include "anthropic/sseformat.h"
#include "anthropic/tokenestimator.h"
#include "unit/support/assemblerfixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace kt;
using namespace kt::test;

namespace {

QJsonObject obj(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT(doc.isObject());
    return doc.object();
}

} // namespace

class TestResponseAssembler : public QObject
{
    Q_OBJECT

private slots:
    void sseFormat();
    void generatedMessageId();
    void plainText();
    void streamWithoutWholeMessage();
    void identicalChunksAreKept();
    void emptyUpstream();
    void autoStartAndStartOnce();
    void cjkText();

    void contextUsage_data();
    void contextUsage();
    void contextWindowFull();
};

void TestResponseAssembler::sseFormat()
{
    const SseEvent e{"content_block_delta", obj(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\nb"}})"), {}};
    QCOMPARE(formatSse(e), QByteArray("event: content_block_delta\ndata: "
                                      "{\"delta\":{\"text\":\"a\\nb\",\"type\":\"text_delta\"},\"index\":0,\"type\":\"content_block_delta\"}\n\n"));
    QCOMPARE(formatSsePing(), QByteArray("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
    const SseEvent cjk{"x", QJsonObject{{QStringLiteral("t"), QString::fromUtf8("你好")}}, {}};
    QCOMPARE(formatSse(cjk), QByteArray("event: x\ndata: {\"t\":\"") + QByteArray("你好") + QByteArray("\"}\n\n"));
}

// A plain stream does not gather the message: its events are the same, byte for byte.
void TestResponseAssembler::streamWithoutWholeMessage()
{
    const QList<EventStreamMessage> frames{text(QStringLiteral("Hel")), text(QStringLiteral("lo")),
                                           tool(QStringLiteral("t1"), QStringLiteral("get_weather"), QStringLiteral("{\"city\":"), false),
                                           tool(QStringLiteral("t1"), QStringLiteral("get_weather"), QStringLiteral("\"Oslo\"}"), true)};
    ResponseAssembler whole(options(true));
    ResponseAssembler::Options streamOnly = options(true);
    streamOnly.wholeMessage = false;
    ResponseAssembler passing(streamOnly);
    QByteArray a;
    QByteArray b;
    for (const SseEvent &e : runAll(whole, frames))
        appendSse(a, e);
    for (const SseEvent &e : runAll(passing, frames))
        appendSse(b, e);
    QCOMPARE(b, a);
    QVERIFY(a.contains("\"partial_json\":\"\\\"Oslo\\\"}\""));
    QCOMPARE(passing.stopReason(), whole.stopReason());
    QCOMPARE(passing.outputTokens(), whole.outputTokens());
}

void TestResponseAssembler::generatedMessageId()
{
    ResponseAssembler::Options o = options();
    o.messageId.clear();
    ResponseAssembler a(o);
    const QList<SseEvent> ev = a.start();
    QCOMPARE(ev.size(), 1);
    const QString id = ev.at(0).json()[QLatin1String("message")][QLatin1String("id")].toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^msg_[0-9a-f]{32}$")).match(id).hasMatch(), qPrintable(id));
    ResponseAssembler b(o);
    QVERIFY(b.start().at(0).json()[QLatin1String("message")][QLatin1String("id")].toString() != id);
}

void TestResponseAssembler::plainText()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Hel")), text(QStringLiteral("lo"))});
    validateStream(ev);
    QCOMPARE(names(ev), QStringList({"message_start", "content_block_start", "content_block_delta", "content_block_delta",
                                     "content_block_stop", "message_delta", "message_stop"}));
    QCOMPARE(js(ev[0].json()), js(QJsonObject{{"type", "message_start"},
                                            {"message", QJsonObject{{"id", kId}, {"type", "message"}, {"role", "assistant"},
                                                                    {"content", QJsonArray()}, {"model", kModel},
                                                                    {"stop_reason", QJsonValue::Null},
                                                                    {"stop_sequence", QJsonValue::Null},
                                                                    {"usage", usage(42, 1)}}}}));
    QCOMPARE(js(ev[1].json()), QByteArray(R"({"content_block":{"text":"","type":"text"},"index":0,"type":"content_block_start"})"));
    QCOMPARE(js(ev[2].json()), QByteArray(R"({"delta":{"text":"Hel","type":"text_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[3].json()), QByteArray(R"({"delta":{"text":"lo","type":"text_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[4].json()), QByteArray(R"({"index":0,"type":"content_block_stop"})"));
    const int out = est("Hel") + est("lo");
    QCOMPARE(js(ev[5].json()), js(QJsonObject{{"type", "message_delta"},
                                            {"delta", QJsonObject{{"stop_reason", "end_turn"}, {"stop_sequence", QJsonValue::Null}}},
                                            {"usage", usage(42, out)}}));
    QCOMPARE(js(ev[6].json()), QByteArray(R"({"type":"message_stop"})"));

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

void TestResponseAssembler::cjkText()
{
    ResponseAssembler a(options());
    const QString s1 = QString::fromUtf8("你好，世界");
    const QString s2 = QString::fromUtf8("😀 ok");
    const QList<SseEvent> ev = runAll(a, {text(s1), text(s2)});
    validateStream(ev);
    QCOMPARE(ev[2].json()[QLatin1String("delta")][QLatin1String("text")].toString(), s1);
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
    QCOMPARE(ev[0].json()[QLatin1String("message")][QLatin1String("usage")][QLatin1String("input_tokens")].toInt(), 42);
    QCOMPARE(ev[ev.size() - 2].json()[QLatin1String("usage")][QLatin1String("input_tokens")].toInt(), expected);
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

QTEST_GUILESS_MAIN(TestResponseAssembler)
#include "tst_responseassembler.moc"
