#pragma once
// The desktop application: owns the proxy service, the tray icon and the main window, routes the
// service's notifications to the tray (rate-limited), restarts the proxy with saved settings and
// stops it cleanly on Quit. Works without a system tray by keeping the window open.
#include "service/proxysetup.h"
#include "tray/notificationlimiter.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace kt {

class MainWindow;
class ProxyService;
class ServiceMonitor;
class SingleInstance;
class TrayController;

class TrayApplication : public QObject
{
    Q_OBJECT
public:
    // Re-reads the configuration (config.json, environment, command line) for a proxy restart.
    using ConfigSource = std::function<std::optional<ProxySetup>(QString *error)>;

    struct Options {
        bool useSystemTray = true;        // false: behave as if the desktop had no tray
        bool showWindow = false;          // show the window at start even with a tray
        bool startProxy = true;           // start listening now (Settings may turn it off)
    };

    TrayApplication(const ProxySetup &setup, ConfigSource reload, const Options &options);
    explicit TrayApplication(const ProxySetup &setup, ConfigSource reload = {});
    ~TrayApplication() override;

    void attach(SingleInstance *instance);   // a second launch brings the window forward
    void restartProxy();                      // re-reads the settings off the GUI thread, then replaces the service
    void quit();                              // stops the proxy, then quits the event loop

    ProxyService *service() const { return m_service.get(); }
    ServiceMonitor *monitor() const { return m_monitor; }
    MainWindow *window() const { return m_window.get(); }
    TrayController *tray() const { return m_tray; }
    bool hasSystemTray() const { return m_hasTray; }

    // Notification kinds from the service plus "port-in-use"; shown unless rate-limited.
    void notify(const QString &kind, const QString &message);
    int notificationsShown() const { return m_notificationsShown; }
    // A signed-out notification's action: the Accounts tab, and the sign-in dialog for the account
    // the notification names (when it can sign in again).
    void signInAgain(const QString &notification);

Q_SIGNALS:
    void restarted();
    void notificationShown(const QString &title, const QString &message);

private:
    void showWindow();
    qint64 invalidAccountIn(const QString &message) const;   // 0 when none can sign in again
    void finishRestart(const std::optional<ProxySetup> &setup, const QString &error);

    Config m_config;
    std::shared_ptr<SecretStore> m_secrets;
    ConfigSource m_reload;
    std::unique_ptr<ProxyService> m_service;
    ServiceMonitor *m_monitor;
    std::unique_ptr<MainWindow> m_window;
    TrayController *m_tray;
    bool m_hasTray;
    bool m_quitting = false;
    bool m_restarting = false;
    bool m_shownForEmptyPool = false;
    bool m_toldAboutTray = false;
    NotificationLimiter m_limiter;
    int m_notificationsShown = 0;
    QString m_signedOutNotice;   // the last "account-invalid" message, while its action is offered
};

} // namespace kt
