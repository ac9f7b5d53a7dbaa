#include "server/chunkedstream.h"

#include "server/clientconnection.h"

#include <QTcpSocket>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#include <sys/uio.h>
#include <cstdio>
#endif

namespace kt {

ChunkedStream::ChunkedStream(QTcpSocket *socket, QObject *parent) : QObject(parent), m_socket(socket)
{
    if (socket)
        connect(socket, &QTcpSocket::disconnected, this, &ChunkedStream::clientDisconnected);
}

bool ChunkedStream::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_ended;
}

void ChunkedStream::begin(int status, const QByteArray &contentType, const HttpHeaders &extraHeaders)
{
    if (!isOpen() || m_headersSent)
        return;
    m_headersSent = true;
    QByteArray head = statusLines(status);
    head += "Content-Type: " + contentType + "\r\n";
    ClientConnection *connection = ClientConnection::of(m_socket);
    // An HTTP/1.0 client reads the body until the connection closes.
    m_chunked = !connection || connection->chunkedAllowed();
    if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        connection->closeAfterResponse();
    for (const auto &[name, value] : extraHeaders)
        head += name + ": " + value + "\r\n";
    if (connection)
        head += connection->connectionHeader();
    head += "\r\n";
    // Held back: the first chunk follows at once and leaves in the same segment (a lone head
    // would cost the client an extra wake-up before its first body byte).
    m_pendingHead = head;
}

QByteArray ChunkedStream::framed(const QByteArray &data) const
{
    return m_chunked ? QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n" : data;
}

void ChunkedStream::write(const QByteArray &data)
{
    if (data.isEmpty() || !isOpen() || !m_headersSent)
        return;
    m_bytesSent += data.size();
    if (m_chunked && m_pendingHead.isEmpty() && sendChunk(data))
        return;
    send(std::exchange(m_pendingHead, QByteArray()) + framed(data));
}

// A chunk's size line, its data and the CRLF after it leave in one sendmsg(), without first being
// copied into one buffer (every stream event passes here). False when Qt holds bytes back for this
// socket or the kernel took nothing: send() then takes the chunk. What the kernel did not take of
// a partly sent chunk goes through Qt's buffer.
bool ChunkedStream::sendChunk(const QByteArray &data)
{
#if defined(Q_OS_UNIX)
    if (m_socket->bytesToWrite() > 0)
        return false;
    char size[24];
    const int sizeLength = std::snprintf(size, sizeof size, "%llx\r\n", static_cast<unsigned long long>(data.size()));
    static const char crlf[] = "\r\n";
    iovec parts[3] = {{size, size_t(sizeLength)}, {const_cast<char *>(data.constData()), size_t(data.size())},
                      {const_cast<char *>(crlf), 2}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = 3;
    const ssize_t sent = ::sendmsg(int(m_socket->socketDescriptor()), &message, MSG_NOSIGNAL);
    if (sent <= 0)
        return false;
    const qsizetype total = sizeLength + data.size() + 2;
    if (sent < total) {
        m_socket->write(framed(data).sliced(sent));
        m_socket->flush();
    }
    return true;
#else
    Q_UNUSED(data);
    return false;
#endif
}

void ChunkedStream::end(const QByteArray &lastData)
{
    if (!isOpen() || !m_headersSent)
        return;
    m_ended = true;
    QByteArray rest = std::exchange(m_pendingHead, QByteArray());
    if (!lastData.isEmpty()) {
        rest += framed(lastData);
        m_bytesSent += lastData.size();
    }
    if (m_chunked)
        rest += "0\r\n\r\n";
    if (!rest.isEmpty())
        send(rest);
    if (ClientConnection *connection = ClientConnection::of(m_socket))
        connection->responseComplete();
}

void ChunkedStream::send(const QByteArray &bytes)
{
    qsizetype sent = 0;
#if defined(Q_OS_UNIX)
    // Straight to the kernel while Qt holds nothing back for this socket: QTcpSocket::write() +
    // flush() would switch its write notifier on and off for every event, and the GLib event loop
    // answers each switch with a wake-up of its own (two extra syscalls and loop turns per event).
    if (m_socket->bytesToWrite() == 0) {
        const ssize_t n = ::send(int(m_socket->socketDescriptor()), bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
        if (n > 0)
            sent = n;
        // EAGAIN or an error: Qt's own write below buffers or reports it
    }
#endif
    if (sent < bytes.size()) {
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
        m_socket->flush();
    }
}

} // namespace kt
