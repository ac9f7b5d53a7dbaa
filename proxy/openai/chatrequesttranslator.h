#pragma once
// POST /v1/chat/completions → an Anthropic Messages request: system/developer/user/assistant/tool
// messages, text and image_url parts, function tools and tool calls, limits, reasoning effort.
// Parameters Kiro cannot honour (n > 1, logprobs, audio, …) are refused by name; harmless ones are
// ignored. 400 in the request's own terms on bad input.
#include "anthropic/apierror.h"
#include "openai/translatedrequest.h"

#include <variant>

namespace kt {

class ChatRequestTranslator {
public:
    static std::variant<TranslatedRequest, ApiError> translate(const QJsonObject &request);
};

} // namespace kt
