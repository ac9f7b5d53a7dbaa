#include "tray/trayapplication.h"

#include "tray/mainwindow.h"
#ifdef KIROTRAY_SCREENSHOT_HOOK
#include "tray/screenshotter.h"
#endif
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"
#include "pages/settingspage.h"
#include "platform/singleinstance.h"
#include "tray/traycontroller.h"
#include "platform/uiresources.h"
#include "platform/uisettings.h"

#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSystemTrayIcon>
#include <QThread>
#include <QTimer>

#include <utility>

namespace kt {

namespace {

TrayApplication::Options defaultOptions(const Config &config)
{
    TrayApplication::Options o;
    // Screenshots (scripts/screenshots.sh, under Xvfb without a tray) show the window as tray users see it.
    o.useSystemTray = QSystemTrayIcon::isSystemTrayAvailable();
#ifdef KIROTRAY_SCREENSHOT_HOOK
    o.useSystemTray = o.useSystemTray || QProcessEnvironment::systemEnvironment().contains(QStringLiteral("KIROTRAY_SCREENSHOT_DIR"));
#endif
    o.startProxy = UiSettings(config.dataDir).startProxyOnLaunch();
    return o;
}

} // namespace

TrayApplication::TrayApplication(const ProxySetup &setup, ConfigSource reload)
    : TrayApplication(setup, std::move(reload), defaultOptions(setup.config))
{
}

TrayApplication::TrayApplication(const ProxySetup &setup, ConfigSource reload, const Options &options)
    : m_config(setup.config), m_secrets(setup.secrets), m_reload(std::move(reload)),
      m_service(std::make_unique<ProxyService>(setup.config, setup.secrets)),
      m_monitor(new ServiceMonitor(this)), m_hasTray(options.useSystemTray)
{
    initUiResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kirotray.svg")));
    m_monitor->setService(m_service.get());
    m_window = std::make_unique<MainWindow>(m_monitor, m_hasTray);
    m_tray = new TrayController(m_monitor, m_hasTray, this);
    if (!m_hasTray)
        m_window->menuBar()->addMenu(m_tray->menu());

    connect(m_tray, &TrayController::openRequested, this, &TrayApplication::showWindow);
    connect(m_tray, &TrayController::importRequested, this, [this] {
        showWindow();
        m_window->showTab(MainWindow::AccountsTab);
        m_window->openImportDialog();
    });
    connect(m_tray, &TrayController::signInRequested, this, [this] {
        showWindow();
        m_window->showTab(MainWindow::AccountsTab);
        m_window->openSignInDialog();
    });
    connect(m_tray, &TrayController::claudeCodeRequested, this, [this] {
        showWindow();
        m_window->openClaudeCodeDialog();
    });
    connect(m_tray, &TrayController::codexRequested, this, [this] {
        showWindow();
        m_window->openCodexDialog();
    });
    connect(m_tray, &TrayController::aboutRequested, this, [this] {
        showWindow();
        m_window->openAboutDialog();
    });
    connect(m_tray, &TrayController::quitRequested, this, &TrayApplication::quit);
    // A click on the last notification: Sign in again when it was about a signed-out account.
    connect(m_tray, &TrayController::messageClicked, this, [this] {
        if (!m_signedOutNotice.isEmpty())
            signInAgain(std::exchange(m_signedOutNotice, QString()));
        else
            showWindow();
    });
    connect(m_window.get(), &MainWindow::signInAgainRequested, this,
            [this] { signInAgain(std::exchange(m_signedOutNotice, QString())); });
    connect(m_window.get(), &MainWindow::quitRequested, this, &TrayApplication::quit);
    connect(m_window.get(), &MainWindow::restartRequested, this, &TrayApplication::restartProxy);
    connect(m_window.get(), &MainWindow::hiddenToTray, this, [this] {
        // Once per run, so that closing the window is not mistaken for quitting.
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->showMessage(tr("KiroTray is still running"),
                                tr("The proxy keeps serving requests. Use the tray icon to open the window or quit."), false);
        }
    });
    connect(m_monitor, &ServiceMonitor::notification, this, &TrayApplication::notify);
    connect(m_monitor, &ServiceMonitor::startFailed, this, [this](const QString &error) {
        if (error.contains(QLatin1String("in use"), Qt::CaseInsensitive))
            notify(QStringLiteral("port-in-use"), tr("Port %1 is used by another program. Choose another port in Settings.")
                                                       .arg(m_service->config().port));
        else
            notify(QStringLiteral("start-failed"), error);
    });
    // First run: the pool is empty, so show the window where Sign in… is.
    connect(m_monitor, &ServiceMonitor::accountsChanged, this, [this] {
        if (!m_shownForEmptyPool && m_monitor->accountsKnown() && m_monitor->accounts().isEmpty()) {
            m_shownForEmptyPool = true;
            showWindow();
            m_window->showTab(MainWindow::AccountsTab);
        }
    });

    if (!m_hasTray || options.showWindow)
        showWindow();
    if (options.startProxy)
        m_monitor->startProxy();

#ifdef KIROTRAY_SCREENSHOT_HOOK
    const QString screenshotDir = QProcessEnvironment::systemEnvironment().value(QStringLiteral("KIROTRAY_SCREENSHOT_DIR"));
    if (!screenshotDir.isEmpty()) {
        auto *shooter = new Screenshotter(m_window.get(), screenshotDir, this);
        connect(shooter, &Screenshotter::finished, this, &TrayApplication::quit);
        shooter->start();
    }
#endif
}

TrayApplication::~TrayApplication()
{
    // The window and its pages talk to the monitor; the service stops (and flushes) in its destructor.
    m_window.reset();
    m_monitor->setService(nullptr);
    m_service.reset();
}

void TrayApplication::attach(SingleInstance *instance)
{
    connect(instance, &SingleInstance::messageReceived, this, [this](const QByteArray &message) {
        if (message == "activate")
            showWindow();
    });
}

void TrayApplication::showWindow()
{
    m_window->bringToFront();
}

void TrayApplication::restartProxy()
{
    if (m_restarting || m_quitting)
        return;
    m_restarting = true;
    if (!m_reload) {
        finishRestart(ProxySetup(m_config, m_secrets), QString());
        return;
    }
    // Loading the settings may probe the keychain (up to seconds): never on the GUI thread.
    auto result = std::make_shared<std::pair<std::optional<ProxySetup>, QString>>();
    QThread *loader = QThread::create([reload = m_reload, result] { result->first = reload(&result->second); });
    connect(loader, &QThread::finished, this, [this, loader, result] {
        loader->deleteLater();
        finishRestart(result->first, result->second);
    });
    loader->start();
}

void TrayApplication::finishRestart(const std::optional<ProxySetup> &setup, const QString &error)
{
    m_restarting = false;
    if (!setup) {
        QMessageBox::warning(m_window.get(), tr("KiroTray"),
                             tr("The settings could not be loaded, so the proxy keeps running as it is:\n%1").arg(error));
        return;
    }
    const bool wasRunning = m_monitor->isRunning() || m_monitor->runState() == ServiceMonitor::RunState::Starting;
    // The old service finishes its streams and flushes its data while being destroyed; only then
    // is the port free for the new one.
    m_monitor->setService(nullptr);
    m_service.reset();
    m_config = setup->config;
    m_secrets = setup->secrets;
    m_service = std::make_unique<ProxyService>(m_config, m_secrets);
    m_monitor->setService(m_service.get());
    m_window->settingsPage()->onServiceReplaced();
    if (wasRunning || UiSettings(m_config.dataDir).startProxyOnLaunch())
        m_monitor->startProxy();
    Q_EMIT restarted();
}

void TrayApplication::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_window)
        m_window->hide();
    if (!m_monitor->isRunning()) {
        QTimer::singleShot(0, this, [] { QCoreApplication::quit(); });
        return;
    }
    connect(m_monitor, &ServiceMonitor::runStateChanged, this, [this] {
        if (!m_monitor->isRunning() && m_monitor->runState() != ServiceMonitor::RunState::Stopping)
            QCoreApplication::quit();
    });
    // Stop listening first, so that nothing new starts while the service winds down.
    QTimer::singleShot(5000, this, [] { QCoreApplication::quit(); });
    m_monitor->stopProxy();
}

qint64 TrayApplication::invalidAccountIn(const QString &message) const
{
    // The pool names the account as 'name' in its message; an API-key account cannot sign in again.
    for (const Account &a : m_monitor->accounts()) {
        if (a.state != AccountState::Invalid || a.credential.authMethod == AuthMethod::ApiKey)
            continue;
        const QString name = a.name.isEmpty() ? a.credential.displayName() : a.name;
        if (message.contains(QLatin1Char('\'') + name + QLatin1Char('\'')))
            return a.id();
    }
    return 0;
}

void TrayApplication::signInAgain(const QString &notification)
{
    // Resolved now rather than when the notification came: the account list may trail it.
    const qint64 id = invalidAccountIn(notification);
    showWindow();
    m_window->showTab(MainWindow::AccountsTab);
    if (id)
        m_window->openSignInDialog(id);
}

void TrayApplication::notify(const QString &kind, const QString &message)
{
    // The pool-exhausted message names a time that changes; one per kind is enough.
    const QString subject = kind == QLatin1String("pool-exhausted") ? QString() : message;
    if (!m_limiter.allow(kind, subject, QDateTime::currentDateTimeUtc()))
        return;
    QString title;
    if (kind == QLatin1String("account-invalid"))
        title = tr("An account stopped working");
    else if (kind == QLatin1String("pool-exhausted"))
        title = tr("No account can serve requests");
    else if (kind == QLatin1String("quota-low"))
        title = tr("Quota running low");
    else if (kind == QLatin1String("port-in-use"))
        title = tr("The proxy could not start");
    else
        title = tr("KiroTray");
    const bool signedOut = kind == QLatin1String("account-invalid");
    ++m_notificationsShown;
    if (signedOut)
        m_signedOutNotice = message;   // kept through the "no account" notice that often follows
    if (m_hasTray) {
        const QString text = signedOut ? message + QLatin1Char('\n') + tr("Click here to sign in again.") : message;
        m_tray->showMessage(title, text, kind != QLatin1String("quota-low"));
    } else if (signedOut) {
        m_window->offerSignInAgain(title + QStringLiteral(": ") + message);
    } else {
        m_window->showStatusMessage(title + QStringLiteral(": ") + message);
    }
    Q_EMIT notificationShown(title, message);
}

} // namespace kt
