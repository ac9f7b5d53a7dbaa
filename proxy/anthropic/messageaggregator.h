#pragma once
// Folds a sequence of Anthropic stream events back into the complete Message object, the way
// the official SDKs' finalMessage() does; this is how the non-streaming reply is produced.
#include "anthropic/sseformat.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kt {

class MessageAggregator {
public:
    void apply(const SseEvent &e);
    void apply(const QList<SseEvent> &events);
    // Tool inputs are parsed from their accumulated partial_json; empty input becomes {}.
    QJsonObject message() const;

private:
    void applyDelta(const BlockDelta &delta);

    QJsonObject m_message;
    QList<QJsonObject> m_blocks;
    QHash<int, QString> m_toolJson;   // block index -> concatenated partial_json
    // Kept outside the JSON: QJsonObject::insert copies the whole string on every delta.
    QHash<int, QString> m_text;       // block index -> concatenated text
    QHash<int, QString> m_thinking;   // block index -> concatenated thinking
};

} // namespace kt
