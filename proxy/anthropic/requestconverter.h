#pragma once
// Converts an Anthropic Messages request into the Kiro generateAssistantResponse body (docs/protocol.md#request-conversion):
// validation, model mapping, system prompt and thinking prefix, tools, history and currentMessage.
#include "anthropic/apierror.h"
#include "anthropic/conversationkey.h"
#include "anthropic/websearchtool.h"
#include "models/modelresolver.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace kt {

struct ConvertedRequest {
    QJsonObject kiroBody;                  // {"conversationState":{…}, "profileArn"?: …}
    QString requestedModel;                // as the client sent it (echoed in responses)
    QString kiroModelId;                   // the model that serves it (kirotray-served-model)
    qint64 contextWindow = 0;              // its maxInputTokens; 0 = unknown
    ResolvedModel model;                   // how it was chosen (a follow-up round reuses it)
    bool stream = false;
    bool thinkingEnabled = false;
    int estimatedInputTokens = 1;
    QHash<QString, QString> toolNameMap;   // shortened name -> original name (only shortened ones)
    std::optional<WebSearchTool> webSearch; // the request offers the web search server tool
    QJsonObject anthropicRequest;          // the request as validated, kept when webSearch is set
    ConversationKey conversation;          // the ids sent upstream and the account-affinity key
};

struct ConversionOptions {
    QString profileArn;                    // empty => no profileArn in the body
    // The model chosen by the pool (AccountPool::resolveModel); when absent the id is resolved
    // against FallbackModels.
    std::optional<ResolvedModel> model;
    // Refuse with "prompt is too long" when the estimate exceeds this % of the model's window; 0 = never.
    int promptTooLongPercent = 0;
};

class RequestConverter {
public:
    // 400 invalid_request_error naming the field on bad input.
    static std::variant<ConvertedRequest, ApiError> convert(const QJsonObject &request, const ConversionOptions &options);

    // The request body as a JSON object, or 400 ("invalid JSON at offset N: …", "body must be a JSON object").
    static std::variant<QJsonObject, ApiError> parseBody(const QByteArray &body);

    // The thinking instruction placed before the system prompt, or empty when thinking is off.
    // A model name containing "thinking" overrides the request's own thinking settings (R1).
    static QString thinkingPrefix(const QJsonObject &request, const QString &kiroModelId);
};

} // namespace kt
