// ImportDialog against the real service: a preview saves nothing; importing the selected entries
// of valid + duplicate + malformed input adds exactly the right accounts; unchecked entries and
// malformed input add none.
#include "guifixture.h"
#include "dialogs/importdialog.h"
#include "itemmodels/importpreviewmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestImportDialog : public QObject
{
    Q_OBJECT

private:
    static QSet<QString> names(const QList<Account> &accounts)
    {
        QSet<QString> out;
        for (const Account &a : accounts)
            out.insert(a.name);
        return out;
    }
    static QString json(const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson()); }

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void validDuplicateAndMalformed()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("first@example.com")}})}));
        QCOMPARE(f.monitor.accounts().size(), 1);

        ImportDialog dialog(&f.monitor);
        dialog.setPastedText(json(QJsonArray{
            socialAccount(QStringLiteral("import-new-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("new@example.com")}}),
            socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("first@example.com")}}),
            QJsonObject{{QStringLiteral("authMethod"), QStringLiteral("social")}, {QStringLiteral("email"), QStringLiteral("broken@example.com")}},
            socialAccount(QStringLiteral("truncated-token..."), {{QStringLiteral("email"), QStringLiteral("trunc@example.com")}}),
        }));
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        const QList<ImportPreviewModel::Row> rows = dialog.model()->rows();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).status, QStringLiteral("new"));
        QCOMPARE(rows.at(1).status, QStringLiteral("duplicate"));
        QCOMPARE(rows.at(2).status, QStringLiteral("rejected"));
        QVERIFY(!rows.at(2).reason.isEmpty());
        QCOMPARE(rows.at(3).status, QStringLiteral("rejected"));
        QCOMPARE(dialog.model()->checkedEntries(), (QList<int>{0, 1}));
        // Rejected rows cannot be checked.
        QVERIFY(!dialog.model()->setData(dialog.model()->index(2, 0), Qt::Checked, Qt::CheckStateRole));

        // The preview saved nothing.
        f.proxy.service->requestAccounts();
        QTest::qWait(300);
        QCOMPARE(f.monitor.accounts().size(), 1);

        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("added"));
        QCOMPARE(dialog.model()->rows().at(1).status, QStringLiteral("updated"));
        QCOMPARE(dialog.model()->rows().at(2).status, QStringLiteral("rejected"));
        QVERIFY2(dialog.message().contains(QStringLiteral("1 added, 1 updated")), qPrintable(dialog.message()));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QCOMPARE(names(f.monitor.accounts()), (QSet<QString>{QStringLiteral("first@example.com"), QStringLiteral("new@example.com")}));
    }

    void uncheckedEntriesAreNotImported()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        dialog.addSource(QStringLiteral("two.json"), QJsonDocument(QJsonArray{
            socialAccount(QStringLiteral("keep-me-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("keep@example.com")}}),
            socialAccount(QStringLiteral("skip-me-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("skip@example.com")}}),
        }).toJson());
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        QVERIFY(dialog.model()->setData(dialog.model()->index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(dialog.model()->checkedEntries(), QList<int>{0});
        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(1).status, QStringLiteral("skipped"));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QVERIFY(names(f.monitor.accounts()).contains(QStringLiteral("keep@example.com")));
        QVERIFY(!names(f.monitor.accounts()).contains(QStringLiteral("skip@example.com")));
    }

    void malformedInputSavesNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QStringLiteral("{\"refreshToken\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("empty array") << QStringLiteral("[]") << QStringLiteral("holds no account");
        QTest::newRow("a number") << QStringLiteral("42") << QStringLiteral("");
    }

    void malformedInputSavesNothing()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        QSignalSpy imports(&f.monitor, &ServiceMonitor::importFinished);
        dialog.setPastedText(text);
        dialog.preview();
        QTest::qWait(200);
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Editing);
        QVERIFY(!dialog.message().isEmpty());
        QVERIFY2(dialog.message().contains(message), qPrintable(dialog.message()));
        QCOMPARE(dialog.model()->rowCount(), 0);
        QCOMPARE(imports.size(), 0);   // refused before reaching the service
        dialog.importSelected();       // nothing previewed: does nothing
        QTest::qWait(200);
        QCOMPARE(imports.size(), 0);
        QCOMPARE(f.monitor.accounts().size(), 1);
    }

    void kiroIdeLoginOfThisComputer()
    {
        const QString cache = isolateHome().filePath(QStringLiteral(".aws/sso/cache"));
        const auto ideButton = [](const ImportDialog &d) -> QPushButton * {
            for (QPushButton *b : d.findChildren<QPushButton *>())
                if (b->text().contains(QStringLiteral("Kiro IDE")))
                    return b;
            return nullptr;
        };
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        {
            ImportDialog dialog(&f.monitor);
            QVERIFY(ideButton(dialog));
            QVERIFY(ideButton(dialog)->isHidden());   // no Kiro IDE login on this "computer"
        }
        QVERIFY(QDir().mkpath(cache));
        QFile token(cache + QStringLiteral("/kiro-auth-token.json"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), QStringLiteral("ide-access")},
                                              {QStringLiteral("refreshToken"), QStringLiteral("ide-refresh-token-0123456789abcdef")},
                                              {QStringLiteral("authMethod"), QStringLiteral("social")},
                                              {QStringLiteral("provider"), QStringLiteral("Google")},
                                              {QStringLiteral("expiresAt"), QStringLiteral("2030-01-01T00:00:00.000Z")}}).toJson());
        token.close();
        ImportDialog dialog(&f.monitor);
        QVERIFY(!ideButton(dialog)->isHidden());
        ideButton(dialog)->click();
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        QCOMPARE(dialog.model()->rows().size(), 1);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("new"));
        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("added"));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QVERIFY(QFile::remove(token.fileName()));
    }

    void editingAfterPreviewNeedsNewPreview()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        dialog.setPastedText(json(QJsonArray{socialAccount(QStringLiteral("edit-refresh-token-0123456789abcdef"))}));
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        dialog.setPastedText(json(QJsonArray{socialAccount(QStringLiteral("other-refresh-token-0123456789abcdef"))}));
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Editing);
        QCOMPARE(dialog.model()->rowCount(), 0);
        dialog.importSelected();
        QTest::qWait(300);
        QCOMPARE(f.monitor.accounts().size(), 1);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
