// kill -9 at any moment loses no committed account and corrupts nothing: 20 times, start the
// worker on the same data dir, SIGKILL it after a random 20–300 ms (from its start, or from the
// start of its write burst), reopen and check every account
// it reported committed (row and secret), PRAGMA integrity_check, and that secrets.json parses.
#include "accounts/accountsecrets.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/requestlog.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

class TestDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killNineLosesNothing();
    void workerRunsToCompletion();
};

namespace {

// Complete lines only: a line cut by the kill was never acknowledged.
QList<qint64> committedIds(const QByteArray &out)
{
    QList<qint64> ids;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i).startsWith("committed "))
            ids << lines.at(i).mid(10).toLongLong();
    }
    return ids;
}

// Reopens the data dir the way the proxy would and checks it against what was acknowledged.
void verifyDataDir(const QString &dataDir, const QSet<qint64> &committed, int run)
{
    const QString context = QStringLiteral("after run %1: ").arg(run);
    QString error;
    Database db(Database::defaultPath(dataDir), QStringLiteral("verify-%1").arg(run));
    QVERIFY2(db.open(&error), qPrintable(context + error));
    QVERIFY2(db.integrityCheck(&error), qPrintable(context + error));
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);

    const QList<Account> accounts = AccountRepository(db).loadAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(context + error));
    QSet<qint64> present;
    for (const Account &a : accounts)
        present.insert(a.id());

    QFile file(FileSecretStore::filePath(dataDir));
    if (!committed.isEmpty()) {
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(context + QStringLiteral("secrets.json missing")));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &pe);
        QVERIFY2(pe.error == QJsonParseError::NoError && doc.isObject(), qPrintable(context + QStringLiteral("secrets.json does not parse")));
    }
    FileSecretStore secrets(dataDir);
    for (qint64 id : committed) {
        QVERIFY2(present.contains(id), qPrintable(context + QStringLiteral("committed account %1 lost").arg(id)));
        const std::optional<QByteArray> value = secrets.read(AccountSecrets::key(id), &error);
        QVERIFY2(value, qPrintable(context + QStringLiteral("secret of committed account %1 lost %2").arg(id).arg(error)));
        Credential c;
        QVERIFY2(AccountSecrets::apply(*value, c, &error), qPrintable(context + error));
        QCOMPARE(c.refreshToken, QStringLiteral("rt-%1").arg(id));
        QVERIFY(c.accessToken.startsWith(QLatin1String("at-")));
    }
    RequestLog log(db, 50);
    QVERIFY(log.count({}) <= 50);
    const qint64 total = qint64(log.stats().value(QLatin1String("totals")).toObject().value(QLatin1String("requests")).toDouble());
    QVERIFY(total >= log.count({}));
}

} // namespace

void TestDurability::killNineLosesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSet<qint64> committed;
    int killedWithCommits = 0;
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    QRandomGenerator random(seed);
    for (int run = 1; run <= 20; ++run) {
        QProcess worker;
        worker.setProgram(QStringLiteral(DURABILITY_WORKER));
        worker.setArguments({dir.path(), QString::number(random.generate())});
        worker.setProcessChannelMode(QProcess::SeparateChannels);
        worker.start();
        QVERIFY2(worker.waitForStarted(10000), qPrintable(worker.errorString()));
        // The first runs count from the process start, so some kills land while the database is
        // being created, migrated or recovered; the others from "ready", inside the write burst
        // (each commit is several fsyncs, and starting an ASan build takes a good part of 300 ms).
        QByteArray out;
        const bool fromStart = run <= 5;
        while (!fromStart && !out.contains('\n') && worker.waitForReadyRead(10000))
            out += worker.readAllStandardOutput();
        QVERIFY2(fromStart || out.startsWith("ready "), out.constData());
        const int delayMs = 20 + int(random.bounded(281));
        QTest::qWait(delayMs);   // the random moment of the kill is the test's input, not a wait for an event
        worker.kill();   // SIGKILL
        QVERIFY(worker.waitForFinished(10000));
        const QByteArray err = worker.readAllStandardError();
        QVERIFY2(!err.contains("durability_worker:"), err.constData());   // it failed by itself, not by the kill
        QVERIFY2(worker.exitStatus() == QProcess::CrashExit, "the worker finished before it was killed");
        out += worker.readAllStandardOutput();
        const QList<qint64> ids = committedIds(out);
        if (!ids.isEmpty())
            ++killedWithCommits;
        for (qint64 id : ids)
            committed.insert(id);
        qInfo("run %d: killed %d ms after %s, %d new committed accounts (%d in all)", run, delayMs,
              fromStart ? "start" : "ready", int(ids.size()), int(committed.size()));
        verifyDataDir(dir.path(), committed, run);
        if (QTest::currentTestFailed())
            return;
    }
    // The runs must have been killed in the middle of real work, not before it began.
    QVERIFY2(killedWithCommits >= 5, qPrintable(QString::number(killedWithCommits)));
    QVERIFY2(committed.size() >= 10, qPrintable(QString::number(committed.size())));
}

void TestDurability::workerRunsToCompletion()
{
    // The worker's own correctness: unkilled, it commits exactly what it was asked to.
    QTemporaryDir dir;
    QProcess worker;
    worker.start(QStringLiteral(DURABILITY_WORKER), {dir.path(), QStringLiteral("7"), QStringLiteral("25")});
    QVERIFY(worker.waitForFinished(60000));
    QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.exitCode(), 0);
    const QList<qint64> ids = committedIds(worker.readAllStandardOutput());
    QCOMPARE(ids.size(), 25);
    verifyDataDir(dir.path(), QSet<qint64>(ids.begin(), ids.end()), 0);
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
