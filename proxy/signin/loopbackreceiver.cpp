#include "signin/loopbackreceiver.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace kt {

namespace {

constexpr int MaxRequestHead = 16 * 1024;
constexpr int SocketTimeoutMs = 10000;

void answer(QTcpSocket *socket, int status, const QString &text)
{
    const QByteArray body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>KiroTray</title></head>"
                            "<body style=\"font-family:sans-serif;margin:3em\"><h2>KiroTray</h2><p>"
        + text.toHtmlEscaped().toUtf8() + "</p></body></html>";
    const QByteArray reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                  "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
}

QString LoopbackReceiver::listen(quint16 port, const QString &path)
{
    m_path = path.isEmpty() ? QStringLiteral("/") : path;
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return QStringLiteral("cannot listen on 127.0.0.1:%1 for the browser's redirect: %2").arg(port).arg(m_server.errorString());
    return {};
}

void LoopbackReceiver::close()
{
    m_server.close();
}

void LoopbackReceiver::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(SocketTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void LoopbackReceiver::onReadable(QTcpSocket *socket)
{
    if (socket->property("answered").toBool()) {
        socket->readAll();
        return;
    }
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > MaxRequestHead)
            answer(socket, 400, QStringLiteral("Bad request."));
        return;
    }
    const QList<QByteArray> line = socket->readLine(MaxRequestHead).trimmed().split(' ');
    socket->setProperty("answered", true);
    if (line.size() != 3 || line.at(0) != "GET")
        return answer(socket, 400, QStringLiteral("Bad request."));
    const QUrl url(QString::fromLatin1(line.at(1)));
    if (url.path() != m_path)
        return answer(socket, 404, QStringLiteral("Nothing here: this address only receives KiroTray's sign-in."));
    const QString problem = m_verdict ? m_verdict(QUrlQuery(url)) : QString();
    if (problem.isEmpty())
        return answer(socket, 200, QStringLiteral("Signed in. You can close this tab and return to KiroTray."));
    answer(socket, 400, problem);
}

} // namespace kt
