// The real kirotray --headless binary ends cleanly on SIGINT and on SIGTERM: exit code 0, after
// answering a request, its database in place. Native builds do it through a self-pipe,
// KIROTRAY_PORTABLE_PATHS builds (and Windows) through std::signal and a polled flag
// (app/unixsignals.cpp); scripts/test.sh runs this suite in both.
#include "testartifacts.h"
#include "testsecrets.h"
#include "httptestclient.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace kt::test;

class TestE2eShutdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsCleanlyOnSignal_data()
    {
        QTest::addColumn<int>("signal");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
#endif
    }

    void endsCleanlyOnSignal()
    {
#ifndef Q_OS_UNIX
        QSKIP("sending a console control event needs the child's console; not covered on Windows");
#else
        QFETCH(int, signal);
        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("shutdown")));
        dir.setAutoRemove(!TestArtifacts::keep());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("API_KEY"), QString::fromLatin1(TestApiKey));
        env.insert(QStringLiteral("KIROTRAY_SECRET_STORE"), QStringLiteral("file"));
        for (const char *name : {"REFRESH_TOKEN", "HOST", "PORT", "DATA_DIR"})
            env.remove(QLatin1String(name));
        QProcess proxy;
        proxy.setProcessEnvironment(env);
        proxy.setStandardErrorFile(dir.filePath(QStringLiteral("kirotray.stderr.log")));
        quint16 port = 0;
        QByteArray out;
        for (int attempt = 0; attempt < 5 && !out.contains("listening on"); ++attempt) {
            {
                QTcpServer probe;
                QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
                port = probe.serverPort();
            }
            proxy.start(QStringLiteral(KIROTRAY_BINARY), {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(),
                                                          QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                                          QStringLiteral("--port"), QString::number(port)});
            out.clear();
            QDeadlineTimer deadline(60000);
            while (!deadline.hasExpired() && proxy.state() != QProcess::NotRunning && !out.contains("listening on")) {
                proxy.waitForReadyRead(200);
                out += proxy.readAllStandardOutput();
            }
            if (!out.contains("listening on")) {
                proxy.kill();
                proxy.waitForFinished();
            }
        }
        // "KiroTray <version> listening on": stdout's ready line, printed once the signals are handled.
        QVERIFY2(out.contains("listening on"), out.constData());

        const HttpResult health = HttpTestClient(port).request("GET", "/health");
        QCOMPARE(health.status, 200);

        QVERIFY(::kill(pid_t(proxy.processId()), signal) == 0);
        QVERIFY(proxy.waitForFinished(60000));
        out += proxy.readAllStandardOutput();
        QCOMPARE(proxy.exitStatus(), QProcess::NormalExit);
        QVERIFY2(proxy.exitCode() == 0, out.constData());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("kirotray.sqlite"))));
#endif
    }
};

QTEST_GUILESS_MAIN(TestE2eShutdown)
#include "tst_e2e_shutdown.moc"
