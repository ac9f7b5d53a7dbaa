#include "openai/responsesformat.h"

#include "util/jsontext.h"

#include <QDateTime>
#include <QUuid>

namespace kt {

namespace {

const QString &status(bool done)
{
    static const QString completed = QStringLiteral("completed");
    static const QString inProgress = QStringLiteral("in_progress");
    return done ? completed : inProgress;
}

QJsonObject outputText(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("output_text")}, {QStringLiteral("text"), text},
            {QStringLiteral("annotations"), QJsonArray()}, {QStringLiteral("logprobs"), QJsonArray()}};
}

QJsonObject summaryText(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("summary_text")}, {QStringLiteral("text"), text}};
}

} // namespace

ResponsesFormat::ResponsesFormat(const QString &model)
    : m_id(QStringLiteral("resp_") + QUuid::createUuid().toString(QUuid::Id128)),
      m_createdAt(QDateTime::currentSecsSinceEpoch()), m_model(model)
{
}

QJsonObject ResponsesFormat::usage(const QJsonObject &anthropic)
{
    const int cached = anthropic.value(QLatin1String("cache_read_input_tokens")).toInt();
    const int input = anthropic.value(QLatin1String("input_tokens")).toInt() + cached
        + anthropic.value(QLatin1String("cache_creation_input_tokens")).toInt();
    const int output = anthropic.value(QLatin1String("output_tokens")).toInt();
    return {{QStringLiteral("input_tokens"), input},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
            {QStringLiteral("output_tokens"), output},
            {QStringLiteral("output_tokens_details"), QJsonObject{{QStringLiteral("reasoning_tokens"), 0}}},
            {QStringLiteral("total_tokens"), input + output}};
}

QString ResponsesFormat::itemId(Kind kind, int outputIndex) const
{
    const char *prefix = kind == Kind::Message ? "msg_" : kind == Kind::Reasoning ? "rs_" : "fc_";
    return QLatin1String(prefix) + m_id.mid(5) + QLatin1Char('_') + QString::number(outputIndex);
}

QJsonObject ResponsesFormat::response(const QString &state, const QJsonArray &output, const QJsonObject &anthropicUsage) const
{
    QJsonObject r{{QStringLiteral("id"), m_id},
                  {QStringLiteral("object"), QStringLiteral("response")},
                  {QStringLiteral("created_at"), m_createdAt},
                  {QStringLiteral("status"), state},
                  {QStringLiteral("error"), QJsonValue::Null},
                  {QStringLiteral("incomplete_details"), QJsonValue::Null},
                  {QStringLiteral("model"), m_model},
                  {QStringLiteral("output"), output},
                  {QStringLiteral("parallel_tool_calls"), true},
                  {QStringLiteral("tool_choice"), QStringLiteral("auto")},
                  {QStringLiteral("tools"), QJsonArray()},
                  {QStringLiteral("store"), false},
                  {QStringLiteral("usage"), anthropicUsage.isEmpty() ? QJsonValue::Null : QJsonValue(usage(anthropicUsage))}};
    if (state == QLatin1String("incomplete"))
        r.insert(QStringLiteral("incomplete_details"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("max_output_tokens")}});
    return r;
}

QJsonObject ResponsesFormat::itemJson(const Item &item, bool done) const
{
    switch (item.kind) {
    case Kind::FunctionCall:
        return {{QStringLiteral("id"), item.id}, {QStringLiteral("type"), QStringLiteral("function_call")},
                {QStringLiteral("status"), status(done)}, {QStringLiteral("call_id"), item.callId},
                {QStringLiteral("name"), item.name},
                {QStringLiteral("arguments"), done && item.text.isEmpty() ? QStringLiteral("{}") : item.text}};
    case Kind::Reasoning:
        return {{QStringLiteral("id"), item.id}, {QStringLiteral("type"), QStringLiteral("reasoning")},
                {QStringLiteral("summary"), done ? QJsonArray{summaryText(item.text)} : QJsonArray()}};
    case Kind::Message:
        break;
    }
    return {{QStringLiteral("id"), item.id}, {QStringLiteral("type"), QStringLiteral("message")},
            {QStringLiteral("status"), status(done)}, {QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("content"), done ? QJsonArray{outputText(item.text)} : QJsonArray()}};
}

// {<before>,"sequence_number":n[,<after>],"type":"<type>"}: the bytes QJsonDocument writes for the
// event (its keys sorted), without building the object. "before" holds the keys that sort before
// "sequence_number", "after" those between it and "type".
void ResponsesFormat::send(QByteArray &out, const char *type, const QByteArray &before, const QByteArray &after)
{
    out += "event: ";
    out += type;
    out += "\ndata: {";
    out += before;
    out += ",\"sequence_number\":";
    out += QByteArray::number(m_sequence++);
    if (!after.isEmpty()) {
        out += ',';
        out += after;
    }
    out += ",\"type\":\"";
    out += type;
    out += "\"}\n\n";
}

QByteArray ResponsesFormat::where(const Item &item, bool contentIndex)
{
    return (contentIndex ? QByteArrayLiteral("\"content_index\":0,") : QByteArray()) + "\"item_id\":\"" + item.id.toLatin1()
        + "\",\"output_index\":" + QByteArray::number(item.outputIndex);
}

QByteArray ResponsesFormat::textPart(Kind kind, const QString &text)
{
    QByteArray part = kind == Kind::Message ? QByteArrayLiteral("{\"annotations\":[],\"logprobs\":[],\"text\":")
                                            : QByteArrayLiteral("{\"text\":");
    appendJsonString(part, text);
    part += kind == Kind::Message ? ",\"type\":\"output_text\"}" : ",\"type\":\"summary_text\"}";
    return part;
}

void ResponsesFormat::appendStreamEvents(QByteArray &out, const QList<SseEvent> &events)
{
    for (const SseEvent &e : events)
        event(out, e);
}

void ResponsesFormat::event(QByteArray &out, const SseEvent &e)
{
    const QJsonObject &d = e.data;
    if (e.name == "content_block_delta") {
        const BlockDelta &delta = e.delta;
        if (delta.kind == BlockDelta::Signature || delta.text.isEmpty())
            return;   // a signature or a citation (not typed): not part of the item's text
        const auto item = m_items.find(delta.index);
        if (item == m_items.end())
            return;
        item->text += delta.text;
        this->delta(out, *item, delta.text);
        return;
    }
    const int blockIndex = d.value(QLatin1String("index")).toInt(-1);
    if (e.name == "content_block_start") {
        startItem(out, blockIndex, d.value(QLatin1String("content_block")).toObject());
    } else if (e.name == "content_block_stop") {
        if (const auto item = m_items.constFind(blockIndex); item != m_items.cend())
            finishItem(out, *item);
    } else if (e.name == "message_start") {
        m_usage = d.value(QLatin1String("message")).toObject().value(QLatin1String("usage")).toObject();
        const QByteArray started = "\"response\":" + compactJson(response(QStringLiteral("in_progress"), {}, {}));
        send(out, "response.created", started);
        send(out, "response.in_progress", started);
    } else if (e.name == "message_delta") {
        const QJsonObject more = d.value(QLatin1String("usage")).toObject();
        for (auto it = more.begin(); it != more.end(); ++it)
            m_usage.insert(it.key(), it.value());
        m_stopReason = d.value(QLatin1String("delta")).toObject().value(QLatin1String("stop_reason")).toString();
    } else if (e.name == "message_stop") {
        const bool incomplete = m_stopReason == QLatin1String("max_tokens");
        send(out, incomplete ? "response.incomplete" : "response.completed",
                   "\"response\":" + compactJson(response(incomplete ? QStringLiteral("incomplete") : QStringLiteral("completed"), m_output, m_usage)));
    }
}

void ResponsesFormat::startItem(QByteArray &out, int blockIndex, const QJsonObject &block)
{
    const QString type = block.value(QLatin1String("type")).toString();
    Item item;
    if (type == QLatin1String("tool_use")) {
        item.kind = Kind::FunctionCall;
        item.callId = block.value(QLatin1String("id")).toString();
        item.name = block.value(QLatin1String("name")).toString();
    } else if (type == QLatin1String("thinking")) {
        item.kind = Kind::Reasoning;
    } else if (type != QLatin1String("text")) {
        return;
    }
    item.outputIndex = int(m_items.size());
    item.id = itemId(item.kind, item.outputIndex);
    item.deltaHead = deltaHead(item);
    m_items.insert(blockIndex, item);
    send(out, "response.output_item.added",
               "\"item\":" + compactJson(itemJson(item, false)) + ",\"output_index\":" + QByteArray::number(item.outputIndex));
    if (item.kind == Kind::Message)
        send(out, "response.content_part.added", where(item, true) + ",\"part\":" + textPart(item.kind, QString()));
    else if (item.kind == Kind::Reasoning)
        send(out, "response.reasoning_summary_part.added", where(item, false) + ",\"part\":" + textPart(item.kind, QString()),
             "\"summary_index\":0");
}

QByteArray ResponsesFormat::deltaHead(const Item &item)
{
    static const char *const types[] = {"response.output_text.delta", "response.reasoning_summary_text.delta",
                                        "response.function_call_arguments.delta"};
    static const char *const places[] = {",\"content_index\":0", ",\"summary_index\":0", ""};
    const int kind = int(item.kind);
    return QByteArray("event: ") + types[kind] + "\ndata: {\"type\":\"" + types[kind] + "\",\"item_id\":\"" + item.id.toLatin1()
        + "\",\"output_index\":" + QByteArray::number(item.outputIndex) + places[kind] + ",\"delta\":";
}

// The hot path: one event per upstream fragment, appended in place.
void ResponsesFormat::delta(QByteArray &out, const Item &item, const QString &text)
{
    out += item.deltaHead;
    appendJsonString(out, text);
    if (item.kind == Kind::Message)
        out += ",\"logprobs\":[]";
    out += ",\"sequence_number\":";
    out += QByteArray::number(m_sequence++);
    out += "}\n\n";
}

void ResponsesFormat::finishItem(QByteArray &out, const Item &item)
{
    const QJsonObject done = itemJson(item, true);
    QByteArray text = QByteArrayLiteral("\"text\":");
    appendJsonString(text, item.text);
    if (item.kind == Kind::Message) {
        const QByteArray place = "\"content_index\":0,\"item_id\":\"" + item.id.toLatin1() + '"';
        send(out, "response.output_text.done", place + ",\"logprobs\":[],\"output_index\":" + QByteArray::number(item.outputIndex), text);
        send(out, "response.content_part.done", where(item, true) + ",\"part\":" + textPart(item.kind, item.text));
    } else if (item.kind == Kind::Reasoning) {
        send(out, "response.reasoning_summary_text.done", where(item, false), "\"summary_index\":0," + text);
        send(out, "response.reasoning_summary_part.done", where(item, false) + ",\"part\":" + textPart(item.kind, item.text),
             "\"summary_index\":0");
    } else {
        QByteArray arguments = QByteArrayLiteral("\"arguments\":");
        appendJsonString(arguments, done.value(QLatin1String("arguments")).toString());
        send(out, "response.function_call_arguments.done", arguments + ',' + where(item, false));
    }
    send(out, "response.output_item.done", "\"item\":" + compactJson(done) + ",\"output_index\":" + QByteArray::number(item.outputIndex));
    m_output.append(done);
}

QByteArray ResponsesFormat::streamError(const ApiError &error)
{
    const QJsonObject shape = errorBody(error).value(QLatin1String("error")).toObject();
    QJsonObject failed = response(QStringLiteral("failed"), m_output, m_usage);
    const QJsonValue code = shape.value(QLatin1String("code"));
    failed.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code.isNull() ? shape.value(QLatin1String("type")) : code},
                                                       {QStringLiteral("message"), error.message}});
    QByteArray out;
    send(out, "response.failed", "\"response\":" + compactJson(failed));
    return out;
}

QJsonObject ResponsesFormat::body(const QJsonObject &message)
{
    QJsonArray output;
    for (const QJsonValue &v : message.value(QLatin1String("content")).toArray()) {
        const QJsonObject block = v.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        Item item;
        if (type == QLatin1String("text")) {
            item.text = block.value(QLatin1String("text")).toString();
        } else if (type == QLatin1String("thinking")) {
            item.kind = Kind::Reasoning;
            item.text = block.value(QLatin1String("thinking")).toString();
        } else if (type == QLatin1String("tool_use")) {
            item.kind = Kind::FunctionCall;
            item.callId = block.value(QLatin1String("id")).toString();
            item.name = block.value(QLatin1String("name")).toString();
            item.text = QString::fromUtf8(compactJson(block.value(QLatin1String("input")).toObject()));
        } else {
            continue;
        }
        item.outputIndex = int(output.size());
        item.id = itemId(item.kind, item.outputIndex);
        output.append(itemJson(item, true));
    }
    const bool incomplete = message.value(QLatin1String("stop_reason")) == QLatin1String("max_tokens");
    return response(incomplete ? QStringLiteral("incomplete") : QStringLiteral("completed"), output,
                    message.value(QLatin1String("usage")).toObject());
}

} // namespace kt
