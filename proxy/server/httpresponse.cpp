#include "server/httpresponse.h"

#include "server/clientconnection.h"
#include "util/jsontext.h"

#include <QTcpSocket>

namespace kt {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 421: return "Misdirected Request";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 529: return "Overloaded";
    default: return "Status";
    }
}

QByteArray statusLines(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\nServer: kirotray/" KIROTRAY_VERSION "\r\n";
}

void writeResponse(QTcpSocket *socket, int status, const QByteArray &contentType,
                   const QByteArray &body, const HttpHeaders &extraHeaders)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    ClientConnection *connection = ClientConnection::of(socket);
    QByteArray head = statusLines(status);
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : extraHeaders)
        head += name + ": " + value + "\r\n";
    if (connection)
        head += connection->connectionHeader();
    head += "\r\n";
    // A HEAD request gets the headers a GET would, and no body.
    const bool headOnly = connection && connection->headOnly();
    socket->write(headOnly ? head : head + body);
    socket->flush();
    if (connection)
        connection->responseComplete();
}

void writeJson(QTcpSocket *socket, int status, const QJsonObject &json, const HttpHeaders &extraHeaders)
{
    writeResponse(socket, status, "application/json", compactJson(json), extraHeaders);
}

void writeError(QTcpSocket *socket, const ApiError &error, const HttpHeaders &extraHeaders)
{
    writeResponse(socket, error.httpStatus, "application/json", error.toJsonBytes(), extraHeaders);
}

} // namespace kt
