#include "openai/openaierror.h"

#include <QRegularExpression>

namespace kt {

namespace {

struct Shape {
    const char *type;
    const char *code;   // nullptr: null
};

Shape shapeOf(const ApiError &error)
{
    if (error.type == QLatin1String("authentication_error"))
        return {"invalid_request_error", "invalid_api_key"};
    if (error.type == QLatin1String("permission_error"))
        return {"invalid_request_error", "permission_denied"};
    if (error.type == QLatin1String("not_found_error"))
        return {"invalid_request_error", "not_found"};
    if (error.type == QLatin1String("request_too_large"))
        return {"invalid_request_error", "request_too_large"};
    if (error.type == QLatin1String("rate_limit_error"))
        return {"rate_limit_error", "rate_limit_exceeded"};
    if (error.type == QLatin1String("billing_error"))
        return {"insufficient_quota", "insufficient_quota"};
    if (error.type == QLatin1String("overloaded_error"))
        return {"server_error", "server_overloaded"};
    if (error.httpStatus >= 500)
        return {"server_error", nullptr};
    if (error.message.startsWith(QLatin1String("prompt is too long")))
        return {"invalid_request_error", "context_length_exceeded"};
    return {"invalid_request_error", nullptr};
}

} // namespace

QJsonObject OpenAiError::toJson(const ApiError &error)
{
    static const QRegularExpression field(QStringLiteral("^([A-Za-z_][A-Za-z0-9_.\\[\\]]*): "));
    const Shape shape = shapeOf(error);
    QJsonValue param = QJsonValue::Null;
    if (error.httpStatus == 400) {
        const QRegularExpressionMatch m = field.match(error.message);
        if (m.hasMatch())
            param = m.captured(1);
    }
    return {{QStringLiteral("error"),
             QJsonObject{{QStringLiteral("message"), error.message},
                         {QStringLiteral("type"), QLatin1String(shape.type)},
                         {QStringLiteral("param"), param},
                         {QStringLiteral("code"), shape.code ? QJsonValue(QLatin1String(shape.code)) : QJsonValue::Null}}}};
}

} // namespace kt
