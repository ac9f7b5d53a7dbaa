// CodexDialog in a temporary CODEX_HOME: the model field starts on the catalogue's default (or the
// file's own choice), the change is shown before Apply, Apply writes config.toml keeping the user's
// settings, the env var command is shown with the key masked and copied whole, Undo restores.
#include "dialogs/codexdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:8765");
const QString kKey = QStringLiteral("kt-secretsecretsecretsecret");
const QStringList kModels = {QStringLiteral("auto"), QStringLiteral("claude-opus-4.6"), QStringLiteral("claude-sonnet-4.6")};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestCodexDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applyThenUndo()
    {
        QTemporaryDir home;
        const QString path = home.filePath(QStringLiteral("config.toml"));
        const QByteArray original = "approval_policy = \"never\"\n\n[analytics]\nenabled = false\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(original);
        }
        CodexDialog dialog(kUrl, kKey, home.path(), kModels, QStringLiteral("claude-opus-4.6"));
        dialog.show();
        QCOMPARE(dialog.modelBox()->count(), 3);
        QCOMPARE(dialog.modelBox()->currentText(), QStringLiteral("claude-opus-4.6"));
        QVERIFY(dialog.diffText().contains(QStringLiteral("+ model = \"claude-opus-4.6\"")));
        QVERIFY(dialog.diffText().contains(QStringLiteral("+ base_url = \"http://127.0.0.1:8765/v1\"")));
        QVERIFY(dialog.diffText().contains(QStringLiteral("+ wire_api = \"responses\"")));
        dialog.modelBox()->setCurrentText(QStringLiteral("claude-sonnet-4.6"));
        QVERIFY(dialog.diffText().contains(QStringLiteral("+ model = \"claude-sonnet-4.6\"")));

        QVERIFY(dialog.exportsText().startsWith(QStringLiteral("export KIROTRAY_API_KEY='kt-sec…cret'")));
        QVERIFY(!dialog.exportsText().contains(kKey));
        dialog.findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(dialog.exportsText().contains(kKey));
        dialog.exportsButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), CodexConfig::shellExports(kKey));

        QVERIFY(dialog.applyButton()->isEnabled());
        dialog.applyButton()->click();
        QByteArray expected;
        QCOMPARE(CodexConfig::edit(original, kUrl, QStringLiteral("claude-sonnet-4.6"), &expected), QString());
        QCOMPARE(readAll(path), expected);
        QVERIFY(expected.startsWith(original.left(26)));
        QVERIFY(expected.contains("[analytics]\nenabled = false\n"));
        QVERIFY(!readAll(path).contains(kKey.toUtf8()));   // the key stays in the environment
        QVERIFY(!dialog.applyButton()->isEnabled());
        QVERIFY(dialog.statusText().contains(QStringLiteral("KIROTRAY_API_KEY")));

        // Opened again, the dialog starts on the model the file names.
        CodexDialog again(kUrl, kKey, home.path(), kModels, QStringLiteral("auto"));
        QCOMPARE(again.modelBox()->currentText(), QStringLiteral("claude-sonnet-4.6"));
        QVERIFY(again.statusText().contains(QStringLiteral("already uses KiroTray")));

        dialog.undoButton()->click();
        QCOMPARE(readAll(path), original);
        QVERIFY(!dialog.undoButton()->isEnabled());
    }

    void emptyModelWritesNothing()
    {
        QTemporaryDir home;
        CodexDialog dialog(kUrl, kKey, home.path(), {}, QString());
        QCOMPARE(dialog.modelBox()->currentText(), QString());
        QVERIFY(!dialog.applyButton()->isEnabled());
        QVERIFY(!dialog.applyChange().isEmpty());
        QVERIFY(!QFile::exists(home.filePath(QStringLiteral("config.toml"))));
        dialog.modelBox()->setCurrentText(QStringLiteral("claude-haiku-4.5"));
        QVERIFY(dialog.applyButton()->isEnabled());
        QVERIFY(dialog.statusText().contains(QStringLiteral("will be created")));
    }
};

QTEST_MAIN(TestCodexDialog)
#include "tst_codexdialog.moc"
