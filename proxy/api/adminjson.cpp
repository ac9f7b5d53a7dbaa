#include "api/adminjson.h"

#include <QJsonDocument>

#include <cmath>

namespace kt {

namespace {

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

} // namespace

QJsonObject AdminJson::record(const RequestRecord &r)
{
    return {{QStringLiteral("time"), timeOrNull(r.time)},
            {QStringLiteral("method"), r.method},
            {QStringLiteral("path"), r.path},
            {QStringLiteral("face"), r.face},
            {QStringLiteral("accountId"), r.accountId > 0 ? QJsonValue(double(r.accountId)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("accountName"), r.accountName},
            {QStringLiteral("model"), r.model},
            {QStringLiteral("servedModel"), r.servedModel},
            {QStringLiteral("stream"), r.stream},
            {QStringLiteral("status"), r.status},
            {QStringLiteral("inputTokens"), r.inputTokens},
            {QStringLiteral("outputTokens"), r.outputTokens},
            {QStringLiteral("durationMs"), double(r.durationMs)},
            {QStringLiteral("ttfbMs"), double(r.ttfbMs)},
            {QStringLiteral("attempts"), r.attempts},
            {QStringLiteral("webSearches"), r.webSearches},
            {QStringLiteral("credits"), std::round(r.credits * 1e6) / 1e6},
            {QStringLiteral("conversation"), r.conversation.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.conversation)},
            {QStringLiteral("error"), r.error}};
}

std::variant<LogFilter, ApiError> AdminJson::logFilter(const QUrlQuery &query)
{
    LogFilter f;
    const auto bad = [](const char *name, const char *what) {
        return ApiError::invalidRequest(QStringLiteral("query parameter '%1' must be %2").arg(QLatin1String(name), QLatin1String(what)));
    };
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const auto v = parseInteger(query.queryItemValue(QStringLiteral("limit")), 1, 1000);
        if (!v)
            return bad("limit", "an integer between 1 and 1000");
        f.limit = int(*v);
    }
    if (query.hasQueryItem(QStringLiteral("offset"))) {
        const auto v = parseInteger(query.queryItemValue(QStringLiteral("offset")), 0, 1000000000);
        if (!v)
            return bad("offset", "a non-negative integer");
        f.offset = int(*v);
    }
    for (const QString &key : {QStringLiteral("account"), QStringLiteral("accountId")}) {
        if (query.hasQueryItem(key)) {
            const auto v = parseInteger(query.queryItemValue(key), 1, (qint64(1) << 53) - 1);
            if (!v)
                return bad("account", "an account id");
            f.accountId = *v;
        }
    }
    if (query.hasQueryItem(QStringLiteral("status"))) {
        QString s = query.queryItemValue(QStringLiteral("status")).trimmed().toLower();
        if (s.size() == 3 && s.endsWith(QLatin1String("xx")))
            s = s.left(1);
        const auto v = parseInteger(s, 1, 599);
        if (!v || (*v >= 10 && *v < 100))
            return bad("status", "an HTTP status (200, 429) or a class (2, 4, 5, 4xx)");
        f.status = int(*v);
    }
    f.model = query.queryItemValue(QStringLiteral("model"), QUrl::FullyDecoded).trimmed();
    return f;
}

std::variant<QJsonObject, ApiError> AdminJson::objectBody(const QByteArray &body, bool allowEmpty)
{
    if (body.trimmed().isEmpty()) {
        if (allowEmpty)
            return QJsonObject();
        return ApiError::invalidRequest(QStringLiteral("the request body must be a JSON object"));
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return ApiError::invalidRequest(QStringLiteral("the request body is not valid JSON (at offset %1: %2)")
                                            .arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return ApiError::invalidRequest(QStringLiteral("the request body must be a JSON object"));
    return doc.object();
}

std::optional<qint64> AdminJson::parseId(const QString &text)
{
    return parseInteger(text, 1, (qint64(1) << 53) - 1);
}

bool AdminJson::isTrue(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes");
}

} // namespace kt
