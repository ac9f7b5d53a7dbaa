#include "openai/chatformat.h"

#include "util/jsontext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace kt {

ChatFormat::ChatFormat(const QString &model, bool includeUsage, const QStringList &stops)
    : m_id(QStringLiteral("chatcmpl-") + QUuid::createUuid().toString(QUuid::Id128)),
      m_created(QDateTime::currentSecsSinceEpoch()), m_model(model), m_includeUsage(includeUsage), m_stops(stops)
{
    m_head = "data: {\"id\":" + jsonString(m_id) + ",\"object\":\"chat.completion.chunk\",\"created\":"
        + QByteArray::number(m_created) + ",\"model\":" + jsonString(m_model) + ",\"system_fingerprint\":null,\"choices\":";
}

QString ChatFormat::finishReason(const QString &stopReason)
{
    if (stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("max_tokens") || stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    return QStringLiteral("stop");
}

QJsonObject ChatFormat::usage(const QJsonObject &anthropic)
{
    const int cached = anthropic.value(QLatin1String("cache_read_input_tokens")).toInt();
    const int prompt = anthropic.value(QLatin1String("input_tokens")).toInt() + cached
        + anthropic.value(QLatin1String("cache_creation_input_tokens")).toInt();
    const int completion = anthropic.value(QLatin1String("output_tokens")).toInt();
    QJsonObject out{{QStringLiteral("prompt_tokens"), prompt},
                    {QStringLiteral("completion_tokens"), completion},
                    {QStringLiteral("total_tokens"), prompt + completion}};
    if (cached > 0)
        out.insert(QStringLiteral("prompt_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}});
    return out;
}

void ChatFormat::chunk(QByteArray &out, const QByteArray &delta, const QByteArray &finishReason)
{
    out += m_head;
    out += "[{\"index\":0,\"delta\":";
    out += delta;
    chunkTail(out, finishReason);
}

void ChatFormat::chunkTail(QByteArray &out, const QByteArray &finishReason)
{
    out += ",\"logprobs\":null,\"finish_reason\":";
    out += finishReason;
    out += m_includeUsage ? "}],\"usage\":null}\n\n" : "}]}\n\n";
}

// The hot path, one chunk per fragment, appended in place: {"<field>":<text>}.
void ChatFormat::textChunk(QByteArray &out, const char *field, const QString &text)
{
    out += m_head;
    out += "[{\"index\":0,\"delta\":{\"";
    out += field;
    out += "\":";
    appendJsonString(out, text);
    out += '}';
    chunkTail(out, QByteArrayLiteral("null"));
}

void ChatFormat::appendStreamEvents(QByteArray &out, const QList<SseEvent> &events)
{
    for (const SseEvent &e : events)
        event(out, e);
}

void ChatFormat::event(QByteArray &out, const SseEvent &e)
{
    const QJsonObject &d = e.data;
    if (m_stops.stopped() && e.name.startsWith("content_block"))
        return;   // past a stop sequence: nothing more of the answer
    if (e.name == "content_block_delta") {
        const BlockDelta &delta = e.delta;
        if (delta.kind == BlockDelta::Text) {
            const QString text = m_stops.isEmpty() ? delta.text : m_stops.feed(delta.text);
            if (!text.isEmpty())
                textChunk(out, "content", text);
        } else if (delta.kind == BlockDelta::Thinking) {
            textChunk(out, "reasoning_content", delta.text);
        } else if (delta.kind == BlockDelta::InputJson) {
            const int index = m_toolIndex.value(delta.index, -1);
            if (index >= 0 && !delta.text.isEmpty())
                chunk(out, "{\"tool_calls\":[{\"index\":" + QByteArray::number(index) + ",\"function\":{\"arguments\":"
                               + jsonString(delta.text) + "}}]}");
        }
    } else if (e.name == "content_block_stop") {
        if (const QString held = m_stops.flush(); !held.isEmpty())
            textChunk(out, "content", held);
    } else if (e.name == "content_block_start") {
        const QJsonObject block = d.value(QLatin1String("content_block")).toObject();
        if (block.value(QLatin1String("type")) != QLatin1String("tool_use"))
            return;
        const int index = int(m_toolIndex.size());
        m_toolIndex.insert(d.value(QLatin1String("index")).toInt(), index);
        const QJsonObject call{{QStringLiteral("index"), index},
                               {QStringLiteral("id"), block.value(QLatin1String("id"))},
                               {QStringLiteral("type"), QStringLiteral("function")},
                               {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), block.value(QLatin1String("name"))},
                                                                        {QStringLiteral("arguments"), QString()}}}};
        chunk(out, compactJson({{QStringLiteral("tool_calls"), QJsonArray{call}}}));
    } else if (e.name == "message_start") {
        m_usage = d.value(QLatin1String("message")).toObject().value(QLatin1String("usage")).toObject();
        chunk(out, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    } else if (e.name == "message_delta") {
        const QJsonObject more = d.value(QLatin1String("usage")).toObject();
        for (auto it = more.begin(); it != more.end(); ++it)
            m_usage.insert(it.key(), it.value());
        const QString stop = d.value(QLatin1String("delta")).toObject().value(QLatin1String("stop_reason")).toString();
        chunk(out, "{}", jsonString(m_stops.stopped() ? QStringLiteral("stop") : finishReason(stop)));
        if (m_includeUsage)
            out += m_head + "[],\"usage\":" + compactJson(usage(m_usage)) + "}\n\n";
    }
}

QByteArray ChatFormat::streamError(const ApiError &error)
{
    return "data: " + compactJson(errorBody(error)) + "\n\n";
}

QJsonObject ChatFormat::body(const QJsonObject &message)
{
    QString text;
    QString reasoning;
    QJsonArray calls;
    for (const QJsonValue &v : message.value(QLatin1String("content")).toArray()) {
        if (m_stops.stopped())
            break;
        const QJsonObject block = v.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text"))
            text += m_stops.cut(block.value(QLatin1String("text")).toString());
        else if (type == QLatin1String("thinking"))
            reasoning += block.value(QLatin1String("thinking")).toString();
        else if (type == QLatin1String("tool_use"))
            calls.append(QJsonObject{{QStringLiteral("id"), block.value(QLatin1String("id"))},
                                     {QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), block.value(QLatin1String("name"))},
                                                  {QStringLiteral("arguments"),
                                                   QString::fromUtf8(compactJson(block.value(QLatin1String("input")).toObject()))}}}});
    }
    QJsonObject reply{{QStringLiteral("role"), QStringLiteral("assistant")},
                      {QStringLiteral("content"), text.isEmpty() && !calls.isEmpty() ? QJsonValue::Null : QJsonValue(text)},
                      {QStringLiteral("refusal"), QJsonValue::Null}};
    if (!calls.isEmpty())
        reply.insert(QStringLiteral("tool_calls"), calls);
    if (!reasoning.isEmpty())
        reply.insert(QStringLiteral("reasoning_content"), reasoning);
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("message"), reply},
                             {QStringLiteral("logprobs"), QJsonValue::Null},
                             {QStringLiteral("finish_reason"), m_stops.stopped() ? QStringLiteral("stop")
                                                                                  : finishReason(message.value(QLatin1String("stop_reason")).toString())}};
    return {{QStringLiteral("id"), m_id},
            {QStringLiteral("object"), QStringLiteral("chat.completion")},
            {QStringLiteral("created"), m_created},
            {QStringLiteral("model"), m_model},
            {QStringLiteral("system_fingerprint"), QJsonValue::Null},
            {QStringLiteral("choices"), QJsonArray{choice}},
            {QStringLiteral("usage"), usage(message.value(QLatin1String("usage")).toObject())}};
}

} // namespace kt
