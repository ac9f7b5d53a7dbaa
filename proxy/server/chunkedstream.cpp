#include "server/chunkedstream.h"

#include <QTcpSocket>

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
    head += "Transfer-Encoding: chunked\r\n";
    for (const auto &[name, value] : extraHeaders)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    // Not flushed here: the first chunk follows at once and leaves in the same segment (a lone
    // head would cost the client an extra wake-up before its first body byte).
    m_socket->write(head);
}

void ChunkedStream::write(const QByteArray &data)
{
    if (data.isEmpty() || !isOpen() || !m_headersSent)
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_socket->flush();
    m_bytesSent += data.size();
}

void ChunkedStream::end()
{
    if (!isOpen() || !m_headersSent)
        return;
    m_ended = true;
    m_socket->write("0\r\n\r\n");
    m_socket->flush();
}

} // namespace kt
