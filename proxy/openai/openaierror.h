#pragma once
// An error as OpenAI's APIs report it: {"error":{"message","type","param","code"}} with the same
// HTTP status. param is the request field a message starts with ("messages[2].content: …").
#include "anthropic/apierror.h"

#include <QJsonObject>

namespace kt {

class OpenAiError {
public:
    static QJsonObject toJson(const ApiError &error);
    static ApiError invalid(const QString &param, const QString &message)
    {
        return ApiError::invalidRequest(param + QStringLiteral(": ") + message);
    }
};

} // namespace kt
