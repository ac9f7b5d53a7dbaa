// The fake upstream's "bench" scenario used by bench/kt_load: a fixed event schedule whose frames
// carry the monotonic time at which they were written, over real loopback HTTP.
#include "codec/eventstreamdecoder.h"
#include "fakekiroserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace kt;
using namespace kt::fake;

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Stamp {
    int seq = -1;
    qint64 ns = 0;
    QString text;
};

} // namespace

class TestFakeBench : public QObject
{
    Q_OBJECT

private:
    FakeKiroServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    // Texts of the assistantResponseEvent frames and the event types in order.
    QList<Stamp> stream(const QString &content, QStringList *eventTypes = nullptr)
    {
        const QJsonObject userInput{{QStringLiteral("content"), content}, {QStringLiteral("modelId"), QStringLiteral("claude-sonnet-4.5")}};
        const QJsonObject body{{QStringLiteral("conversationState"),
                                QJsonObject{{QStringLiteral("currentMessage"), QJsonObject{{QStringLiteral("userInputMessage"), userInput}}}}}};
        QNetworkRequest request(QUrl(m_server->baseUrl() + QStringLiteral("/generateAssistantResponse")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer valid-token");
        QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(20000))
            qWarning("request did not finish");
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        EventStreamDecoder decoder;
        decoder.feed(reply->readAll());
        reply->deleteLater();
        if (status != 200) {
            qWarning("status %d", status);
            return {};
        }
        QList<Stamp> out;
        static const QRegularExpression stamp(QStringLiteral("^\\[ts:(\\d+):(\\d+)\\](x*) $"));
        EventStreamMessage m;
        while (decoder.next(m)) {
            if (eventTypes)
                eventTypes->append(m.eventType());
            if (m.eventType() != QStringLiteral("assistantResponseEvent"))
                continue;
            Stamp s;
            s.text = QJsonDocument::fromJson(m.payload).object().value(QStringLiteral("content")).toString();
            const auto match = stamp.match(s.text);
            if (match.hasMatch()) {
                s.seq = match.captured(1).toInt();
                s.ns = match.captured(2).toLongLong();
            }
            out.append(s);
        }
        if (decoder.error() != EventStreamDecoder::Error::None || decoder.pendingBytes() != 0)
            qWarning("decoder left bytes or failed");
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new FakeKiroServer;
        QVERIFY(m_server->listen());
        m_server->setChunkSize(0);
        m_nam = new QNetworkAccessManager;
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }

    void cleanup()
    {
        delete m_nam;
        m_nam = nullptr;
        delete m_server;
        m_server = nullptr;
    }

    void framesCarrySequenceAndSendTime()
    {
        const qint64 before = monotonicNs();
        QStringList types;
        const QList<Stamp> stamps = stream(QStringLiteral("[[scenario:bench]] [[events:7]] [[pad:3]]"), &types);
        const qint64 after = monotonicNs();
        QCOMPARE(stamps.size(), 7);
        QCOMPARE(types.size(), 8);
        QCOMPARE(types.last(), QStringLiteral("contextUsageEvent"));
        qint64 previous = before;
        for (int i = 0; i < stamps.size(); ++i) {
            QVERIFY2(stamps[i].seq == i, qPrintable(stamps[i].text));
            QVERIFY(stamps[i].text.contains(QStringLiteral("]xxx ")));
            QVERIFY(stamps[i].ns >= previous);
            QVERIFY(stamps[i].ns <= after);
            previous = stamps[i].ns;
        }
    }

    void stampIsTakenWhenTheFrameIsWritten()
    {
        // Frames 40 ms apart must carry times 40 ms apart: stamped on sending, not when scripted.
        const QList<Stamp> stamps = stream(QStringLiteral("[[scenario:bench]] [[events:4]] [[interval:40]]"));
        QCOMPARE(stamps.size(), 4);
        for (int i = 1; i < stamps.size(); ++i) {
            const qint64 gapMs = (stamps[i].ns - stamps[i - 1].ns) / 1000000;
            QVERIFY2(gapMs >= 38 && gapMs < 1000, qPrintable(QString::number(gapMs)));
        }
    }

    void serverEventDelayIsTheDefaultInterval()
    {
        m_server->setEventDelayMs(30);
        QList<Stamp> stamps = stream(QStringLiteral("[[scenario:bench]] [[events:3]]"));
        QCOMPARE(stamps.size(), 3);
        QVERIFY((stamps[2].ns - stamps[0].ns) / 1000000 >= 58);
        // An explicit [[interval:0]] overrides the server's delay.
        stamps = stream(QStringLiteral("[[scenario:bench]] [[events:3]] [[interval:0]]"));
        QCOMPARE(stamps.size(), 3);
        QVERIFY((stamps[2].ns - stamps[0].ns) / 1000000 < 25);
    }

    void markerValuesAreDefaultedAndClamped()
    {
        QCOMPARE(stream(QStringLiteral("[[scenario:bench]]")).size(), 100);                // default
        QCOMPARE(stream(QStringLiteral("[[scenario:bench]] [[events:0]]")).size(), 1);     // clamped up
        QCOMPARE(stream(QStringLiteral("[[scenario:bench]] [[events:-5]]")).size(), 100);  // not a number
        QCOMPARE(stream(QStringLiteral("[[scenario:bench]] [[events:99999999999]]")).size(), 100); // overflows int
        const QList<Stamp> padded = stream(QStringLiteral("[[scenario:bench]] [[events:1]] [[pad:70000]]"));
        QCOMPARE(padded.size(), 1);
        QCOMPARE(padded[0].text.count(QLatin1Char('x')), 65536);                           // clamped down
    }
};

QTEST_GUILESS_MAIN(TestFakeBench)
#include "tst_fakebench.moc"
