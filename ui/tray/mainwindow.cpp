#include "tray/mainwindow.h"

#include "dialogs/aboutdialog.h"
#include "pages/accountspage.h"
#include "dialogs/addaccountdialog.h"
#include "dialogs/claudecodedialog.h"
#include "files/codexconfig.h"
#include "style/contrast.h"
#include "dialogs/codexdialog.h"
#include "pages/dashboardpage.h"
#include "dialogs/importdialog.h"
#include "pages/logspage.h"
#include "models/fallbackmodels.h"
#include "models/modelindex.h"
#include "monitor/servicemonitor.h"
#include "pages/settingspage.h"
#include "dialogs/signindialog.h"

#include <QCloseEvent>
#include <QDir>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace kt {

MainWindow::MainWindow(ServiceMonitor *monitor, bool hasTray, QWidget *parent)
    : QMainWindow(parent), m_monitor(monitor), m_hasTray(hasTray)
{
    setWindowTitle(tr("KiroTray"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kirotray.svg")));
    setMinimumSize(760, 520);
    resize(1040, 700);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    m_noTrayNotice = new QLabel(tr("This desktop has no system tray, so KiroTray keeps this window open. "
                                   "Closing it stops the proxy and quits."), central);
    m_noTrayNotice->setWordWrap(true);
    m_noTrayNotice->setMargin(6);
    Contrast::styleNotice(m_noTrayNotice);
    layout->addWidget(m_noTrayNotice);

    m_tabs = new QTabWidget(central);
    m_dashboard = new DashboardPage(monitor, m_tabs);
    m_accounts = new AccountsPage(monitor, m_tabs);
    m_logs = new LogsPage(monitor, m_tabs);
    m_settings = new SettingsPage(monitor, m_tabs);
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_accounts, tr("&Accounts"));
    m_tabs->addTab(m_logs, tr("&Logs"));
    m_tabs->addTab(m_settings, tr("&Settings"));
    m_tabs->setAccessibleName(tr("KiroTray sections"));
    auto *about = new QToolButton(m_tabs);
    about->setObjectName(QStringLiteral("aboutButton"));
    about->setText(tr("A&bout"));
    about->setAutoRaise(true);
    m_tabs->setCornerWidget(about, Qt::TopRightCorner);
    connect(about, &QToolButton::clicked, this, &MainWindow::openAboutDialog);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    setHasTray(hasTray);
    m_signInAgain = new QPushButton(tr("Sign in again…"), this);
    m_signInAgain->setObjectName(QStringLiteral("statusSignInAgain"));
    m_signInAgain->hide();
    statusBar()->addPermanentWidget(m_signInAgain);
    connect(m_signInAgain, &QPushButton::clicked, this, [this] {
        m_signInAgain->hide();
        statusBar()->clearMessage();
        Q_EMIT signInAgainRequested();
    });
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            m_signInAgain->hide();
    });

    connect(m_accounts, &AccountsPage::importRequested, this, &MainWindow::openImportDialog);
    connect(m_accounts, &AccountsPage::addRequested, this, &MainWindow::openAddAccountDialog);
    connect(m_accounts, &AccountsPage::signInRequested, this, &MainWindow::openSignInDialog);
    connect(m_settings, &SettingsPage::restartRequested, this, &MainWindow::restartRequested);
}

void MainWindow::setHasTray(bool hasTray)
{
    m_hasTray = hasTray;
    m_noTrayNotice->setVisible(!hasTray);
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::showStatusMessage(const QString &text)
{
    statusBar()->showMessage(text, 15000);
}

void MainWindow::offerSignInAgain(const QString &text)
{
    statusBar()->showMessage(text);   // until replaced: the button goes with it
    m_signInAgain->show();
}

ImportDialog *MainWindow::openImportDialog()
{
    if (!m_importDialog) {
        m_importDialog = new ImportDialog(m_monitor, this);
        m_importDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_importDialog->show();
    m_importDialog->raise();
    m_importDialog->activateWindow();
    return m_importDialog;
}

ClaudeCodeDialog *MainWindow::openClaudeCodeDialog()
{
    if (!m_claudeDialog) {
        m_claudeDialog = new ClaudeCodeDialog(m_monitor->baseUrl(), m_monitor->apiKey(), QDir::homePath(), this);
        m_claudeDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_claudeDialog->show();
    m_claudeDialog->raise();
    m_claudeDialog->activateWindow();
    return m_claudeDialog;
}

CodexDialog *MainWindow::openCodexDialog()
{
    if (!m_codexDialog) {
        // The models the proxy serves (GET /v1/models), the first catalogue's default preselected.
        ModelIndex index;
        QString preferred;
        for (const Account &a : m_monitor->accounts()) {
            index.set(a.id(), a.models);
            if (preferred.isEmpty())
                preferred = a.models.defaultModel;
        }
        QStringList ids;
        for (const KiroModel &m : m_monitor->accounts().isEmpty() ? FallbackModels::models() : index.models())
            ids << m.id;
        m_codexDialog = new CodexDialog(m_monitor->baseUrl(), m_monitor->apiKey(), CodexConfig::defaultHome(), ids,
                                        ids.contains(preferred) ? preferred : QString(), this);
        m_codexDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_codexDialog->show();
    m_codexDialog->raise();
    m_codexDialog->activateWindow();
    return m_codexDialog;
}

AboutDialog *MainWindow::openAboutDialog()
{
    const ProxyService *service = m_monitor->service();
    const QString dataDir = service ? QDir::toNativeSeparators(service->config().dataDir) : QString();
    const QString backend = service ? service->secretBackend() : QString();
    const QString secrets = backend == QLatin1String("keychain") ? tr("system keychain")
                          : backend == QLatin1String("file")     ? tr("file in the data folder")
                                                                 : QString();
    auto *dialog = new AboutDialog(dataDir, secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::openAddAccountDialog()
{
    auto *dialog = new AddAccountDialog(m_monitor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

SignInDialog *MainWindow::openSignInDialog(qint64 accountId)
{
    QString name;
    for (const Account &a : m_monitor->accounts()) {
        if (a.id() == accountId)
            name = a.name.isEmpty() ? a.credential.displayName() : a.name;
    }
    auto *dialog = new SignInDialog(m_monitor, accountId, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_hasTray) {
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    event->accept();
    Q_EMIT quitRequested();
}

} // namespace kt
