// Bounded load on the real binary: kirotray --headless (a child process) in front of fake_kiro takes
// 256 concurrent streams, 1000 short requests and 1000 malformed ones without an unexpected answer,
// still serves afterwards, gives its memory back (RSS within 20 % of the warmed-up level) and exits
// cleanly on SIGTERM with LeakSanitizer silent.
#include "freeport.h"
#include "httptestclient.h"
#include "proxyfixture.h"
#include "testartifacts.h"
#include "testsecrets.h"

#include "upstream/networkmanagerpool.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace kt::test;

namespace {

constexpr int Streams = 256;
constexpr int ShortRequests = 1000;
constexpr int MalformedRequests = 1000;

// Reads one "Vm...:  N kB" line of /proc/<pid>/status, in KiB (-1 when missing).
qint64 procStatusKb(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool mapsLibrary(qint64 pid, const char *name)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(name);
}

int openDescriptors(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

// Runs fn on `count` threads at once and waits for all of them (std::thread: ThreadSanitizer sees
// its join, while QThread::wait synchronizes inside the uninstrumented Qt library).
void runConcurrently(int count, const std::function<void(int)> &fn)
{
    std::vector<std::thread> threads;
    threads.reserve(count);
    for (int i = 0; i < count; ++i)
        threads.emplace_back(fn, i);
    for (std::thread &t : threads)
        t.join();
}

// One malformed request of several kinds, and whether its answer is the expected one.
bool malformed(quint16 port, int i, QString *problem)
{
    const HttpClientHeaders auth = {{"x-api-key", TestApiKey}, {"content-type", "application/json"}, {"anthropic-version", "2023-06-01"}};
    HttpTestClient client(port);
    HttpResult r;
    int expected = 400;
    switch (i % 8) {
    case 0: r = client.request("POST", "/v1/messages", "{\"model\": ", auth, 15000); break;
    case 1: r = client.request("POST", "/v1/messages", R"({"model":"claude-sonnet-4-5","max_tokens":5})", auth, 15000); break;
    case 2: r = client.request("POST", "/v1/messages", R"({"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})", auth, 15000); break;
    case 3: r = client.request("POST", "/v1/messages", QByteArray(5000, '['), auth, 15000); break;
    case 4:
        expected = 401;
        r = client.request("POST", "/v1/messages", "{}", {{"x-api-key", "kt-load-wrong-key"}}, 15000);
        break;
    case 5:
        expected = 404;
        r = client.request("GET", "/v1/nowhere", {}, auth, 15000);
        break;
    case 6: r = client.request("POST", "/v1/messages/count_tokens", "[1,2]", auth, 15000); break;
    default:
        // Not HTTP at all: answered 400 and closed (or, should the server close first, no answer);
        // the connections it leaves behind are counted afterwards (open descriptors).
        r = client.raw("\x16\x03\x01\x02\x00garbage\r\n\r\n", 300);
        if (r.status == 0 || (r.status >= 400 && r.status < 500))
            return true;
        *problem = QStringLiteral("garbage: status %1").arg(r.status);
        return false;
    }
    if (r.complete && r.status == expected && !r.errorType().isEmpty())
        return true;
    *problem = QStringLiteral("malformed kind %1: status %2 (expected %3) complete %4 body %5")
                   .arg(i % 8).arg(r.status).arg(expected).arg(r.complete).arg(QString::fromUtf8(r.body.left(200)));
    return false;
}

} // namespace

class TestLoad : public QObject
{
    Q_OBJECT

private:
    QProcess m_fake;
    QProcess m_proxy;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_stderrPath;
    quint16 m_port = 0;
    std::mutex m_mutex;
    QStringList m_problems;

    void problem(const QString &what)
    {
        const std::lock_guard lock(m_mutex);
        m_problems << what;
    }

    bool startFake(QString *baseUrl)
    {
        m_fake.setProgram(QStringLiteral(FAKE_KIRO_BINARY));
        m_fake.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--chunk"), QStringLiteral("0")});
        m_fake.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_fake.start();
        static const QRegularExpression ready(QStringLiteral("listening on (http://\\S+)"));
        QByteArray out;
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_fake.state() != QProcess::NotRunning) {
            m_fake.waitForReadyRead(200);
            out += m_fake.readAllStandardOutput();
            if (const auto m = ready.match(QString::fromUtf8(out)); m.hasMatch()) {
                *baseUrl = m.captured(1);
                return true;
            }
        }
        return false;
    }

    bool startProxy(const QString &upstream)
    {
        m_dir = std::make_unique<QTemporaryDir>(TestArtifacts::dataDirTemplate(QStringLiteral("kirotray-headless")));
        m_dir->setAutoRemove(!TestArtifacts::keep());
        m_stderrPath = m_dir->filePath(QStringLiteral("kirotray.stderr.log"));
        // One account carries the whole load: no per-account concurrency limit.
        QFile config(m_dir->filePath(QStringLiteral("config.json")));
        if (!config.open(QIODevice::WriteOnly) || config.write(R"({"accountMaxConcurrent": 0})") < 0)
            return false;
        config.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("API_KEY"), QString::fromLatin1(TestApiKey));
        env.insert(QStringLiteral("REFRESH_TOKEN"), TestRefreshToken);
        env.insert(QStringLiteral("AUTH_METHOD"), QStringLiteral("social"));
        env.insert(QStringLiteral("KIROTRAY_SECRET_STORE"), QStringLiteral("file"));
        for (const char *name : {"KIRO_API_BASE_URL", "KIRO_SOCIAL_AUTH_BASE_URL", "KIRO_OIDC_BASE_URL"})
            env.insert(QLatin1String(name), upstream);
        // No quarantine (freed memory would otherwise be held back and look like a leak); freed
        // pages go back to the system within a second; leaks are checked at exit (LSAN_OPTIONS
        // and UBSAN_OPTIONS come from the suite's own environment, tests/CMakeLists.txt).
        env.insert(QStringLiteral("ASAN_OPTIONS"),
                   QStringLiteral("detect_leaks=1:quarantine_size_mb=0:allocator_release_to_os_interval_ms=1000:abort_on_error=0"));
        m_proxy.setProcessEnvironment(env);
        m_proxy.setWorkingDirectory(m_dir->path());
        // KIROTRAY_LOAD_BINARY runs the same load against another build (e.g. Release, see bench/).
        m_proxy.setProgram(qEnvironmentVariable("KIROTRAY_LOAD_BINARY", QStringLiteral(KIROTRAY_BINARY)));
        m_proxy.setStandardErrorFile(m_stderrPath);
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freePort();
            m_proxy.setArguments({QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir->path(),
                                  QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_port)});
            m_proxy.start();
            QByteArray out;
            QDeadlineTimer deadline(30000);
            while (!deadline.hasExpired() && m_proxy.state() != QProcess::NotRunning) {
                m_proxy.waitForReadyRead(200);
                out += m_proxy.readAllStandardOutput();
                if (out.contains("listening on"))
                    return true;
            }
            m_proxy.kill();
            m_proxy.waitForFinished();
        }
        return false;
    }

    HttpResult shortRequest(int timeoutMs = 30000)
    {
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("Hi"), false)).toJson(QJsonDocument::Compact);
        return HttpTestClient(m_port).request("POST", "/v1/messages", body,
            {{"x-api-key", TestApiKey}, {"content-type", "application/json"}, {"anthropic-version", "2023-06-01"}}, timeoutMs);
    }

    void stream(int i)
    {
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("[[scenario:slow]] stream %1").arg(i), true)).toJson(QJsonDocument::Compact);
        const HttpResult r = HttpTestClient(m_port).request("POST", "/v1/messages", body,
            {{"x-api-key", TestApiKey}, {"content-type", "application/json"}, {"anthropic-version", "2023-06-01"}}, 90000);
        const QList<QByteArray> names = r.eventNames();
        if (r.status != 200 || !r.complete || names.value(names.size() - 1) != "message_stop" || names.count("content_block_delta") != 5)
            problem(QStringLiteral("stream %1: status %2 complete %3 events %4").arg(i).arg(r.status).arg(r.complete).arg(names.size()));
    }

    void shortRequests(int count)
    {
        for (int i = 0; i < count; ++i) {
            const HttpResult r = shortRequest();
            if (r.status != 200 || !r.complete || r.json().value(QStringLiteral("type")).toString() != QLatin1String("message"))
                problem(QStringLiteral("short request %1: status %2 complete %3").arg(i).arg(r.status).arg(r.complete));
        }
    }

    void malformedRequests(int count)
    {
        for (int i = 0; i < count; ++i) {
            QString what;
            if (!malformed(m_port, i, &what))
                problem(what);
        }
    }

    struct Snapshot { qint64 rssKb = 0; qint64 threads = 0; int fds = 0; };

    // The process once `done` holds for it, or at the latest after it had time to reap the upstream
    // managers the load needed, to hand freed memory back (the allocator does so every second) and
    // to close the connections of the load. Without `done` (a baseline: nothing to wait for) the latter.
    Snapshot settled(const std::function<bool(const Snapshot &)> &done = {})
    {
        const qint64 pid = m_proxy.processId();
        Snapshot s;
        const auto take = [&] {
            s = {procStatusKb(pid, "VmRSS:"), procStatusKb(pid, "Threads:"), openDescriptors(pid)};
            return done && done(s);
        };
        if (!QTest::qWaitFor(take, kt::NetworkManagerPool::DefaultReapDelayMs + 3000))
            take();
        return s;
    }

    // 256 streams at once while one client sends short requests and another bad ones; returns the
    // peak RSS seen meanwhile.
    qint64 load()
    {
        const qint64 pid = m_proxy.processId();
        std::atomic<qint64> peak{0};
        std::atomic<bool> sampling{true};
        std::thread sampler([&] {
            while (sampling) {
                peak = qMax(peak.load(), procStatusKb(pid, "VmRSS:"));
                QThread::msleep(50);   // the sampling period (its own thread), not a wait for the proxy
            }
        });
        runConcurrently(Streams + 2, [this](int i) {
            if (i == Streams)
                shortRequests(ShortRequests);
            else if (i == Streams + 1)
                malformedRequests(MalformedRequests);
            else
                stream(i);
        });
        sampling = false;
        sampler.join();
        return peak;
    }

    static QString describe(const Snapshot &s)
    {
        return QStringLiteral("%1 KiB, %2 threads, %3 descriptors").arg(s.rssKb).arg(s.threads).arg(s.fds);
    }

    QString proxyStderr() const
    {
        QFile f(m_stderrPath);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private Q_SLOTS:
    void cleanup()
    {
        for (QProcess *p : {&m_proxy, &m_fake}) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(10000);
            }
        }
    }

    void loadLeavesNoLeak()
    {
        QElapsedTimer clock;
        clock.start();
        QString upstream;
        QVERIFY2(startFake(&upstream), "fake_kiro did not start");
        QVERIFY2(startProxy(upstream), qPrintable(QStringLiteral("kirotray --headless did not start:\n") + proxyStderr()));
        const qint64 pid = m_proxy.processId();

        // Warm-up: every code path the load takes has run once.
        runConcurrently(32, [this](int i) { stream(i); });
        shortRequests(100);
        malformedRequests(80);
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.mid(0, 10).join('\n')));
        const Snapshot warm = settled();
        QVERIFY(warm.rssKb > 0 && warm.fds > 0);
        qInfo().noquote() << "after the warm-up:" << describe(warm) << "in" << clock.restart() << "ms";

        const qint64 peak = load();
        QVERIFY2(m_problems.isEmpty(), qPrintable(QStringLiteral("%1 unexpected answers, first ones:\n").arg(m_problems.size())
                                                  + m_problems.mid(0, 10).join('\n')));
        QCOMPARE(m_proxy.state(), QProcess::Running);
        const HttpResult r = shortRequest();   // still serving
        QCOMPARE(r.status, 200);
        // ASan's and TSan's allocators keep what they once mapped (and their shadow), so the RSS bound
        // is for a plain build: scripts/test.sh runs this test a second time on the Release binary.
        const bool sanitized = mapsLibrary(pid, "libasan") || mapsLibrary(pid, "libtsan");
        const auto within = [&](const Snapshot &s) {
            return s.threads <= warm.threads + 2 && s.fds <= warm.fds + 8 && (sanitized || s.rssKb <= warm.rssKb * 12 / 10);
        };
        const Snapshot after = settled(within);
        qInfo().noquote() << QStringLiteral("after the load: %1 (%2% of the warm-up RSS); load peak %3 KiB, VmHWM %4 KiB; load took %5 ms")
                                 .arg(describe(after)).arg(QString::number(100.0 * after.rssKb / warm.rssKb, 'f', 1))
                                 .arg(peak).arg(procStatusKb(pid, "VmHWM:")).arg(clock.restart());

        // The extra upstream managers (a thread and idle connections each) were reaped, the client
        // connections closed, and the memory of the peak concurrency handed back.
        QVERIFY2(after.threads <= warm.threads + 2 && after.fds <= warm.fds + 8,
                 qPrintable(QStringLiteral("warm-up: %1; after: %2").arg(describe(warm), describe(after))));
        if (sanitized) {
            qInfo("sanitized binary: RSS bound not applicable (checked on the Release run)");
        } else {
            QVERIFY2(after.rssKb <= warm.rssKb * 12 / 10,
                     qPrintable(QStringLiteral("RSS %1 KiB after the load, %2 KiB before").arg(after.rssKb).arg(warm.rssKb)));
        }

        // The database as it is while running (with its -wal and -shm) goes to the secret scan too.
        if (TestArtifacts::keep()) {
            const QString snapshot = m_dir->path() + QStringLiteral("-live");
            QVERIFY(QDir().mkpath(snapshot));
            int copied = 0;
            for (const QFileInfo &file : QDir(m_dir->path()).entryInfoList(QDir::Files | QDir::Hidden)) {
                const QString target = QDir(snapshot).filePath(file.fileName());
                if (QFile::copy(file.filePath(), target) && QFile::setPermissions(target, file.permissions()))
                    ++copied;
            }
            QVERIFY2(QFile::exists(QDir(snapshot).filePath(QStringLiteral("kirotray.sqlite-wal"))), qPrintable(snapshot));
            QVERIFY(copied >= 4);
        }

        // SIGTERM: a clean exit, and LeakSanitizer (which runs at exit) or ThreadSanitizer found nothing.
        m_proxy.terminate();
        QVERIFY(m_proxy.waitForFinished(60000));
        const QString err = proxyStderr();
        QCOMPARE(m_proxy.exitStatus(), QProcess::NormalExit);
        QVERIFY2(m_proxy.exitCode() == 0, qPrintable(QStringLiteral("exit code %1\n%2").arg(m_proxy.exitCode()).arg(err.right(4000))));
        for (const char *report : {"LeakSanitizer", "AddressSanitizer", "ThreadSanitizer", "runtime error:"})
            QVERIFY2(!err.contains(QLatin1String(report)), qPrintable(err.right(4000)));
        m_fake.terminate();
        QVERIFY(m_fake.waitForFinished(30000));
    }
};

QTEST_GUILESS_MAIN(TestLoad)
#include "tst_load.moc"
