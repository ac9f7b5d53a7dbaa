#pragma once
// The tray icon and its menu: the icon and tooltip follow the proxy's state (TrayStatus); the menu
// starts/stops the proxy, copies the base URL and key, and opens the window and dialogs.
#include "monitor/traystatus.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace kt {

class ServiceMonitor;

class TrayController : public QObject
{
    Q_OBJECT
public:
    // useSystemTray false: the menu and state exist (for the window's menu bar) but no tray icon.
    TrayController(ServiceMonitor *monitor, bool useSystemTray, QObject *parent = nullptr);
    ~TrayController() override;

    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QAction *toggleAction() const { return m_toggle; }
    QAction *action(const QString &objectName) const;
    TrayStatus status() const { return m_status; }

    void showMessage(const QString &title, const QString &message, bool warning);

Q_SIGNALS:
    void openRequested();
    void importRequested();
    void signInRequested();
    void claudeCodeRequested();
    void codexRequested();
    void aboutRequested();
    void quitRequested();
    void messageClicked();   // the last showMessage() was clicked
    void statusChanged(const kt::TrayStatus &status);

private:
    void update();

    ServiceMonitor *m_monitor;
    QMenu *m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_toggle;
    QAction *m_statusLine;
    TrayStatus m_status;
    TrayStatus::Level m_iconLevel = TrayStatus::Level::Stopped;
    bool m_iconSet = false;
};

} // namespace kt
