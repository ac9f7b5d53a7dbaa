#pragma once
// One HTTP request as the fake Kiro upstream received it, kept so tests can assert on exactly
// what the proxy sent (method, path, query, headers in wire order, raw body).
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace kt::fake {

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QByteArray query;   // without the leading '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &nameCaseInsensitive) const;   // first match, empty when absent
    QJsonObject json() const;                                           // empty when the body is not a JSON object
};

} // namespace kt::fake
