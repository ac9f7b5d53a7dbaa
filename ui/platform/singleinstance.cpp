#include "platform/singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcessEnvironment>

namespace kt {

SingleInstance::SingleInstance(const QString &key, QObject *parent) : QObject(parent), m_key(key)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::keyFor(const QString &dataDir)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString user = env.value(QStringLiteral("USER"), env.value(QStringLiteral("USERNAME")));
    const QByteArray seed = (user + QLatin1Char('\n') + QDir::cleanPath(dataDir)).toUtf8();
    return QStringLiteral("kirotray-") + QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(20));
}

bool SingleInstance::acquire(const QByteArray &message)
{
    if (m_server)
        return true;
    {
        QLocalSocket probe;
        probe.connectToServer(m_key);
        if (probe.waitForConnected(500)) {
            probe.write(message + '\n');
            probe.waitForBytesWritten(1000);
            probe.disconnectFromServer();
            return false;
        }
    }
    // Nobody answered: a socket file left by a crashed instance would make listen() fail.
    QLocalServer::removeServer(m_key);
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_key)) {
        delete server;
        return true;   // cannot guard (unusual file system); run anyway rather than refuse to start
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().trimmed();
                if (!line.isEmpty())
                    Q_EMIT messageReceived(line.left(64));
            }
        });
    }
}

} // namespace kt
