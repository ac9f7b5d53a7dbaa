#pragma once
// The Anthropic model ids the proxy advertises and how any Anthropic model name maps onto a Kiro
// modelId (docs/protocol.md#model-ids), plus the context window used for token accounting.
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kt {

struct ModelInfo {
    QString id;
    QString displayName;
    QString kiroModelId;
    bool thinking = false;
    int maxTokens = 64000;
    qint64 created = 0; // seconds since the epoch (UTC)
};

class ModelCatalog {
public:
    // The static list served by GET /v1/models: R1's ids, each followed by its "-thinking" twin.
    static QList<ModelInfo> models();

    // R1 rule, case-insensitive substring match on the requested name:
    //   "sonnet" + ("4-6"|"4.6") -> claude-sonnet-4.6;  other "sonnet" -> claude-sonnet-4.5;
    //   "opus"   + ("4-5"|"4.5") -> claude-opus-4.5;    other "opus"   -> claude-opus-4.6;
    //   "haiku" -> claude-haiku-4.5;  anything else -> nullopt (the request is rejected with 400).
    // Suffixes such as "-thinking" or dates do not change the family, so they map like the base id.
    static std::optional<QString> kiroModelId(const QString &anthropicModel);

    // A model name containing "thinking" (any case) turns extended thinking on (docs/protocol.md#thinking-tags).
    static bool impliesThinking(const QString &anthropicModel);

    // 1'000'000 for claude-sonnet-4.6 and claude-opus-4.6, 200'000 for every other Kiro model.
    static int contextWindow(const QString &kiroModelId);

    // Body for GET /v1/models, readable by both Anthropic-native and OpenAI-style clients.
    static QJsonObject modelsListJson();
};

} // namespace kt
