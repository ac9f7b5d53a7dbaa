#pragma once
// One complete HTTP/1.x request as the routes see it: its checked head and its body.
#include "server/requesthead.h"

#include <QByteArray>
#include <QUrl>

namespace kt {

class HttpRequest
{
public:
    // The methods RequestHead accepts; anything else was refused before a request was made.
    enum class Method { Get, Head, Post, Put, Delete, Options, Patch };

    HttpRequest() = default;
    HttpRequest(const RequestHead &head, QByteArray body);

    Method method() const { return m_method; }
    const QByteArray &methodName() const { return m_head.method; }
    const QUrl &url() const { return m_url; }   // path (percent-decoded by path()) and query of the target
    const QByteArray &body() const { return m_body; }
    QByteArray value(QByteArrayView name) const { return m_head.value(name); }   // the first field of that name, any case
    const RequestHead &head() const { return m_head; }

private:
    RequestHead m_head;
    QByteArray m_body;
    QUrl m_url;
    Method m_method = Method::Get;
};

} // namespace kt
