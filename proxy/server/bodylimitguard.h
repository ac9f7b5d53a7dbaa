#pragma once
// Watches the raw bytes of one client connection ahead of QHttpServer's parser (which buffers
// whole bodies with no limit of its own) and answers 413 as soon as a request is too large.
#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace kt {

class BodyLimitGuard : public QObject
{
    Q_OBJECT
public:
    BodyLimitGuard(QTcpSocket *socket, qint64 maxBodyBytes);
    void requestCompleted() { m_bytesSinceRequest = 0; m_headerScan.clear(); m_headersDone = false; }

private:
    void inspect();
    void refuse(const QByteArray &reason);

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    qint64 m_bytesSinceRequest = 0;
    QByteArray m_headerScan;
    bool m_headersDone = false;
    bool m_refused = false;
};

} // namespace kt
