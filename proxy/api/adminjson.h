#pragma once
// JSON shapes and query parsing shared by the management API: request log rows, log filters
// from a query string, and optional typed fields of a request body.
#include "anthropic/apierror.h"
#include "storage/requestrecord.h"
#include "storage/logfilter.h"

#include <QJsonObject>
#include <QUrlQuery>

#include <optional>
#include <variant>

namespace kt {

class AdminJson
{
public:
    static QJsonObject record(const RequestRecord &r);
    // limit (1..1000, default 100), offset (>= 0), account (id), status (class 2/4/5 or exact), model.
    static std::variant<LogFilter, ApiError> logFilter(const QUrlQuery &query);
    // A body that must be a JSON object ({} when empty and allowEmpty).
    static std::variant<QJsonObject, ApiError> objectBody(const QByteArray &body, bool allowEmpty = false);
    static std::optional<qint64> parseId(const QString &text);
    static bool isTrue(const QString &queryValue);   // 1, true, yes (any case)
};

} // namespace kt
