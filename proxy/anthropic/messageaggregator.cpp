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
    const QString type = e.data.value(QLatin1String("type")).toString();
    if (type == QLatin1String("message_start")) {
        m_message = e.data.value(QLatin1String("message")).toObject();
        m_blocks.clear();
        m_toolJson.clear();
        m_text.clear();
        m_thinking.clear();
    } else if (type == QLatin1String("content_block_start")) {
        m_blocks.append(e.data.value(QLatin1String("content_block")).toObject());
    } else if (type == QLatin1String("content_block_delta")) {
        const int index = e.data.value(QLatin1String("index")).toInt(-1);
        if (index < 0 || index >= m_blocks.size())
            return;
        QJsonObject &block = m_blocks[index];
        const QJsonObject delta = e.data.value(QLatin1String("delta")).toObject();
        const QString deltaType = delta.value(QLatin1String("type")).toString();
        if (deltaType == QLatin1String("text_delta"))
            m_text[index] += delta.value(QLatin1String("text")).toString();
        else if (deltaType == QLatin1String("thinking_delta"))
            m_thinking[index] += delta.value(QLatin1String("thinking")).toString();
        else if (deltaType == QLatin1String("signature_delta"))
            block.insert(QLatin1String("signature"), delta.value(QLatin1String("signature")));
        else if (deltaType == QLatin1String("input_json_delta"))
            m_toolJson[index] += delta.value(QLatin1String("partial_json")).toString();
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
