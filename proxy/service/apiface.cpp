#include "service/apiface.h"

#include "openai/chatformat.h"
#include "openai/chatrequesttranslator.h"
#include "openai/openaierror.h"
#include "openai/responsesformat.h"
#include "openai/responsesrequesttranslator.h"

namespace kt {

ApiFace apiFaceOf(const QString &path)
{
    if (path == QLatin1String("/v1/chat/completions"))
        return ApiFace::Chat;
    if (path == QLatin1String("/v1/responses") || path.startsWith(QLatin1String("/v1/responses/")))
        return ApiFace::Responses;
    return ApiFace::Anthropic;
}

QString apiFaceName(ApiFace face)
{
    switch (face) {
    case ApiFace::Chat: return QStringLiteral("openai-chat");
    case ApiFace::Responses: return QStringLiteral("openai-responses");
    case ApiFace::Anthropic: break;
    }
    return QStringLiteral("anthropic");
}

QJsonObject apiFaceError(ApiFace face, const ApiError &error)
{
    return face == ApiFace::Anthropic ? error.toJson() : OpenAiError::toJson(error);
}

std::variant<FaceRequest, ApiError> translateRequest(ApiFace face, const QJsonObject &body)
{
    FaceRequest out;
    if (face == ApiFace::Anthropic) {
        out.messages = body;
        return out;
    }
    auto translated = face == ApiFace::Chat ? ChatRequestTranslator::translate(body) : ResponsesRequestTranslator::translate(body);
    if (auto *error = std::get_if<ApiError>(&translated))
        return *error;
    const TranslatedRequest &t = std::get<TranslatedRequest>(translated);
    out.messages = t.messages;
    const QString model = t.messages.value(QLatin1String("model")).toString();
    if (face == ApiFace::Chat)
        out.format = std::make_unique<ChatFormat>(model, t.includeUsage, t.stops);
    else
        out.format = std::make_unique<ResponsesFormat>(model);
    return out;
}

} // namespace kt
