// The Sign in dialog and the empty Accounts tab against the real service and the fake upstream:
// the empty tab's one obvious button, Builder ID with the code shown large, copied and the browser
// opened (a URL handler stands in for it), "Add another" for a Google account whose authorize URL a
// test browser follows to the loopback listener, Cancel, API keys, and Sign in again for an account
// whose login died; the tray menu's Sign in… entry.
#include "pages/accountspage.h"
#include "guifixture.h"
#include "dialogs/signindialog.h"
#include "tray/traycontroller.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace kt;
using namespace kt::test;

class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

class TestSignInDialog : public QObject
{
    Q_OBJECT

    UrlCatcher m_browser;

    static bool startFast(GuiFixture &f, const QJsonArray &accounts = {})
    {
        return f.start(accounts, [](Config &c) { c.signInSecondMs = 10; });
    }

    static int follow(const QUrl &url)
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(20000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateHome();
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
    }
    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    }

    void emptyAccountsTabOffersSignIn()
    {
        GuiFixture f;
        QVERIFY(startFast(f));
        AccountsPage page(&f.monitor);
        page.show();
        auto *button = page.findChild<QPushButton *>(QStringLiteral("emptySignIn"));
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        QVERIFY(!page.table()->isVisible());
        QSignalSpy requested(&page, &AccountsPage::signInRequested);
        button->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toLongLong(), 0);
    }

    void builderIdThenAnotherWithGoogle()
    {
        GuiFixture f;
        QVERIFY(startFast(f));
        m_browser.opened.clear();
        SignInDialog dialog(&f.monitor);
        dialog.show();
        dialog.choose(SignInDialog::BuilderId);
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.userCodeText().isEmpty(), 15000);
        const QString code = f.proxy.fake.signIn.lastUserCode();
        QCOMPARE(dialog.userCodeText(), code);
        QCOMPARE(m_browser.opened.size(), 1);   // the browser opened by itself on the AWS page
        QVERIFY(m_browser.opened.at(0).toString().contains(code));
        dialog.copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), code);
        QVERIFY(dialog.cancelButton()->isVisible());
        QVERIFY(dialog.stateText().contains(QStringLiteral("Waiting")));
        f.proxy.fake.signIn.approve(code, QStringLiteral("gui@example.com"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.status().state == SignInState::Succeeded, 15000);
        QVERIFY(dialog.stateText().contains(QStringLiteral("added")));
        QVERIFY(dialog.anotherButton()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(f.monitor.accounts().size(), 1, 15000);

        dialog.anotherButton()->click();
        dialog.choose(SignInDialog::Google);
        dialog.submit();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.opened.size(), 2, 15000);
        QCOMPARE(follow(m_browser.opened.at(1)), 200);   // the login page redirects to the loopback listener
        QTRY_VERIFY_WITH_TIMEOUT(dialog.status().state == SignInState::Succeeded, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(f.monitor.accounts().size(), 2, 15000);
    }

    void cancelAndOrganisationCheck()
    {
        GuiFixture f;
        QVERIFY(startFast(f));
        SignInDialog dialog(&f.monitor);
        dialog.choose(SignInDialog::Organisation);
        dialog.setOrganisation(QStringLiteral("not a url"), QStringLiteral("eu-west-1"));
        dialog.submit();
        QCOMPARE(f.proxy.fake.requests("/client/register").size(), 0);   // refused before any call
        dialog.setOrganisation(QStringLiteral("https://my-org.awsapps.com/start"), QStringLiteral("eu-west-1"));
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isWaiting(), 15000);
        dialog.cancelButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.status().state == SignInState::Cancelled, 15000);
        QVERIFY(!dialog.cancelButton()->isVisibleTo(&dialog));
        QCOMPARE(f.monitor.accounts().size(), 0);
    }

    void apiKey()
    {
        GuiFixture f;
        QVERIFY(startFast(f));
        SignInDialog dialog(&f.monitor);
        dialog.choose(SignInDialog::ApiKey);
        dialog.setApiKey(QStringLiteral("ksk_valid-signin-test-key-0123456789gui"));
        dialog.submit();
        QTRY_COMPARE_WITH_TIMEOUT(f.monitor.accounts().size(), 1, 15000);
        QCOMPARE(f.monitor.accounts().at(0).credential.authMethod, AuthMethod::ApiKey);
    }

    void signInAgainForAnInvalidAccount()
    {
        GuiFixture f;
        QVERIFY(startFast(f, {socialAccount(QStringLiteral("revoked-refresh-token-0123456789"))}));
        f.proxy.messages(QStringLiteral("hello"), false);
        QTRY_VERIFY_WITH_TIMEOUT(!f.monitor.accounts().isEmpty() && f.monitor.accounts().at(0).state == AccountState::Invalid, 15000);
        const qint64 id = f.monitor.accounts().at(0).id();
        AccountsPage page(&f.monitor);
        page.show();
        page.selectAccount(id);
        QPushButton *signInAgain = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->text().contains(QStringLiteral("a&gain")))
                signInAgain = b;
        }
        QVERIFY(signInAgain && signInAgain->isVisible());
        QSignalSpy requested(&page, &AccountsPage::signInRequested);
        signInAgain->click();
        QCOMPARE(requested.at(0).at(0).toLongLong(), id);

        SignInDialog dialog(&f.monitor, id, QStringLiteral("dead"));
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isWaiting(), 15000);
        f.proxy.fake.signIn.approve(f.proxy.fake.signIn.lastUserCode());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.status().state == SignInState::Succeeded, 15000);
        QCOMPARE(dialog.status().accountId, id);
        QTRY_VERIFY_WITH_TIMEOUT(f.monitor.accounts().at(0).state == AccountState::Active, 15000);
        QCOMPARE(f.monitor.accounts().size(), 1);
    }

    void trayMenuHasSignIn()
    {
        GuiFixture f;
        QVERIFY(startFast(f));
        TrayController tray(&f.monitor, false);
        QAction *action = tray.action(QStringLiteral("actionSignIn"));
        QVERIFY(action);
        QSignalSpy requested(&tray, &TrayController::signInRequested);
        action->trigger();
        QCOMPARE(requested.size(), 1);
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
