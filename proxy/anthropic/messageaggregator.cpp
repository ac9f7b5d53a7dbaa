#include "anthropic/messageaggregator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt {

void MessageAggregator::apply(const QList<SseEvent> &events)
{
    for (const SseEvent &e : events)
        apply(e);
}

void MessageAggregator::apply(const SseEvent &e)
{
    if (e.isTypedDelta())
        return applyDelta(e.delta);
    const QString type = e.data.value(QLatin1String("type")).toString();
    if (type == QLatin1String("message_start")) {
        m_message = e.data.value(QLatin1String("message")).toObject();
        m_blocks.clear();
        m_toolJson.clear();
        m_text.clear();
        m_thinking.clear();
    } else if (type == QLatin1String("content_block_start")) {
        m_blocks.append(e.data.value(QLatin1String("content_block")).toObject());
    } else if (type == QLatin1String("message_delta")) {
        const QJsonObject delta = e.data.value(QLatin1String("delta")).toObject();
        for (auto it = delta.begin(); it != delta.end(); ++it)
            m_message.insert(it.key(), it.value());
        QJsonObject usage = m_message.value(QLatin1String("usage")).toObject();
        const QJsonObject more = e.data.value(QLatin1String("usage")).toObject();
        for (auto it = more.begin(); it != more.end(); ++it)
            usage.insert(it.key(), it.value());
        m_message.insert(QLatin1String("usage"), usage);
    }
}

// Other deltas (citations) are not part of the message.
void MessageAggregator::applyDelta(const BlockDelta &delta)
{
    if (delta.index < 0 || delta.index >= m_blocks.size())
        return;
    switch (delta.kind) {
    case BlockDelta::Text: m_text[delta.index] += delta.text; break;
    case BlockDelta::Thinking: m_thinking[delta.index] += delta.text; break;
    case BlockDelta::InputJson: m_toolJson[delta.index] += delta.text; break;
    case BlockDelta::Signature: m_blocks[delta.index].insert(QLatin1String("signature"), delta.text); break;
    case BlockDelta::None: break;
    }
}

QJsonObject MessageAggregator::message() const
{
    QJsonArray content;
    for (int i = 0; i < m_blocks.size(); ++i) {
        QJsonObject block = m_blocks.at(i);
        if (const auto text = m_text.constFind(i); text != m_text.cend())
            block.insert(QLatin1String("text"), block.value(QLatin1String("text")).toString() + *text);
        if (const auto thinking = m_thinking.constFind(i); thinking != m_thinking.cend())
            block.insert(QLatin1String("thinking"), block.value(QLatin1String("thinking")).toString() + *thinking);
        const auto json = m_toolJson.constFind(i);
        if (json != m_toolJson.cend() && !json->isEmpty()) {
            const QJsonDocument doc = QJsonDocument::fromJson(json->toUtf8());
            block.insert(QLatin1String("input"), doc.isObject() ? doc.object() : QJsonObject());
        }
        content.append(block);
    }
    QJsonObject message = m_message;
    message.insert(QLatin1String("content"), content);
    return message;
}

} // namespace kt
