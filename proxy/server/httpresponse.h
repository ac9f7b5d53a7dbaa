#pragma once
// Writes complete (non-streamed) HTTP responses straight to the client socket, with the reason
// phrases of every status the proxy sends (529 included).
#include "anthropic/apierror.h"

#include <QByteArray>
#include <QList>
#include <QPair>

class QTcpSocket;

namespace kt {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

void writeResponse(QTcpSocket *socket, int status, const QByteArray &contentType,
                   const QByteArray &body, const HttpHeaders &extraHeaders = {});
void writeJson(QTcpSocket *socket, int status, const QJsonObject &json, const HttpHeaders &extraHeaders = {});
void writeError(QTcpSocket *socket, const ApiError &error, const HttpHeaders &extraHeaders = {});
QByteArray reasonPhrase(int status);
// "HTTP/1.1 <status> <reason>" and the Server header naming this build, each ending in CRLF.
QByteArray statusLines(int status);

} // namespace kt
