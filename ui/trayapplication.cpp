#include "trayapplication.h"

#include "service/proxyservice.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QVBoxLayout>
#include <QWidget>

namespace kt {

TrayApplication::TrayApplication(const Config &config, QObject *parent)
    : QObject(parent), m_service(std::make_unique<ProxyService>(config))
{
    auto *menu = new QMenu();
    m_toggle = menu->addAction(tr("Stop proxy"));
    connect(m_toggle, &QAction::triggered, this, [this] {
        if (m_service->isRunning())
            m_service->stop();
        else
            m_service->start();
    });
    menu->addAction(tr("Copy base URL"), this, [this] { QApplication::clipboard()->setText(m_service->baseUrl()); });
    menu->addAction(tr("Copy API key"), this, [this] { QApplication::clipboard()->setText(m_service->config().apiKey); });
    menu->addSeparator();
    menu->addAction(tr("Quit"), qApp, &QApplication::quit);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_ComputerIcon), this);
        m_tray->setContextMenu(menu);
        m_tray->show();
    } else {
        m_window = std::make_unique<QWidget>();
        m_window->setWindowTitle(tr("KiroTray"));
        auto *layout = new QVBoxLayout(m_window.get());
        layout->addWidget(new QLabel(tr("No system tray is available: KiroTray keeps this window open instead.")));
        m_status = new QLabel(m_window.get());
        m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(m_status);
        m_window->setMinimumSize(420, 120);
        m_window->show();
        menu->setParent(m_window.get());
    }

    connect(m_service.get(), &ProxyService::started, this, [this] {
        m_toggle->setText(tr("Stop proxy"));
        updateState(tr("Running on %1").arg(m_service->baseUrl()));
    });
    connect(m_service.get(), &ProxyService::stopped, this, [this] {
        m_toggle->setText(tr("Start proxy"));
        updateState(tr("Stopped"));
    });
    connect(m_service.get(), &ProxyService::startFailed, this, [this](const QString &error) {
        m_toggle->setText(tr("Start proxy"));
        updateState(tr("Error: %1").arg(error));
    });
    m_service->start();
}

TrayApplication::~TrayApplication() = default;

void TrayApplication::updateState(const QString &message)
{
    if (m_tray)
        m_tray->setToolTip(tr("KiroTray — %1").arg(message));
    if (m_status)
        m_status->setText(message);
}

} // namespace kt
