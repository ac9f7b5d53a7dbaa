// ClaudeCodeSettings: the env merge keeps every other setting, the plan refuses files it cannot
// merge, apply keeps the first backup, and Undo restores the exact bytes (or removes a new file).
#include "files/claudecodesettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:8080");
const QString kKey = QStringLiteral("kt-0123456789abcdefghijkl");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestClaudeCodeSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergeKeepsEverythingElse()
    {
        const QJsonObject before = QJsonDocument::fromJson(R"({"model":"opus","env":{"DISABLE_TELEMETRY":"1","ANTHROPIC_BASE_URL":"old"},"permissions":{"allow":["Bash"]}})").object();
        const QJsonObject after = ClaudeCodeSettings::merged(before, kUrl, kKey);
        QCOMPARE(after.value(QStringLiteral("model")).toString(), QStringLiteral("opus"));
        QCOMPARE(after.value(QStringLiteral("permissions")), before.value(QStringLiteral("permissions")));
        const QJsonObject env = after.value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("DISABLE_TELEMETRY")).toString(), QStringLiteral("1"));
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(), kUrl);
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_API_KEY")).toString(), kKey);
        QCOMPARE(env.size(), 3);
    }

    void applyAndUndoExistingFile()
    {
        QTemporaryDir home;
        ClaudeCodeSettings s(home.path());
        const QByteArray original = "{\n  \"model\": \"opus\",\n  \"env\": {\"FOO\": \"bar\"}\n}\n";
        write(s.settingsPath(), original);
        const ClaudeCodeSettings::Plan plan = s.plan(kUrl, kKey);
        QVERIFY(plan.error.isEmpty());
        QVERIFY(plan.fileExisted);
        QVERIFY(plan.changes());
        QCOMPARE(plan.before, original);
        QVERIFY(!s.canUndo());
        QCOMPARE(s.apply(plan), QString());
        QVERIFY(s.canUndo());
        QCOMPARE(readAll(s.backupPath()), original);
        const QJsonObject written = QJsonDocument::fromJson(readAll(s.settingsPath())).object();
        QCOMPARE(written.value(QStringLiteral("env")).toObject().value(QStringLiteral("FOO")).toString(), QStringLiteral("bar"));
        QCOMPARE(written.value(QStringLiteral("env")).toObject().value(QStringLiteral("ANTHROPIC_API_KEY")).toString(), kKey);

        // A second apply (new port) keeps the first backup: Undo goes back to before KiroTray.
        QCOMPARE(s.apply(s.plan(QStringLiteral("http://127.0.0.1:9000"), kKey)), QString());
        QCOMPARE(readAll(s.backupPath()), original);
        // Already configured: nothing to change.
        QVERIFY(!s.plan(QStringLiteral("http://127.0.0.1:9000"), kKey).changes());

        QCOMPARE(s.undo(), QString());
        QCOMPARE(readAll(s.settingsPath()), original);
        QVERIFY(!s.canUndo());
        QVERIFY(!QFile::exists(s.backupPath()));
        QVERIFY(!s.undo().isEmpty());
    }

    void applyAndUndoNewFile()
    {
        QTemporaryDir home;
        ClaudeCodeSettings s(home.path());
        const ClaudeCodeSettings::Plan plan = s.plan(kUrl, kKey);
        QVERIFY(!plan.fileExisted);
        QVERIFY(plan.changes());
        QCOMPARE(s.apply(plan), QString());
        QVERIFY(QFile::exists(s.settingsPath()));
        QCOMPARE(QFile::permissions(s.settingsPath()) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        QVERIFY(s.canUndo());
        QCOMPARE(s.undo(), QString());
        QVERIFY(!QFile::exists(s.settingsPath()));
        QVERIFY(!s.canUndo());
    }

    void refusesWhatItCannotMerge_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("broken JSON") << QByteArray("{\"model\": ");
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("env not an object") << QByteArray(R"({"env":"x"})");
    }

    void refusesWhatItCannotMerge()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir home;
        ClaudeCodeSettings s(home.path());
        write(s.settingsPath(), content);
        const ClaudeCodeSettings::Plan plan = s.plan(kUrl, kKey);
        QVERIFY(!plan.error.isEmpty());
        QVERIFY(!plan.changes());
        QVERIFY(!s.apply(plan).isEmpty());
        QCOMPARE(readAll(s.settingsPath()), content);
        QVERIFY(!s.canUndo());
    }

    void shellExports()
    {
        QCOMPARE(ClaudeCodeSettings::shellExports(kUrl, kKey, ClaudeCodeSettings::Shell::Posix),
                 QStringLiteral("export ANTHROPIC_BASE_URL='%1'\nexport ANTHROPIC_API_KEY='%2'\n").arg(kUrl, kKey));
        QCOMPARE(ClaudeCodeSettings::shellExports(kUrl, kKey, ClaudeCodeSettings::Shell::PowerShell),
                 QStringLiteral("$env:ANTHROPIC_BASE_URL = \"%1\"\r\n$env:ANTHROPIC_API_KEY = \"%2\"\r\n").arg(kUrl, kKey));
#ifdef Q_OS_WIN
        QCOMPARE(ClaudeCodeSettings::nativeShell, ClaudeCodeSettings::Shell::PowerShell);
#else
        QCOMPARE(ClaudeCodeSettings::nativeShell, ClaudeCodeSettings::Shell::Posix);
#endif
        QCOMPARE(ClaudeCodeSettings::shellExports(kUrl, kKey),
                 ClaudeCodeSettings::shellExports(kUrl, kKey, ClaudeCodeSettings::nativeShell));
    }
};

QTEST_MAIN(TestClaudeCodeSettings)
#include "tst_claudecodesettings.moc"
