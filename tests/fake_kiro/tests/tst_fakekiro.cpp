// Drives the fake Kiro upstream over real loopback HTTP with QNetworkAccessManager (and a raw
// socket where QNAM hides the wire), decoding its event streams with the production decoder.
#include "codec/eventstreamdecoder.h"
#include "fakehttpconnection.h"
#include "fakekiroserver.h"
#include "fakescenarios.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace kt;
using namespace kt::fake;

namespace {

struct Result {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray contentType;
    QByteArray body;
    QList<qsizetype> readBoundaries;   // body size after each readyRead
    qint64 headersAtMs = -1;
    qint64 finishedAtMs = -1;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QJsonObject kiroRequest(const QString &content, const QString &toolName = {})
{
    QJsonObject userInput{{QStringLiteral("content"), content}, {QStringLiteral("modelId"), QStringLiteral("claude-sonnet-4.5")}};
    if (!toolName.isEmpty()) {
        const QJsonObject spec{{QStringLiteral("name"), toolName}, {QStringLiteral("description"), QStringLiteral("d")}};
        userInput.insert(QStringLiteral("userInputMessageContext"),
                         QJsonObject{{QStringLiteral("tools"), QJsonArray{QJsonObject{{QStringLiteral("toolSpecification"), spec}}}}});
    }
    return {{QStringLiteral("conversationState"),
             QJsonObject{{QStringLiteral("currentMessage"), QJsonObject{{QStringLiteral("userInputMessage"), userInput}}}}}};
}

QList<EventStreamMessage> decodeAll(const QByteArray &body, EventStreamDecoder &decoder)
{
    decoder.feed(body);
    QList<EventStreamMessage> out;
    EventStreamMessage m;
    while (decoder.next(m))
        out.append(m);
    return out;
}

QString field(const EventStreamMessage &m, const char *key)
{
    return QJsonDocument::fromJson(m.payload).object().value(QLatin1String(key)).toString();
}

QString joinedText(const QList<EventStreamMessage> &msgs)
{
    QString text;
    for (const auto &m : msgs) {
        if (m.eventType() == QStringLiteral("assistantResponseEvent"))
            text += field(m, "content");
    }
    return text;
}

} // namespace

class TestFakeKiro : public QObject
{
    Q_OBJECT

private:
    FakeKiroServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    Result run(const QByteArray &verb, const QString &path, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 0)
    {
        QNetworkRequest request(QUrl(m_server->baseUrl() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (timeoutMs > 0)
            request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_nam->sendCustomRequest(request, verb, body);
        Result r;
        QElapsedTimer clock;
        clock.start();
        connect(reply, &QNetworkReply::metaDataChanged, this, [&] { r.headersAtMs = clock.elapsed(); });
        connect(reply, &QNetworkReply::readyRead, this, [&] {
            r.body += reply->readAll();
            r.readBoundaries.append(r.body.size());
        });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(20000))
            qWarning("request did not finish");
        r.finishedAtMs = clock.elapsed();
        if (reply->isOpen())
            r.body += reply->readAll();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply->deleteLater();
        return r;
    }

    Result generate(const QJsonObject &body, const QByteArray &token = "valid-token",
                    const QByteArray &scenarioHeader = {}, int timeoutMs = 0)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!token.isEmpty())
            headers.append({"Authorization", "Bearer " + token});
        if (!scenarioHeader.isEmpty())
            headers.append({"x-fake-scenario", scenarioHeader});
        return run("POST", QStringLiteral("/generateAssistantResponse"), QJsonDocument(body).toJson(), headers, timeoutMs);
    }

    Result scenario(const QByteArray &name, int timeoutMs = 0)
    {
        return generate(kiroRequest(QStringLiteral("hi")), "valid-token", name, timeoutMs);
    }

    Result refresh(const QJsonObject &body, const QString &path = QStringLiteral("/refreshToken"))
    {
        return run("POST", path, QJsonDocument(body).toJson());
    }

private Q_SLOTS:
    void init()
    {
        m_server = new FakeKiroServer;
        QVERIFY(m_server->listen());
        QVERIFY(m_server->port() != 0);
        QCOMPARE(m_server->baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
        m_nam = new QNetworkAccessManager;
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }

    void cleanup()
    {
        delete m_nam;
        m_nam = nullptr;
        // Every finished exchange must have released its connection object and socket.
        QTRY_COMPARE(m_server->findChildren<FakeHttpConnection *>().size(), 0);
        delete m_server;
        m_server = nullptr;
    }

    void textScenarioDecodes()
    {
        QSignalSpy received(m_server, &FakeKiroServer::requestReceived);
        const Result r = generate(kiroRequest(QStringLiteral("hello there")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.contentType, QByteArray("application/vnd.amazon.eventstream"));
        EventStreamDecoder decoder;
        const auto msgs = decodeAll(r.body, decoder);
        QCOMPARE(decoder.error(), EventStreamDecoder::Error::None);
        QCOMPARE(decoder.pendingBytes(), 0);
        QCOMPARE(msgs.size(), 5);
        QCOMPARE(field(msgs[0], "content"), QStringLiteral("Hello"));
        QCOMPARE(field(msgs[1], "content"), QStringLiteral(", world"));
        QCOMPARE(field(msgs[2], "content"), QStringLiteral("!"));
        QCOMPARE(msgs[3].eventType(), QStringLiteral("meteringEvent"));
        QCOMPARE(msgs[4].eventType(), QStringLiteral("contextUsageEvent"));
        QCOMPARE(QJsonDocument::fromJson(msgs[4].payload).object().value(QStringLiteral("contextUsagePercentage")).toDouble(), 1.5);
        for (const auto &m : msgs)
            QCOMPARE(m.messageType(), QStringLiteral("event"));
        QCOMPARE(received.size(), 1);
        QCOMPARE(received[0][0].toByteArray(), QByteArray("/generateAssistantResponse"));
    }

    void chunkSizeDoesNotChangeContent()
    {
        m_server->setChunkSize(0);
        const Result whole = scenario("long");
        m_server->setChunkSize(1);
        const Result bytewise = scenario("long");
        QCOMPARE(whole.body, bytewise.body);
        EventStreamDecoder decoder;
        const auto msgs = decodeAll(bytewise.body, decoder);
        QCOMPARE(msgs.size(), 201);
        QCOMPARE(field(msgs[0], "content"), QStringLiteral("chunk 1 "));
        QCOMPARE(field(msgs[199], "content"), QStringLiteral("chunk 200 "));
    }

    void scenarioSelection()
    {
        // Marker in the current message.
        const QString content = QStringLiteral("please [[scenario:echo]] repeat ünïcödé 😀 this");
        Result r = generate(kiroRequest(content));
        EventStreamDecoder d1;
        auto msgs = decodeAll(r.body, d1);
        QCOMPARE(joinedText(msgs), content);
        QCOMPARE(field(msgs[0], "content"), content.left(5));

        // Header wins over the marker; the default applies when neither is present.
        r = generate(kiroRequest(QStringLiteral("[[scenario:echo]]")), "valid-token", "thinking");
        EventStreamDecoder d2;
        QCOMPARE(joinedText(decodeAll(r.body, d2)), QStringLiteral("<thinking>\nLet me think about this.\n</thinking>\n\nThe answer is 42."));

        m_server->setDefaultScenario(QStringLiteral("exception"));
        r = generate(kiroRequest(QStringLiteral("plain")));
        EventStreamDecoder d3;
        msgs = decodeAll(r.body, d3);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[1].messageType(), QStringLiteral("exception"));
        QCOMPARE(msgs[1].exceptionType(), QStringLiteral("ThrottlingException"));

        r = scenario("no_such_scenario");
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("no_such_scenario")));
    }

    void thinkingTagsSplitAcrossFrames()
    {
        const Result r = scenario("thinking");
        EventStreamDecoder d;
        const auto msgs = decodeAll(r.body, d);
        bool openSplit = false, closeSplit = false;
        for (const auto &m : msgs) {
            const QString c = field(m, "content");
            openSplit |= c.contains(QStringLiteral("<thin")) && !c.contains(QStringLiteral("<thinking>"));
            closeSplit |= c.contains(QStringLiteral("</thi")) && !c.contains(QStringLiteral("</thinking>"));
        }
        QVERIFY(openSplit);
        QVERIFY(closeSplit);
    }

    void toolScenarios()
    {
        Result r = generate(kiroRequest(QStringLiteral("[[scenario:tool]] weather?"), QStringLiteral("lookup_city")));
        EventStreamDecoder d;
        auto msgs = decodeAll(r.body, d);
        QString input;
        int stops = 0;
        for (const auto &m : msgs) {
            if (m.eventType() != QStringLiteral("toolUseEvent"))
                continue;
            const QJsonObject o = QJsonDocument::fromJson(m.payload).object();
            QCOMPARE(o.value(QStringLiteral("toolUseId")).toString(), QStringLiteral("tooluse_abc"));
            QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("lookup_city"));
            input += o.value(QStringLiteral("input")).toString();
            stops += o.value(QStringLiteral("stop")).toBool() ? 1 : 0;
        }
        QCOMPARE(joinedText(msgs), QStringLiteral("Let me check."));
        QCOMPARE(QJsonDocument::fromJson(input.toUtf8()).object(), (QJsonObject{{QStringLiteral("city"), QStringLiteral("Oslo")}, {QStringLiteral("days"), 3}}));
        QCOMPARE(stops, 1);
        QCOMPARE(msgs.last().eventType(), QStringLiteral("contextUsageEvent"));

        r = generate(kiroRequest(QStringLiteral("[[scenario:tool]]")));   // no tools → default name
        EventStreamDecoder d2;
        msgs = decodeAll(r.body, d2);
        QCOMPARE(field(msgs[1], "name"), QStringLiteral("get_weather"));

        r = scenario("tool_incomplete");
        QCOMPARE(r.error, QNetworkReply::NoError);
        EventStreamDecoder d3;
        msgs = decodeAll(r.body, d3);
        QString partial;
        for (const auto &m : msgs) {
            QVERIFY(!QJsonDocument::fromJson(m.payload).object().contains(QStringLiteral("stop")));
            partial += field(m, "input");
        }
        QVERIFY(!partial.isEmpty());
        QVERIFY(QJsonDocument::fromJson(partial.toUtf8()).isNull());
    }

    void brokenStreams()
    {
        // QNAM 6.4 may report NoError for a chunked body cut short (it treats a close while
        // reading as the end), so truncation shows only in the decoder and on the raw wire.
        Result r = scenario("drop");
        QCOMPARE(r.status, 200);
        EventStreamDecoder d1;
        auto msgs = decodeAll(r.body, d1);
        QCOMPARE(joinedText(msgs), QStringLiteral("Before the drop"));
        QCOMPARE(d1.error(), EventStreamDecoder::Error::None);
        QVERIFY(d1.pendingBytes() > 0);

        r = scenario("badcrc");
        QCOMPARE(r.error, QNetworkReply::NoError);
        EventStreamDecoder d2;
        msgs = decodeAll(r.body, d2);
        QCOMPARE(msgs.size(), 1);
        QCOMPARE(d2.error(), EventStreamDecoder::Error::MessageCrcMismatch);

        r = scenario("oversized");
        EventStreamDecoder d3;
        QVERIFY(decodeAll(r.body, d3).isEmpty());
        QCOMPARE(d3.error(), EventStreamDecoder::Error::FrameTooLarge);

        r = scenario("content_length");
        EventStreamDecoder d4;
        msgs = decodeAll(r.body, d4);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[1].exceptionType(), QStringLiteral("ContentLengthExceededException"));
    }

    void statusScenarios_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("needle");
        QTest::newRow("toolong") << QByteArray("toolong") << 400 << QStringLiteral("CONTENT_LENGTH_EXCEEDS_THRESHOLD");
        QTest::newRow("401") << QByteArray("status401") << 401 << QStringLiteral("message");
        QTest::newRow("402") << QByteArray("status402") << 402 << QStringLiteral("MONTHLY_REQUEST_COUNT");
        QTest::newRow("403") << QByteArray("status403") << 403 << QStringLiteral("not authorized");
        QTest::newRow("429") << QByteArray("status429") << 429 << QStringLiteral("Rate exceeded");
        QTest::newRow("500") << QByteArray("status500") << 500 << QStringLiteral("message");
        QTest::newRow("503") << QByteArray("status503") << 503 << QStringLiteral("message");
    }

    void statusScenarios()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, status);
        QFETCH(QString, needle);
        const Result r = scenario(name);
        QCOMPARE(r.status, status);
        QCOMPARE(r.contentType, QByteArray("application/json"));
        QVERIFY2(QString::fromUtf8(r.body).contains(needle), r.body.constData());
        QVERIFY(r.json().contains(QStringLiteral("message")));
    }

    void timing()
    {
        Result r = scenario("slow");
        EventStreamDecoder d;
        QCOMPARE(decodeAll(r.body, d).size(), 5);
        QVERIFY2(r.finishedAtMs >= 1150, QByteArray::number(r.finishedAtMs).constData());
        QVERIFY(r.readBoundaries.size() >= 5);

        m_server->setEventDelayMs(100);
        r = scenario("text");
        QVERIFY2(r.finishedAtMs >= 380, QByteArray::number(r.finishedAtMs).constData());
        m_server->setEventDelayMs(0);

        r = scenario("silent");
        QCOMPARE(r.status, 200);
        QVERIFY(r.headersAtMs >= 0 && r.headersAtMs < 1000);
        QVERIFY2(r.finishedAtMs >= 2900, QByteArray::number(r.finishedAtMs) + " " + r.body.toHex());
        EventStreamDecoder d2;
        QCOMPARE(decodeAll(r.body, d2).size(), 1);
    }

    void hangs()
    {
        Result r = scenario("hang_headers", 500);
        QCOMPARE(r.error, QNetworkReply::OperationCanceledError);
        QCOMPARE(r.status, 0);
        QVERIFY(r.body.isEmpty());

        r = scenario("hang_midstream", 500);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::OperationCanceledError);
        EventStreamDecoder d;
        QCOMPARE(joinedText(decodeAll(r.body, d)), QStringLiteral("Started"));
    }

    void cjkSplitInsideUtf8()
    {
        const Result r = scenario("cjk");
        EventStreamDecoder d;
        const auto msgs = decodeAll(r.body, d);
        QCOMPARE(joinedText(msgs), QStringLiteral("你好，世界！这是一个测试。"));
        QVERIFY(msgs.size() >= 4);
        // At least one read delivered to the client ended inside a multi-byte character of a payload.
        bool splitSeen = false;
        for (qsizetype boundary : r.readBoundaries) {
            qsizetype frameStart = 0;
            while (frameStart + 12 <= r.body.size()) {
                const quint32 total = qFromBigEndian<quint32>(r.body.constData() + frameStart);
                const quint32 headersLength = qFromBigEndian<quint32>(r.body.constData() + frameStart + 4);
                const qsizetype payloadStart = frameStart + 12 + headersLength;
                const qsizetype payloadEnd = frameStart + total - 4;
                if (boundary > payloadStart && boundary < payloadEnd && (quint8(r.body.at(boundary)) & 0xC0) == 0x80)
                    splitSeen = true;
                frameStart += total;
            }
        }
        QVERIFY(splitSeen);
    }

    void authAndAccountBehaviours_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing") << QByteArray() << 403 << QStringLiteral("bearer token included in the request is invalid");
        QTest::newRow("expired") << QByteArray("valid-but-expired") << 403 << QStringLiteral("bearer token included in the request is invalid");
        QTest::newRow("unknown") << QByteArray("something-else") << 403 << QStringLiteral("bearer token");
        QTest::newRow("invalid") << QByteArray("invalid-token") << 403 << QStringLiteral("bearer token");
        QTest::newRow("throttled") << QByteArray("valid-throttled") << 429 << QStringLiteral("ThrottlingException");
        QTest::newRow("suspended") << QByteArray("valid-suspended") << 403 << QStringLiteral("TEMPORARILY_SUSPENDED");
        QTest::newRow("quota") << QByteArray("fake-access-9-quota") << 402 << QStringLiteral("MONTHLY_REQUEST_COUNT");
        QTest::newRow("broken") << QByteArray("valid-broken") << 500 << QStringLiteral("message");
        QTest::newRow("ok") << QByteArray("fake-access-1-x") << 200 << QString();
    }

    void authAndAccountBehaviours()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QFETCH(QString, needle);
        const Result r = generate(kiroRequest(QStringLiteral("hi")), token);
        QCOMPARE(r.status, status);
        QVERIFY(QString::fromUtf8(r.body).contains(needle));
    }

    void socialRefresh()
    {
        m_server->setTokenExpirySeconds(120);
        Result r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt-alice-0123456789abcdef")}});
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        const QString access = o.value(QStringLiteral("accessToken")).toString();
        QVERIFY(access.startsWith(QStringLiteral("fake-access-1-")));
        QVERIFY(access.endsWith(QStringLiteral("0123456789abcdef")));
        QCOMPARE(o.value(QStringLiteral("expiresIn")).toInt(), 120);
        QVERIFY(o.value(QStringLiteral("profileArn")).toString().startsWith(QStringLiteral("arn:aws:codewhisperer:")));
        QVERIFY(!o.contains(QStringLiteral("refreshToken")));
        QCOMPARE(m_server->refreshCount(), 1);

        // The issued token is accepted upstream.
        QCOMPARE(generate(kiroRequest(QStringLiteral("hi")), access.toUtf8()).status, 200);

        r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt-rotate-bob")}});
        QCOMPARE(r.json().value(QStringLiteral("refreshToken")).toString(), QStringLiteral("rt-rotate-bob-r2"));
        r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt-rotate-bob-r2")}});
        QCOMPARE(r.json().value(QStringLiteral("refreshToken")).toString(), QStringLiteral("rt-rotate-bob-r3"));

        // Account behaviours survive a refresh, even when the word is outside the copied suffix.
        r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("throttled-account-with-a-long-refresh-token")}});
        const QByteArray throttledAccess = r.json().value(QStringLiteral("accessToken")).toString().toUtf8();
        QVERIFY(throttledAccess.contains("throttled"));
        QCOMPARE(generate(kiroRequest(QStringLiteral("hi")), throttledAccess).status, 429);

        r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt-revoked")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        QCOMPARE(r.json().value(QStringLiteral("error_description")).toString(), QStringLiteral("Invalid refresh token provided"));
        QCOMPARE(refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt-refresh500")}}).status, 500);
        QCOMPARE(refresh({}).status, 400);
        QCOMPARE(m_server->refreshCount(), 7);
    }

    void idcRefresh()
    {
        const QJsonObject good{{QStringLiteral("clientId"), QStringLiteral("cid")}, {QStringLiteral("clientSecret"), QStringLiteral("sec")},
                               {QStringLiteral("refreshToken"), QStringLiteral("idc-rt")}, {QStringLiteral("grantType"), QStringLiteral("refresh_token")}};
        Result r = refresh(good, QStringLiteral("/token"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("accessToken")).toString(), QStringLiteral("fake-access-1-idc-rt"));
        QCOMPARE(r.json().value(QStringLiteral("expiresIn")).toInt(), 3600);
        QVERIFY(!r.json().contains(QStringLiteral("profileArn")));

        QJsonObject badGrant = good;
        badGrant.insert(QStringLiteral("grantType"), QStringLiteral("authorization_code"));
        QCOMPARE(refresh(badGrant, QStringLiteral("/token")).status, 400);
        QJsonObject noSecret = good;
        noSecret.remove(QStringLiteral("clientSecret"));
        QCOMPARE(refresh(noSecret, QStringLiteral("/token")).status, 400);
        QJsonObject revoked = good;
        revoked.insert(QStringLiteral("refreshToken"), QStringLiteral("idc-revoked"));
        r = refresh(revoked, QStringLiteral("/token"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

        const auto recorded = m_server->requests("/token");
        QCOMPARE(recorded.size(), 4);
        QCOMPARE(recorded[0].json(), good);
        QCOMPARE(m_server->refreshCount(), 4);
    }

    void refreshDelay()
    {
        m_server->setRefreshDelayMs(300);
        const Result r = refresh({{QStringLiteral("refreshToken"), QStringLiteral("rt")}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.finishedAtMs >= 290);
    }

    void usageLimits()
    {
        Result r = run("GET", QStringLiteral("/getUsageLimits?origin=AI_EDITOR&resourceType=AGENTIC_REQUEST"), {},
                       {{"Authorization", "Bearer valid-x"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), m_server->overage.applyTo(FakeKiroServer::defaultUsageResponse()));
        QCOMPARE(r.json().value(QStringLiteral("overageConfiguration")).toObject().value(QStringLiteral("overageStatus")).toString(),
                 QStringLiteral("DISABLED"));
        QCOMPARE(r.json().value(QStringLiteral("usageBreakdownList")).toArray().first().toObject()
                     .value(QStringLiteral("usageLimitWithPrecision")).toDouble(), 50.0);
        QCOMPARE(m_server->requests("/getUsageLimits").first().query, QByteArray("origin=AI_EDITOR&resourceType=AGENTIC_REQUEST"));

        m_server->setUsageResponse({{QStringLiteral("custom"), true}});
        r = run("GET", QStringLiteral("/getUsageLimits"), {}, {{"Authorization", "Bearer valid-x"}});
        QCOMPARE(r.json(), (QJsonObject{{QStringLiteral("custom"), true}}));
        QCOMPARE(run("GET", QStringLiteral("/getUsageLimits"), {}).status, 403);
    }

    void overagePreference()
    {
        const auto set = [&](const QJsonObject &body) {
            return run("POST", QStringLiteral("/setUserPreference"), QJsonDocument(body).toJson(),
                       {{"Authorization", "Bearer valid-x"}, {"Content-Type", "application/json"}});
        };
        const QJsonObject enable{{QStringLiteral("overageConfiguration"), QJsonObject{{QStringLiteral("overageStatus"), QStringLiteral("ENABLED")}}},
                                 {QStringLiteral("profileArn"), QStringLiteral("arn:aws:codewhisperer:us-east-1:1:profile/X")}};
        QJsonObject noArn = enable;
        noArn.remove(QStringLiteral("profileArn"));
        QCOMPARE(set(noArn).status, 400);
        QCOMPARE(set({{QStringLiteral("profileArn"), QStringLiteral("x")}}).status, 400);
        QCOMPARE(m_server->overage.setCount, 0);
        QCOMPARE(set(enable).status, 200);
        QCOMPARE(m_server->overage.status, QStringLiteral("ENABLED"));
        const QJsonObject usage = run("GET", QStringLiteral("/getUsageLimits"), {}, {{"Authorization", "Bearer valid-x"}}).json();
        QCOMPARE(usage.value(QStringLiteral("overageConfiguration")).toObject().value(QStringLiteral("overageStatus")).toString(),
                 QStringLiteral("ENABLED"));
        QCOMPARE(usage.value(QStringLiteral("usageBreakdownList")).toArray().first().toObject().value(QStringLiteral("overageCap")).toDouble(), 100.0);
        QCOMPARE(run("POST", QStringLiteral("/setUserPreference"), QJsonDocument(enable).toJson(), {}).status, 403);
    }

    void recordingAndNotFound()
    {
        const QJsonObject body = kiroRequest(QStringLiteral("recorded"));
        generate(body, "valid-token");
        Result r = run("GET", QStringLiteral("/nope?x=1"), {});
        QCOMPARE(r.status, 404);
        QCOMPARE(run("GET", QStringLiteral("/generateAssistantResponse"), {}).status, 404);
        QCOMPARE(run("GET", QStringLiteral("/refreshToken"), {}).status, 404);

        const auto all = m_server->requests();
        QCOMPARE(all.size(), 4);
        const RecordedRequest &first = all[0];
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.path, QByteArray("/generateAssistantResponse"));
        QCOMPARE(first.json(), body);
        QCOMPARE(first.header("AUTHORIZATION"), QByteArray("Bearer valid-token"));
        QCOMPARE(first.header("content-type"), QByteArray("application/json"));
        QVERIFY(first.header("x-absent").isEmpty());
        QCOMPARE(all[1].path, QByteArray("/nope"));
        QCOMPARE(all[1].query, QByteArray("x=1"));
        QCOMPARE(m_server->requests("/generateAssistantResponse").size(), 2);
        m_server->clearRequests();
        QVERIFY(m_server->requests().isEmpty());
    }

    void rawSocketRequests()
    {
        // Chunked request body, then a malformed request line, bypassing QNAM.
        // The server shares this thread, so wait with the event loop running, never blocking.
        auto exchange = [this](const QByteArray &wire) {
            QTcpSocket socket;
            QByteArray response;
            connect(&socket, &QTcpSocket::readyRead, &socket, [&] { response += socket.readAll(); });
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            socket.write(wire);
            if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000))
                qWarning("raw exchange timed out");
            return response;
        };
        QByteArray response = exchange("POST /refreshToken HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       "5\r\n{\"ref\r\n12\r\nreshToken\":\"rt-1\"}\r\n0\r\n\r\n");
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("Transfer-Encoding: chunked\r\n"));
        QVERIFY(response.contains("Connection: close\r\n"));
        QVERIFY(response.endsWith("0\r\n\r\n"));
        QCOMPARE(m_server->requests("/refreshToken").last().body, QByteArray("{\"refreshToken\":\"rt-1\"}"));

        // Keep-alive: two requests sent back to back on one connection get two answers in order;
        // only the one that asked for it closes.
        const QByteArray refresh = "POST /refreshToken HTTP/1.1\r\nContent-Length: 23\r\n";
        const int before = m_server->connectionCount();
        response = exchange(refresh + "\r\n{\"refreshToken\":\"rt-2\"}" + refresh + "Connection: close\r\n\r\n{\"refreshToken\":\"rt-3\"}");
        QCOMPARE(response.count("HTTP/1.1 200 OK\r\n"), 2);
        QCOMPARE(response.count("Connection: close\r\n"), 1);
        QVERIFY(response.indexOf("Connection: close\r\n") > response.lastIndexOf("HTTP/1.1 200 OK\r\n"));
        QCOMPARE(m_server->connectionCount(), before + 1);
        QCOMPARE(m_server->requests("/refreshToken").last().body, QByteArray("{\"refreshToken\":\"rt-3\"}"));

        // A limit of one answer per connection: the second request is not answered, the connection closes.
        m_server->setKeepAlive(true, 1);
        const qsizetype recorded = m_server->requests().size();
        response = exchange(refresh + "\r\n{\"refreshToken\":\"rt-4\"}" + refresh + "\r\n{\"refreshToken\":\"rt-5\"}");
        m_server->setKeepAlive(true);
        QCOMPARE(response.count("HTTP/1.1 200 OK\r\n"), 1);
        QVERIFY(!response.contains("Connection: close"));
        QCOMPARE(m_server->requests().size(), recorded + 1);

        response = exchange("POST /generateAssistantResponse HTTP/1.1\r\nAuthorization: Bearer valid\r\n"
                            "x-fake-scenario: drop\r\nContent-Length: 2\r\n\r\n{}");
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(!response.endsWith("0\r\n\r\n"));

        response = exchange("GARBAGE\r\n\r\n");
        QVERIFY2(response.startsWith("HTTP/1.1 400 "), response.constData());
        response = exchange("POST /token HTTP/1.1\r\nContent-Length: nope\r\n\r\n");
        QVERIFY2(response.startsWith("HTTP/1.1 400 "), response.constData());
    }

    void clientDisconnectMidStream()
    {
        m_server->setEventDelayMs(50);
        QNetworkRequest request(QUrl(m_server->baseUrl() + QStringLiteral("/generateAssistantResponse")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer valid");
        request.setRawHeader("x-fake-scenario", "long");
        QNetworkReply *reply = m_nam->post(request, QJsonDocument(kiroRequest(QStringLiteral("x"))).toJson());
        QSignalSpy readyRead(reply, &QNetworkReply::readyRead);
        QVERIFY(readyRead.wait(5000));
        QCOMPARE(m_server->findChildren<FakeHttpConnection *>().size(), 1);
        reply->abort();
        delete reply;
        // cleanup() checks that the server dropped the connection.
    }
};

QTEST_GUILESS_MAIN(TestFakeKiro)
#include "tst_fakekiro.moc"
