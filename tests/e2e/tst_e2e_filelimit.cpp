// The real kirotray --headless under a low open-file limit (prlimit): it raises the soft limit to
// the hard one, logs how many streams that allows, and answers the connections beyond it with a
// clean 503 overloaded_error and Retry-After. Every client gets a whole answer or that 503: no
// reset, no stream cut off half-way, and the server serves again afterwards. With upstream
// keep-alive the same holds while the streams' connections wait in the pool for the next ones.
#include "concurrentclients.h"
#include "freeport.h"
#include "proxyfixture.h"
#include "testartifacts.h"
#include "testfiles.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

// Starts a program and waits for a line of its (merged) output to match; returns the match.
QRegularExpressionMatch startAndWait(QProcess &process, const QRegularExpression &ready, QByteArray *output)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        *output += process.readAll();
        if (const auto m = ready.match(QString::fromUtf8(*output)); m.hasMatch())
            return m;
    }
    return {};
}

} // namespace

class TestE2eFileLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectionsBeyondTheLimitGet503_data()
    {
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("Connection: close") << false;
        QTest::newRow("upstream keep-alive") << true;
    }

    void connectionsBeyondTheLimitGet503()
    {
        QFETCH(bool, keepAlive);
        const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
        if (prlimit.isEmpty())
            QSKIP("prlimit (util-linux) is needed");
        QProcess fake;
        fake.setProgram(QStringLiteral(FAKE_KIRO_BINARY));
        fake.setArguments({QStringLiteral("--port"), QStringLiteral("0")});
        QByteArray fakeOut;
        const QString upstream = startAndWait(fake, QRegularExpression(QStringLiteral("listening on (http://\\S+)")), &fakeOut).captured(1);
        QVERIFY2(!upstream.isEmpty(), fakeOut.constData());

        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("kirotray-filelimit")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("API_KEY"), QString::fromLatin1(TestApiKey));
        env.insert(QStringLiteral("REFRESH_TOKEN"), TestRefreshToken);
        env.insert(QStringLiteral("AUTH_METHOD"), QStringLiteral("social"));
        env.insert(QStringLiteral("KIROTRAY_SECRET_STORE"), QStringLiteral("file"));
        env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
        for (const char *name : {"KIRO_API_BASE_URL", "KIRO_SOCIAL_AUTH_BASE_URL", "KIRO_OIDC_BASE_URL"})
            env.insert(QLatin1String(name), upstream);
        if (keepAlive)
            writeFile(dir.filePath(QStringLiteral("config.json")), R"({"upstreamKeepAlive":true})");
        QProcess proxy;
        proxy.setProcessEnvironment(env);
        const quint16 port = freePort();
        // A soft limit of 40 under a hard one of 64: raised to 64 at start.
        proxy.setProgram(prlimit);
        proxy.setArguments({QStringLiteral("--nofile=40:64"), QStringLiteral(KIROTRAY_BINARY), QStringLiteral("--headless"),
                            QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"), QString::number(port)});
        QByteArray log;
        QVERIFY2(startAndWait(proxy, QRegularExpression(QStringLiteral("listening on")), &log).hasMatch(), log.constData());
        const auto limit = QRegularExpression(QStringLiteral("open-file limit 64 \\(raised from 40\\): up to (\\d+) concurrent streams"))
                               .match(QString::fromUtf8(log));
        QVERIFY2(limit.hasMatch(), log.constData());
        const int streams = limit.captured(1).toInt();
        QVERIFY2(streams >= 2 && streams < 32, log.constData());
        // Idle upstream connections are ones the streams used at once: as many as streams, no more.
        QCOMPARE(log.contains(QStringLiteral("; up to %1 idle upstream connections kept").arg(streams).toUtf8()), keepAlive);

        // Six times as many slow streams as allowed, all at once: more refusals than the server
        // holds open at a time, so some wait in the listen backlog for theirs.
        const int clients = 6 * streams;
        ConcurrentClients burst;
        burst.start(clients, [port](int i) {
            const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("[[scenario:slow]] stream %1").arg(i), true))
                                        .toJson(QJsonDocument::Compact);
            return HttpTestClient(port).request("POST", "/v1/messages", body,
                                                {{"x-api-key", TestApiKey}, {"content-type", "application/json"}}, 90000);
        });
        int answered = 0, overloaded = 0;
        QStringList wrong;
        for (const HttpResult &r : burst.join()) {
            const QList<QByteArray> names = r.eventNames();
            if (r.status == 200 && r.complete && names.value(names.size() - 1) == "message_stop" && names.count("content_block_delta") == 5)
                ++answered;
            else if (r.status == 503 && r.complete && r.errorType() == QLatin1String("overloaded_error") && r.header("Retry-After") == "1")
                ++overloaded;
            else
                wrong << QStringLiteral("status %1 complete %2: %3").arg(r.status).arg(r.complete).arg(QString::fromUtf8(r.body.right(200)));
        }
        log += proxy.readAll();
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(log.right(6000))));
        qInfo() << clients << "clients at a limit of" << streams << "streams:" << answered << "answered," << overloaded << "got 503";
        QVERIFY(answered >= 1);
        QVERIFY(overloaded >= 1);
        // and once they are gone, requests are served again
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("Hi"), false)).toJson(QJsonDocument::Compact);
        QTRY_COMPARE_WITH_TIMEOUT(HttpTestClient(port).request("POST", "/v1/messages", body, {{"x-api-key", TestApiKey}}).status, 200, 10000);

        proxy.terminate();
        QVERIFY(proxy.waitForFinished(30000));
        fake.terminate();
        fake.waitForFinished(10000);
    }
};

QTEST_GUILESS_MAIN(TestE2eFileLimit)
#include "tst_e2e_filelimit.moc"
