#pragma once
// GET /v1/models and /v1/models/{id} bodies for the models the account pool offers, readable by
// Anthropic-native clients (type, display_name, created_at) and OpenAI-style ones (object,
// created, owned_by), with context_window and max_tokens where a catalogue states them.
#include "models/modelcatalogue.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace kt {

class ModelCatalog {
public:
    // A model name containing "thinking" (any case) turns extended thinking on (docs/protocol.md#thinking-tags).
    static bool impliesThinking(const QString &anthropicModel);

    // listedAt stands in for "created" where a model carries no date (Kiro's list has none).
    static QJsonObject modelJson(const KiroModel &model, qint64 listedAt);
    static QJsonObject modelsListJson(const QList<KiroModel> &models, qint64 listedAt);
    // "anthropic" for claude-*, the vendor for other known prefixes, "kiro" otherwise.
    static QString ownerOf(const QString &modelId);
};

} // namespace kt
