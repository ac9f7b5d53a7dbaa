#include "service/proxyservice.h"

#include "service/proxyserver.h"

#include <QThread>

namespace kt {

ProxyService::ProxyService(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_thread(new QThread(this)), m_server(new ProxyServer(m_config))
{
    qRegisterMetaType<kt::RequestRecord>();
    m_thread->setObjectName(QStringLiteral("kirotray-proxy"));
    m_server->moveToThread(m_thread);
    connect(m_server, &ProxyServer::requestFinished, this, &ProxyService::requestFinished, Qt::QueuedConnection);
    m_thread->start();
}

ProxyService::~ProxyService()
{
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QString ProxyService::baseUrl() const
{
    const QString host = m_config.host == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : m_config.host;
    return QStringLiteral("http://%1:%2").arg(host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host)
        .arg(m_port ? m_port : m_config.port);
}

QString ProxyService::startAndWait()
{
    QString error;
    quint16 port = 0;
    QMetaObject::invokeMethod(m_server, [&] {
        error = m_server->start();
        port = m_server->port();
    }, Qt::BlockingQueuedConnection);
    if (error.isEmpty())
        onStarted(port);
    else
        Q_EMIT startFailed(error);
    return error;
}

void ProxyService::start()
{
    QMetaObject::invokeMethod(m_server, [this] {
        const QString error = m_server->start();
        const quint16 port = m_server->port();
        QMetaObject::invokeMethod(this, [this, error, port] {
            if (error.isEmpty())
                onStarted(port);
            else
                Q_EMIT startFailed(error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyService::onStarted(quint16 port)
{
    m_port = port;
    Q_EMIT started(port);
}

void ProxyService::stop()
{
    QMetaObject::invokeMethod(m_server, [this] {
        m_server->stop();
        QMetaObject::invokeMethod(this, [this] {
            m_port = 0;
            Q_EMIT stopped();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace kt
