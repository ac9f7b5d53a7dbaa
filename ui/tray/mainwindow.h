#pragma once
// The KiroTray window: Dashboard, Accounts, Logs and Settings tabs, plus the import, Claude Code and
// Codex dialogs. Closing it hides it to the tray; without a tray it says so and closing quits.
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QPushButton;
class QTabWidget;

namespace kt {

class AccountsPage;
class AboutDialog;
class ClaudeCodeDialog;
class CodexDialog;
class DashboardPage;
class ImportDialog;
class LogsPage;
class ServiceMonitor;
class SettingsPage;
class SignInDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Tab { DashboardTab, AccountsTab, LogsTab, SettingsTab };

    MainWindow(ServiceMonitor *monitor, bool hasTray, QWidget *parent = nullptr);

    void showTab(Tab tab);
    void bringToFront();
    ImportDialog *openImportDialog();
    ClaudeCodeDialog *openClaudeCodeDialog();
    CodexDialog *openCodexDialog();
    AboutDialog *openAboutDialog();
    void openAddAccountDialog();
    SignInDialog *openSignInDialog(qint64 accountId = 0);   // 0 = a new account
    void setHasTray(bool hasTray);
    void showStatusMessage(const QString &text);
    // A status message with a Sign in again button (signInAgainRequested) while the message shows.
    void offerSignInAgain(const QString &text);
    QPushButton *signInAgainButton() const { return m_signInAgain; }

    QTabWidget *tabs() const { return m_tabs; }
    DashboardPage *dashboard() const { return m_dashboard; }
    AccountsPage *accountsPage() const { return m_accounts; }
    LogsPage *logsPage() const { return m_logs; }
    SettingsPage *settingsPage() const { return m_settings; }

Q_SIGNALS:
    void quitRequested();       // closed while there is no tray
    void hiddenToTray();        // closed while there is one
    void restartRequested();    // Settings asked for a proxy restart
    void signInAgainRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    ServiceMonitor *m_monitor;
    bool m_hasTray;
    QLabel *m_noTrayNotice;
    QTabWidget *m_tabs;
    DashboardPage *m_dashboard;
    AccountsPage *m_accounts;
    LogsPage *m_logs;
    SettingsPage *m_settings;
    QPushButton *m_signInAgain;
    QPointer<ImportDialog> m_importDialog;
    QPointer<ClaudeCodeDialog> m_claudeDialog;
    QPointer<CodexDialog> m_codexDialog;
};

} // namespace kt
