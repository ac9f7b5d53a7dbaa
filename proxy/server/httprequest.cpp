#include "server/httprequest.h"

namespace kt {

namespace {

HttpRequest::Method methodOf(const QByteArray &name)
{
    static const std::pair<QByteArrayView, HttpRequest::Method> methods[] = {
        {"GET", HttpRequest::Method::Get},         {"HEAD", HttpRequest::Method::Head},
        {"POST", HttpRequest::Method::Post},       {"PUT", HttpRequest::Method::Put},
        {"DELETE", HttpRequest::Method::Delete},   {"OPTIONS", HttpRequest::Method::Options},
        {"PATCH", HttpRequest::Method::Patch},
    };
    for (const auto &[text, method] : methods) {
        if (name == text)
            return method;
    }
    return HttpRequest::Method::Get;
}

QUrl urlOf(QByteArrayView target)
{
    if (const qsizetype hash = target.indexOf('#'); hash >= 0)
        target = target.first(hash);
    QUrl url;
    const qsizetype question = target.indexOf('?');
    url.setPath(QString::fromUtf8(question < 0 ? target : target.first(question)), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(QString::fromUtf8(target.sliced(question + 1)));
    return url;
}

} // namespace

HttpRequest::HttpRequest(const RequestHead &head, QByteArray body)
    : m_head(head), m_body(std::move(body)), m_url(urlOf(head.target)), m_method(methodOf(head.method))
{
}

} // namespace kt
