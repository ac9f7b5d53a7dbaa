#include "tray/traycontroller.h"

#include "monitor/servicemonitor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace kt {

TrayController::TrayController(ServiceMonitor *monitor, bool useSystemTray, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_menu(new QMenu(tr("&KiroTray")))
{
    m_statusLine = m_menu->addAction(QString());
    m_statusLine->setEnabled(false);
    m_menu->addSeparator();
    m_toggle = m_menu->addAction(tr("&Start proxy"));
    m_toggle->setObjectName(QStringLiteral("actionToggleProxy"));
    QAction *open = m_menu->addAction(tr("&Open KiroTray"));
    open->setObjectName(QStringLiteral("actionOpen"));
    m_menu->addSeparator();
    QAction *copyUrl = m_menu->addAction(tr("Copy &base URL"));
    copyUrl->setObjectName(QStringLiteral("actionCopyBaseUrl"));
    QAction *copyKey = m_menu->addAction(tr("Copy API &key"));
    copyKey->setObjectName(QStringLiteral("actionCopyApiKey"));
    QAction *claude = m_menu->addAction(tr("Configure &Claude Code…"));
    claude->setObjectName(QStringLiteral("actionClaudeCode"));
    QAction *codex = m_menu->addAction(tr("Configure Co&dex…"));
    codex->setObjectName(QStringLiteral("actionCodex"));
    connect(codex, &QAction::triggered, this, &TrayController::codexRequested);
    QAction *signIn = m_menu->addAction(tr("S&ign in…"));
    signIn->setObjectName(QStringLiteral("actionSignIn"));
    connect(signIn, &QAction::triggered, this, &TrayController::signInRequested);
    QAction *import = m_menu->addAction(tr("&Import accounts…"));
    import->setObjectName(QStringLiteral("actionImport"));
    m_menu->addSeparator();
    QAction *about = m_menu->addAction(tr("&About KiroTray"));
    about->setObjectName(QStringLiteral("actionAbout"));
    QAction *quit = m_menu->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("actionQuit"));

    connect(m_toggle, &QAction::triggered, this, [this] {
        if (m_monitor->runState() == ServiceMonitor::RunState::Running)
            m_monitor->stopProxy();
        else
            m_monitor->startProxy();
    });
    connect(open, &QAction::triggered, this, &TrayController::openRequested);
    connect(copyUrl, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_monitor->baseUrl()); });
    connect(copyKey, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_monitor->apiKey()); });
    connect(claude, &QAction::triggered, this, &TrayController::claudeCodeRequested);
    connect(import, &QAction::triggered, this, &TrayController::importRequested);
    connect(about, &QAction::triggered, this, &TrayController::aboutRequested);
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);

    if (useSystemTray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT openRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayController::messageClicked);
    }
    connect(m_monitor, &ServiceMonitor::runStateChanged, this, &TrayController::update);
    connect(m_monitor, &ServiceMonitor::accountsChanged, this, &TrayController::update);
    connect(m_monitor, &ServiceMonitor::accountsUpdated, this, &TrayController::update);
    connect(m_monitor, &ServiceMonitor::statsChanged, this, &TrayController::update);
    update();
    if (m_tray)
        m_tray->show();
}

TrayController::~TrayController()
{
    delete m_menu;
}

QAction *TrayController::action(const QString &objectName) const
{
    return m_menu->findChild<QAction *>(objectName);
}

void TrayController::showMessage(const QString &title, const QString &message, bool warning)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

void TrayController::update()
{
    m_status = TrayStatus::compute(m_monitor->runState(), m_monitor->baseUrl(), m_monitor->lastError(), m_monitor->accounts(),
                                   m_monitor->accountsKnown(), m_monitor->today().requestsToday, QDateTime::currentDateTimeUtc());
    const ServiceMonitor::RunState state = m_monitor->runState();
    const bool running = state == ServiceMonitor::RunState::Running;
    m_toggle->setText(running ? tr("&Stop proxy") : tr("&Start proxy"));
    m_toggle->setEnabled(state != ServiceMonitor::RunState::Starting && state != ServiceMonitor::RunState::Stopping);
    m_statusLine->setText(m_status.headline);
    if (m_tray) {
        // Accounts update often; the icon (an SVG render and a tray round trip) only when the level changes.
        if (!m_iconSet || m_iconLevel != m_status.level) {
            m_tray->setIcon(QIcon(TrayStatus::iconPath(m_status.level)));
            m_iconLevel = m_status.level;
            m_iconSet = true;
        }
        if (m_tray->toolTip() != m_status.tooltip)
            m_tray->setToolTip(m_status.tooltip);
    }
    Q_EMIT statusChanged(m_status);
}

} // namespace kt
