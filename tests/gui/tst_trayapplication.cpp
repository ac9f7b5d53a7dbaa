// TrayApplication with the real service: without a tray the window stays open and says so; with
// one, closing hides it; a second launch brings it forward; Quit stops listening; notifications are
// rate-limited; a port saved in Settings applies after the offered proxy restart.
#include "dialogs/aboutdialog.h"
#include "config/configfile.h"
#include "guifixture.h"
#include "tray/mainwindow.h"
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"
#include "pages/settingspage.h"
#include "dialogs/signindialog.h"
#include "platform/singleinstance.h"
#include "tray/trayapplication.h"
#include "tray/traycontroller.h"

#include "config/configloader.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QToolButton>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestTrayApplication : public QObject
{
    Q_OBJECT

private:
    fake::FakeKiroServer m_fake;

    Config makeConfig(const QTemporaryDir &dir, quint16 port, const QString &refreshToken = TestRefreshToken)
    {
        QFile file(dir.filePath(QStringLiteral("credentials.json")));
        if (file.open(QIODevice::WriteOnly))
            file.write(QJsonDocument(socialAccount(refreshToken)).toJson());
        Config c;
        c.port = port;
        c.apiKey = QString::fromLatin1(TestApiKey);
        c.dataDir = dir.path();
        c.configFile = dir.filePath(QStringLiteral("config.json"));
        c.credentialsFile = file.fileName();
        c.apiBaseUrl = c.socialAuthBaseUrl = c.oidcBaseUrl = m_fake.baseUrl();
        c.secretStore = QStringLiteral("file");
        return c;
    }

    static TrayApplication::Options options(bool tray)
    {
        TrayApplication::Options o;
        o.useSystemTray = tray;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateHome();
        QVERIFY(m_fake.listen());
    }

    void settingsSayWhereSecretsAre_data()
    {
        QTest::addColumn<QString>("secretStore");
        QTest::addColumn<QString>("wording");
        QTest::newRow("file, as configured") << "file" << "(readable only by you, but not encrypted), as set above.";
        QTest::newRow("auto, no keychain") << "auto" << "no system keychain was available when the proxy started.";
    }

    void settingsSayWhereSecretsAre()
    {
        QFETCH(QString, secretStore);
        QFETCH(QString, wording);
        // No session bus, no display: no keychain can answer, so the expected wording is known
        // without asking the code under test which store it chose.
        for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY"})
            qunsetenv(name);
        QTemporaryDir dir;
        Config config = makeConfig(dir, freePort());
        config.secretStore = secretStore;
        TrayApplication app(config, {}, options(false));
        QTRY_VERIFY(app.monitor()->isRunning());
        auto *info = app.window()->settingsPage()->findChild<QLabel *>(QStringLiteral("secretsInfo"));
        QVERIFY(info);
        QTRY_VERIFY2(info->text().endsWith(wording), qPrintable(info->text()));
        QVERIFY(info->text().contains(QDir::toNativeSeparators(dir.filePath(QStringLiteral("secrets.json")))));
    }

    void noTrayKeepsTheWindowOpen()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        TrayApplication app(makeConfig(dir, port), {}, options(false));
        QVERIFY(app.window()->isVisible());
        bool notice = false;
        for (QLabel *l : app.window()->findChildren<QLabel *>())
            notice = notice || (l->isVisible() && l->text().contains(QStringLiteral("no system tray")));
        QVERIFY(notice);
        QVERIFY(!app.window()->menuBar()->actions().isEmpty());   // the tray menu lives in the menu bar
        QTRY_VERIFY(app.monitor()->isRunning());
        QVERIFY(accepts(port));

        // Closing the window is quitting: the proxy stops listening.
        app.window()->close();
        QTRY_VERIFY(!app.monitor()->isRunning());
        QTRY_VERIFY(!accepts(port));
    }

    void trayCloseHidesAndSecondLaunchShows()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        TrayApplication app(makeConfig(dir, port), {}, options(true));
        QTRY_VERIFY(app.monitor()->isRunning());
        SingleInstance first(SingleInstance::keyFor(dir.path()));
        QVERIFY(first.acquire());
        app.attach(&first);

        app.window()->show();
        app.window()->close();
        QVERIFY(!app.window()->isVisible());
        QVERIFY(app.monitor()->isRunning());   // hidden, still serving
        QVERIFY(accepts(port));

        SingleInstance second(SingleInstance::keyFor(dir.path()));
        QVERIFY(!second.acquire());
        QTRY_VERIFY(app.window()->isVisible());
    }

    void aboutShowsTheBuildVersion()
    {
        QTemporaryDir dir;
        TrayApplication app(makeConfig(dir, freePort()), {}, options(false));
        QTRY_VERIFY(app.monitor()->isRunning());
        app.tray()->action(QStringLiteral("actionAbout"))->trigger();
        auto *about = app.window()->findChild<AboutDialog *>(QStringLiteral("aboutDialog"));
        QVERIFY(about);
        QTRY_VERIFY(about->isVisible());
        QCOMPARE(about->findChild<QLabel *>(QStringLiteral("aboutTitle"))->text(),
                 QStringLiteral("<h2>KiroTray " KIROTRAY_VERSION "</h2>"));
        const QString details = about->findChild<QLabel *>(QStringLiteral("aboutDetails"))->text();
        QVERIFY2(details.contains(QStringLiteral(KIROTRAY_VERSION)), qPrintable(details));
        QVERIFY2(details.contains(QDir::toNativeSeparators(dir.path()).toHtmlEscaped()), qPrintable(details));
        QVERIFY2(details.contains(QString::fromLatin1(qVersion())), qPrintable(details));
        about->findChild<QPushButton *>(QStringLiteral("aboutCopy"))->click();
        QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("Version: " KIROTRAY_VERSION "\n")));
        about->close();
        QTRY_VERIFY(!app.window()->findChild<AboutDialog *>(QStringLiteral("aboutDialog")));   // deleted on close
        // The same dialog from the window's corner button.
        app.window()->findChild<QToolButton *>(QStringLiteral("aboutButton"))->click();
        QTRY_VERIFY(app.window()->findChild<AboutDialog *>(QStringLiteral("aboutDialog")));
    }

    void quitStopsTheProxy()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        TrayApplication app(makeConfig(dir, port), {}, options(true));
        QTRY_VERIFY(app.monitor()->isRunning());
        QCOMPARE(HttpTestClient(port).request("GET", "/health").status, 200);
        app.quit();
        QTRY_COMPARE(app.monitor()->runState(), ServiceMonitor::RunState::Stopped);
        QVERIFY(!accepts(port));
    }

    void notificationsAreRateLimited()
    {
        QTemporaryDir dir;
        TrayApplication app(makeConfig(dir, freePort()), {}, options(false));
        QSignalSpy shown(&app, &TrayApplication::notificationShown);
        for (int i = 0; i < 5; ++i)
            app.notify(QStringLiteral("account-invalid"), QStringLiteral("alpha is suspended"));
        QCOMPARE(shown.size(), 1);
        app.notify(QStringLiteral("account-invalid"), QStringLiteral("beta is suspended"));
        for (int i = 0; i < 5; ++i)
            app.notify(QStringLiteral("pool-exhausted"), QStringLiteral("until %1").arg(i));
        QCOMPARE(shown.size(), 3);
        app.notify(QStringLiteral("quota-low"), QStringLiteral("gamma at 8 %"));
        QCOMPARE(shown.size(), 3);   // three within a minute is the cap
    }

    // A refresh token the service rejects: the notification offers Sign in again, as a click on the
    // tray message or, without a tray, as a button beside the window's status message.
    void invalidAccountNotificationSignsInAgain_data()
    {
        QTest::addColumn<bool>("tray");
        QTest::newRow("tray message clicked") << true;
        QTest::newRow("no tray: status bar button") << false;
    }

    void invalidAccountNotificationSignsInAgain()
    {
        QFETCH(bool, tray);
        QTemporaryDir dir;
        const quint16 port = freePort();
        TrayApplication app(makeConfig(dir, port, QStringLiteral("revoked-refresh-token-0123456789")), {}, options(tray));
        QSignalSpy shown(&app, &TrayApplication::notificationShown);
        QTRY_VERIFY(app.monitor()->isRunning());
        HttpTestClient(port).request("POST", "/v1/messages",
                                     R"({"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}]})",
                                     {{"x-api-key", TestApiKey}, {"content-type", "application/json"}});
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 15000);
        QCOMPARE(shown.at(0).at(0).toString(), QStringLiteral("An account stopped working"));
        QTRY_VERIFY(!app.monitor()->accounts().isEmpty() && app.monitor()->accounts().at(0).state == AccountState::Invalid);
        QVERIFY(app.window()->findChildren<SignInDialog *>().isEmpty());
        if (tray) {
            QVERIFY(!app.window()->signInAgainButton()->isVisible());
            Q_EMIT app.tray()->trayIcon()->messageClicked();
        } else {
            QVERIFY(app.window()->signInAgainButton()->isVisible());
            app.window()->signInAgainButton()->click();
            QVERIFY(!app.window()->signInAgainButton()->isVisible());
        }
        const QList<SignInDialog *> dialogs = app.window()->findChildren<SignInDialog *>();
        QCOMPARE(dialogs.size(), 1);
        QVERIFY2(dialogs.at(0)->windowTitle().startsWith(QStringLiteral("Sign in again")), qPrintable(dialogs.at(0)->windowTitle()));
        QCOMPARE(app.window()->tabs()->currentIndex(), int(MainWindow::AccountsTab));
    }

    void portInUseNotifies()
    {
        QTemporaryDir dir;
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        TrayApplication app(makeConfig(dir, squatter.serverPort()), {}, options(false));
        QSignalSpy shown(&app, &TrayApplication::notificationShown);
        QTRY_COMPARE(app.monitor()->runState(), ServiceMonitor::RunState::Failed);
        QTRY_COMPARE(shown.size(), 1);
        QVERIFY(shown.at(0).at(1).toString().contains(QString::number(squatter.serverPort())));
    }

    void savedPortAppliesAfterRestart()
    {
        QTemporaryDir dir;
        const quint16 oldPort = freePort();
        const Config base = makeConfig(dir, oldPort);
        TrayApplication app(base, [base](QString *error) -> std::optional<Config> {
            CommandLineOverrides overrides;
            overrides.dataDir = base.dataDir;
            const ConfigLoadResult loaded = ConfigLoader::load(overrides, QProcessEnvironment());
            if (!loaded.config) {
                *error = loaded.error;
                return std::nullopt;
            }
            Config next = base;
            next.port = loaded.config->port;
            return next;
        }, options(false));
        QTRY_VERIFY(app.monitor()->isRunning());

        const quint16 newPort = freePort();
        SettingsPage *settings = app.window()->settingsPage();
        settings->findChild<QSpinBox *>()->setValue(newPort);
        QCOMPARE(settings->changes().value(QStringLiteral("port")).toInt(), int(newPort));
        auto *aliases = settings->findChild<QPlainTextEdit *>();
        QVERIFY(aliases);
        aliases->setPlainText(QStringLiteral("claude-opus-5-5 = claude-opus-4.8\nnot an alias"));
        QSignalSpy saved(settings, &SettingsPage::saveFinished);
        QVERIFY(settings->save().contains(QStringLiteral("line 2")));   // nothing sent, nothing written
        aliases->setPlainText(QStringLiteral("Claude-Opus-5-5 = claude-opus-4.8\n\n"));
        QCOMPARE(settings->changes().value(QStringLiteral("modelAliases")).toObject(),
                 (QJsonObject{{QStringLiteral("claude-opus-5-5"), QStringLiteral("claude-opus-4.8")}}));

        // The proxy's management service checks the values: a bad region is refused, shown, not written.
        QComboBox *region = nullptr;
        for (QComboBox *combo : settings->findChildren<QComboBox *>())
            region = combo->isEditable() ? combo : region;   // the only editable one
        QVERIFY(region);
        region->setCurrentText(QStringLiteral("not a region"));
        QCOMPARE(settings->save(), QString());
        QVERIFY(saved.wait(10000));
        const QString refusal = saved.takeFirst().at(0).toString();
        QVERIFY2(refusal.contains(QStringLiteral("region")), qPrintable(refusal));
        QVERIFY(!settings->restartNeeded());
        QVERIFY(!QFile::exists(base.configFile));
        bool shown = false;
        for (const QLabel *label : settings->findChildren<QLabel *>())
            shown = shown || label->text() == refusal;
        QVERIFY(shown);

        region->setCurrentText(base.region);
        QCOMPARE(settings->save(), QString());
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.takeFirst().at(0).toString(), QString());
        QVERIFY(settings->restartNeeded());
        QVERIFY(settings->changes().isEmpty());
        QString error;
        QCOMPARE(ConfigFile::read(base.configFile, &error).value(QStringLiteral("port")).toInt(), int(newPort));
        QCOMPARE(ConfigFile::read(base.configFile, &error).value(QStringLiteral("modelAliases")).toObject().value(QStringLiteral("claude-opus-5-5")).toString(),
                 QStringLiteral("claude-opus-4.8"));
        QVERIFY(accepts(oldPort));   // nothing changes before the restart

        QSignalSpy restarted(&app, &TrayApplication::restarted);
        Q_EMIT settings->restartRequested();
        QVERIFY(restarted.wait(10000));
        QTRY_VERIFY(app.monitor()->isRunning());
        QCOMPARE(app.service()->port(), newPort);
        QVERIFY(accepts(newPort));
        QVERIFY(!accepts(oldPort));
        QVERIFY(!settings->restartNeeded());
        QCOMPARE(HttpTestClient(newPort).request("POST", "/v1/messages",
                                                 QJsonDocument(ProxyFixture::request(QStringLiteral("hi"), false)).toJson(),
                                                 {{"x-api-key", TestApiKey}, {"content-type", "application/json"}}).status, 200);
    }
};

QTEST_MAIN(TestTrayApplication)
#include "tst_trayapplication.moc"
