#pragma once
// What OpenAI's two faces answer alike: errors in OpenAI's shape and an SSE comment as keep-alive.
#include "openai/openaierror.h"
#include "anthropic/responseformat.h"

namespace kt {

class OpenAiFormat : public ResponseFormat {
public:
    QByteArray streamPing() override { return QByteArrayLiteral(": ping\n\n"); }
    QJsonObject errorBody(const ApiError &error) const override { return OpenAiError::toJson(error); }
};

} // namespace kt
