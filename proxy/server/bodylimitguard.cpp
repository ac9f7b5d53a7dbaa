#include "server/bodylimitguard.h"

#include "anthropic/apierror.h"
#include "server/httpresponse.h"

#include <QTcpSocket>

namespace kt {

namespace {
constexpr qint64 MaxHeaderBytes = 64 * 1024;
}

BodyLimitGuard::BodyLimitGuard(QTcpSocket *socket, qint64 maxBodyBytes)
    : QObject(socket), m_socket(socket), m_maxBodyBytes(maxBodyBytes)
{
    // Connected before QHttpServer connects its own slot, so this runs first and can peek.
    connect(socket, &QTcpSocket::readyRead, this, &BodyLimitGuard::inspect);
}

void BodyLimitGuard::inspect()
{
    if (m_refused) {
        m_socket->readAll(); // keep the rest of the refused upload away from the parser
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available; // QHttpServer drains the buffer on every readyRead
    if (!m_headersDone) {
        m_headerScan += m_socket->peek(qMin<qint64>(available, MaxHeaderBytes));
        const qsizetype end = m_headerScan.indexOf("\r\n\r\n");
        if (end >= 0) {
            m_headersDone = true;
            const QByteArray head = m_headerScan.left(end).toLower();
            const qsizetype cl = head.indexOf("\ncontent-length:");
            if (cl >= 0) {
                const qsizetype lineEnd = head.indexOf('\n', cl + 1);
                bool ok = false;
                const qint64 length = head.mid(cl + 16, lineEnd < 0 ? -1 : lineEnd - cl - 16).trimmed().toLongLong(&ok);
                if (ok && length > m_maxBodyBytes)
                    return refuse("request body of " + QByteArray::number(length) + " bytes exceeds the limit of "
                                  + QByteArray::number(m_maxBodyBytes) + " bytes");
            }
            m_headerScan.clear();
        } else if (m_headerScan.size() >= MaxHeaderBytes) {
            return refuse("request headers exceed 64 KiB");
        }
    }
    m_bytesSinceRequest += fresh;
    if (m_bytesSinceRequest > m_maxBodyBytes + MaxHeaderBytes)
        refuse("request body exceeds the limit of " + QByteArray::number(m_maxBodyBytes) + " bytes");
}

void BodyLimitGuard::refuse(const QByteArray &reason)
{
    m_refused = true;
    const QByteArray body = ApiError::tooLarge(QString::fromUtf8(reason)).toJsonBytes();
    m_socket->write(statusLines(413) + "Content-Type: application/json\r\nConnection: close\r\n"
                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    m_socket->flush();
    // Drop what is buffered so the parser never sees the oversized request, then hang up.
    m_socket->readAll();
    m_socket->disconnectFromHost();
}

} // namespace kt
