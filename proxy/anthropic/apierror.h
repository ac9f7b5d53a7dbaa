#pragma once
// An error as the Anthropic Messages API reports it:
// {"type":"error","error":{"type":<type>,"message":<message>}} with an HTTP status.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

struct ApiError {
    int httpStatus = 500;
    QString type = QStringLiteral("api_error");
    QString message;

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;

    static ApiError invalidRequest(const QString &message) { return {400, QStringLiteral("invalid_request_error"), message}; }
    static ApiError authentication(const QString &message) { return {401, QStringLiteral("authentication_error"), message}; }
    static ApiError permission(const QString &message) { return {403, QStringLiteral("permission_error"), message}; }
    static ApiError notFound(const QString &message) { return {404, QStringLiteral("not_found_error"), message}; }
    static ApiError methodNotAllowed(const QString &message) { return {405, QStringLiteral("invalid_request_error"), message}; }
    static ApiError tooLarge(const QString &message) { return {413, QStringLiteral("request_too_large"), message}; }
    static ApiError rateLimit(const QString &message) { return {429, QStringLiteral("rate_limit_error"), message}; }
    static ApiError api(const QString &message) { return {502, QStringLiteral("api_error"), message}; }
    static ApiError overloaded(const QString &message) { return {529, QStringLiteral("overloaded_error"), message}; }
    static ApiError unavailable(const QString &message) { return {503, QStringLiteral("api_error"), message}; }
};

} // namespace kt
