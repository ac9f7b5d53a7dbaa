// ResponseAssembler upstream failures: ContentLengthExceeded as max_tokens, exception and error
// frames before and in mid-stream, and the unknown, empty or malformed frames it ignores.
#include "anthropic/responseassembler.h"
#include "unit/support/assemblerfixtures.h"

#include <QTest>

using namespace kt;
using namespace kt::test;

class TestResponseAssemblerErrors : public QObject
{
    Q_OBJECT

private slots:
    void contentLengthExceeded();
    void exceptionFrames_data();
    void exceptionFrames();
    void errorFrame();
    void ignoredFrames();
};

void TestResponseAssemblerErrors::contentLengthExceeded()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Part")),
                                          exception("ContentLengthExceededException", R"({"message":"too long"})")});
    validateStream(ev);
    QVERIFY(!a.failure());
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(ev[4].json()[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("max_tokens"));
    QCOMPARE(js(a.message()), js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "Part"}}}, "max_tokens", 42, est("Part"))));
}

void TestResponseAssemblerErrors::exceptionFrames_data()
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

void TestResponseAssemblerErrors::exceptionFrames()
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

void TestResponseAssemblerErrors::errorFrame()
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

void TestResponseAssemblerErrors::ignoredFrames()
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

QTEST_GUILESS_MAIN(TestResponseAssemblerErrors)
#include "tst_responseassemblererrors.moc"
