#pragma once
// Checks the shape of an Anthropic Messages request before conversion, so the converter can trust
// every field; a problem becomes a 400 invalid_request_error whose message starts with the field path.
#include "anthropic/apierror.h"

#include <QJsonObject>

#include <optional>

namespace kt {

class RequestValidator {
public:
    // nullopt when the request is acceptable; otherwise e.g.
    // "messages.2.content.0.type: unsupported block type 'foo'".
    static std::optional<ApiError> validate(const QJsonObject &request);
};

} // namespace kt
