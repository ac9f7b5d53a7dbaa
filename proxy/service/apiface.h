#pragma once
// The API a client speaks, by path: Anthropic Messages (/v1/messages and the rest), OpenAI Chat
// Completions (/v1/chat/completions) or OpenAI Responses (/v1/responses). Every face runs on the
// same pipeline: its request becomes an Anthropic Messages request, and a ResponseFormat writes
// the answer (and its errors) in the face's own shape.
#include "anthropic/apierror.h"
#include "anthropic/responseformat.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <variant>

namespace kt {

enum class ApiFace { Anthropic, Chat, Responses };

struct FaceRequest {
    QJsonObject messages;                     // the Anthropic Messages request
    std::unique_ptr<ResponseFormat> format;   // null: Anthropic's
};

ApiFace apiFaceOf(const QString &path);
QString apiFaceName(ApiFace face);           // "anthropic", "openai-chat", "openai-responses"
QJsonObject apiFaceError(ApiFace face, const ApiError &error);
std::variant<FaceRequest, ApiError> translateRequest(ApiFace face, const QJsonObject &body);

} // namespace kt
