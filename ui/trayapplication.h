#pragma once
// The desktop face of the proxy: a tray icon with the essential commands, or a small status
// window where the desktop has no system tray.
#include "config/config.h"

#include <QObject>
#include <memory>

class QAction;
class QLabel;
class QSystemTrayIcon;
class QWidget;

namespace kt {

class ProxyService;

class TrayApplication : public QObject
{
    Q_OBJECT
public:
    explicit TrayApplication(const Config &config, QObject *parent = nullptr);
    ~TrayApplication() override;

private:
    void updateState(const QString &message);

    std::unique_ptr<ProxyService> m_service;
    QSystemTrayIcon *m_tray = nullptr;
    std::unique_ptr<QWidget> m_window;
    QLabel *m_status = nullptr;
    QAction *m_toggle = nullptr;
};

} // namespace kt
