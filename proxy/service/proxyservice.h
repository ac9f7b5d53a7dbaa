#pragma once
// The proxy as the rest of the program sees it: owns the worker thread the HTTP server, upstream
// requests and account work run on; commands are queued to that thread, results come back as signals.
#include "config/config.h"
#include "service/requestrecord.h"

#include <QObject>

class QThread;

namespace kt {

class ProxyServer;

class ProxyService : public QObject
{
    Q_OBJECT
public:
    explicit ProxyService(const Config &config, QObject *parent = nullptr);
    ~ProxyService() override;

    const Config &config() const { return m_config; }
    bool isRunning() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString baseUrl() const;

    // Blocks until the server listens or fails; for start-up paths that have nothing else to do.
    QString startAndWait();

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void started(quint16 port);
    void startFailed(const QString &error);
    void stopped();
    void requestFinished(const kt::RequestRecord &record);

private:
    void onStarted(quint16 port);

    Config m_config;
    QThread *m_thread;
    ProxyServer *m_server;
    quint16 m_port = 0;
};

} // namespace kt
