#pragma once
// An OpenAI request as the Anthropic Messages request the proxy converts and sends, with what the
// answer's translation needs to know about the original.
#include <QJsonObject>
#include <QStringList>

namespace kt {

struct TranslatedRequest {
    QJsonObject messages;        // the Anthropic Messages request
    bool includeUsage = false;   // Chat Completions: stream_options.include_usage
    QStringList stops;           // Chat Completions: stop
};

} // namespace kt
