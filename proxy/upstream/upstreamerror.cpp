#include "upstream/upstreamerror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kt {

QString upstreamMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString message = o.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = o.value(QStringLiteral("Message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body).simplified();
    return message.left(300);
}

UpstreamFailure classifyHttpFailure(int status, const QByteArray &body, const QByteArray &retryAfterHeader)
{
    UpstreamFailure f;
    const QString message = upstreamMessage(body);
    f.retryAfterSeconds = retryAfterHeader.trimmed().toInt();
    const QString detail = QStringLiteral("Kiro upstream answered %1: %2").arg(status).arg(message);
    switch (status) {
    case 400:
        f.outcome = UpstreamOutcome::Success; // the request is at fault, not the account
        if (body.contains("CONTENT_LENGTH_EXCEEDS_THRESHOLD") || body.contains("Input is too long"))
            f.clientError = ApiError::invalidRequest(
                QStringLiteral("prompt is too long: the conversation exceeds the model's context window (%1)").arg(message));
        else
            f.clientError = ApiError::invalidRequest(detail);
        return f;
    case 401:
        f.outcome = UpstreamOutcome::TokenRejected;
        f.tokenRejected = true;
        f.retryable = true;
        f.clientError = ApiError::authentication(detail);
        return f;
    case 402:
        f.outcome = UpstreamOutcome::QuotaExhausted;
        f.retryable = true;
        f.clientError = {402, QStringLiteral("billing_error"), QStringLiteral("Kiro quota exhausted: %1").arg(message)};
        return f;
    case 403: {
        const QString lower = message.toLower();
        const bool token = lower.contains(QLatin1String("bearer token")) || lower.contains(QLatin1String("token is expired"))
            || lower.contains(QLatin1String("token has expired")) || lower.contains(QLatin1String("invalid token"));
        f.outcome = token ? UpstreamOutcome::TokenRejected : UpstreamOutcome::Forbidden;
        f.tokenRejected = token;
        f.retryable = true;
        f.clientError = token ? ApiError::authentication(detail) : ApiError::permission(detail);
        return f;
    }
    case 408:   // the upstream gave up waiting: like a 5xx, a reason to try again, no verdict on the account
        f.outcome = UpstreamOutcome::ServerError;
        f.retryable = true;
        f.clientError = ApiError::overloaded(detail);
        return f;
    case 429:
        f.outcome = UpstreamOutcome::Throttled;
        f.retryable = true;
        f.clientError = ApiError::rateLimit(detail);
        return f;
    default:
        break;
    }
    f.outcome = UpstreamOutcome::ServerError;
    f.retryable = status >= 500;
    f.clientError = (status == 503 || status == 529) ? ApiError::overloaded(detail) : ApiError::api(detail);
    return f;
}

UpstreamFailure classifyTransportFailure(const QString &description, bool timedOut)
{
    UpstreamFailure f;
    f.outcome = UpstreamOutcome::NetworkError;
    f.retryable = true;
    f.clientError = timedOut ? ApiError::overloaded(QStringLiteral("the Kiro upstream did not answer in time"))
                             : ApiError::api(QStringLiteral("cannot reach the Kiro upstream: %1").arg(description));
    return f;
}

} // namespace kt
