// ClaudeCodeDialog in a temporary HOME: shows the change it will make (key masked until asked),
// Apply writes the merged ~/.claude/settings.json, Undo restores the original bytes.
#include "dialogs/claudecodedialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:8765");
const QString kKey = QStringLiteral("kt-secretsecretsecretsecret");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestClaudeCodeDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("HOME", m_home.path().toLocal8Bit());
        QCOMPARE(QDir::homePath(), m_home.path());
    }

    void applyThenUndo()
    {
        const QString path = m_home.filePath(QStringLiteral(".claude/settings.json"));
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral(".claude"))));
        const QByteArray original = "{\n    \"env\": {\n        \"OTHER\": \"keep\"\n    },\n    \"theme\": \"dark\"\n}\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(original);
        }
        ClaudeCodeDialog dialog(kUrl, kKey, QDir::homePath());
        dialog.show();
        QVERIFY(dialog.diffText().contains(QStringLiteral("+         \"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8765\"")));
        QVERIFY2(!dialog.diffText().contains(kKey), "the key is masked until 'Show the API key'");
        dialog.findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(dialog.diffText().contains(kKey));
        QVERIFY(dialog.applyButton()->isEnabled());
        QVERIFY(!dialog.undoButton()->isEnabled());

        dialog.applyButton()->click();
        const QJsonObject written = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(written.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
        const QJsonObject env = written.value(QStringLiteral("env")).toObject();
        QCOMPARE(env.value(QStringLiteral("OTHER")).toString(), QStringLiteral("keep"));
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(), kUrl);
        QCOMPARE(env.value(QStringLiteral("ANTHROPIC_API_KEY")).toString(), kKey);
        QVERIFY(QFile::exists(path + QStringLiteral(".kirotray-backup")));
        QVERIFY(!dialog.applyButton()->isEnabled());   // nothing left to change
        QVERIFY(dialog.undoButton()->isEnabled());
        QVERIFY(dialog.statusText().contains(QStringLiteral("Restart Claude Code")));

        dialog.undoButton()->click();
        QCOMPARE(readAll(path), original);
        QVERIFY(!QFile::exists(path + QStringLiteral(".kirotray-backup")));
        QVERIFY(dialog.applyButton()->isEnabled());
        QVERIFY(!dialog.undoButton()->isEnabled());
    }

    void brokenFileIsLeftAlone()
    {
        const QString path = m_home.filePath(QStringLiteral(".claude/settings.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{ not json");
        }
        ClaudeCodeDialog dialog(kUrl, kKey, QDir::homePath());
        QVERIFY(!dialog.applyButton()->isEnabled());
        QVERIFY(dialog.statusText().contains(QStringLiteral("not valid JSON")));
        QVERIFY(!dialog.applyChange().isEmpty());
        QCOMPARE(readAll(path), QByteArray("{ not json"));
        QFile::remove(path);
    }

    void copyShellExports()
    {
        ClaudeCodeDialog dialog(kUrl, kKey, QDir::homePath());
        QPushButton *exports = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text().contains(QStringLiteral("exports")))
                exports = b;
        QVERIFY(exports);
        exports->click();
        QCOMPARE(QApplication::clipboard()->text(), ClaudeCodeSettings::shellExports(kUrl, kKey));
    }
};

QTEST_MAIN(TestClaudeCodeDialog)
#include "tst_claudecodedialog.moc"
