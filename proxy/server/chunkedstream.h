#pragma once
// A hand-framed `Transfer-Encoding: chunked` response on a client connection (Qt 6.4 has no
// chunked writer), or a close-delimited one for HTTP/1.0 clients. Guards the raw socket: once the client is gone, writes stop and closed() fires.
#include "server/httpresponse.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace kt {

class ChunkedStream : public QObject
{
    Q_OBJECT
public:
    explicit ChunkedStream(QTcpSocket *socket, QObject *parent = nullptr);

    bool isOpen() const;
    bool headersSent() const { return m_headersSent; }
    qint64 bytesSent() const { return m_bytesSent; }
    void begin(int status, const QByteArray &contentType, const HttpHeaders &extraHeaders = {});
    void write(const QByteArray &data);
    // Ends the response; `lastData` (if any) leaves with the terminating chunk in one send.
    void end(const QByteArray &lastData = {});

Q_SIGNALS:
    void clientDisconnected();

private:
    QByteArray framed(const QByteArray &data) const;   // the data as one chunk (as is without chunking)
    bool sendChunk(const QByteArray &data);
    void send(const QByteArray &bytes);

    QPointer<QTcpSocket> m_socket;
    QByteArray m_pendingHead;   // the response head leaves with the first chunk
    bool m_headersSent = false;
    bool m_chunked = true;      // false for HTTP/1.0: the body ends where the connection does
    bool m_ended = false;
    qint64 m_bytesSent = 0;
};

} // namespace kt
