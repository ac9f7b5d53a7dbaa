#pragma once
// POST /v1/responses → an Anthropic Messages request: instructions, string or item input (messages
// with input_text/input_image, function_call, function_call_output), function tools, tool choice,
// reasoning effort, max_output_tokens. KiroTray keeps no responses: store:true and
// previous_response_id are refused; built-in tools (web search, …) are left out; reasoning items
// sent back are skipped. 400 in the request's own terms on bad input.
#include "anthropic/apierror.h"
#include "openai/translatedrequest.h"

#include <variant>

namespace kt {

class ResponsesRequestTranslator {
public:
    static std::variant<TranslatedRequest, ApiError> translate(const QJsonObject &request);
};

} // namespace kt
