#pragma once
// The headers of a CORS preflight answer for an allowed origin: the methods the proxy serves and
// the request headers the browser asks for (SDKs send their own, such as x-stainless-*).
#include <QByteArray>
#include <QList>
#include <QPair>

namespace kt {

class CorsPreflight {
public:
    static QList<QPair<QByteArray, QByteArray>> headers(const QByteArray &requestedHeaders);
    static QByteArray exposedHeaders();
};

} // namespace kt
