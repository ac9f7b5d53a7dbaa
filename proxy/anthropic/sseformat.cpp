#include "anthropic/sseformat.h"

#include "util/jsontext.h"

namespace kt {

namespace {

struct DeltaShape {
    const char *type;
    const char *field;
};

DeltaShape shapeOf(BlockDelta::Kind kind)
{
    switch (kind) {
    case BlockDelta::Text: return {"text_delta", "text"};
    case BlockDelta::Thinking: return {"thinking_delta", "thinking"};
    case BlockDelta::InputJson: return {"input_json_delta", "partial_json"};
    case BlockDelta::Signature: return {"signature_delta", "signature"};
    case BlockDelta::None: break;
    }
    return {"", ""};
}

// Byte for byte what appendCompactJson writes for json(): keys in QJsonObject's (sorted) order.
void appendDelta(QByteArray &out, const BlockDelta &d)
{
    const DeltaShape shape = shapeOf(d.kind);
    out += "{\"delta\":{\"";
    out += shape.field;
    out += "\":";
    appendJsonString(out, d.text);
    out += ",\"type\":\"";
    out += shape.type;
    out += "\"},\"index\":";
    appendJsonInteger(out, d.index);
    out += ",\"type\":\"content_block_delta\"}";
}

} // namespace

SseEvent SseEvent::blockDelta(BlockDelta::Kind kind, int index, QString text)
{
    SseEvent e;
    e.name = QByteArray::fromRawData("content_block_delta", 19);
    e.delta = {kind, index, std::move(text)};
    return e;
}

SseEvent SseEvent::fromJson(QByteArray name, QJsonObject data)
{
    if (name == "content_block_delta") {
        const QJsonObject delta = data.value(QLatin1String("delta")).toObject();
        const QString type = delta.value(QLatin1String("type")).toString();
        for (auto kind : {BlockDelta::Text, BlockDelta::Thinking, BlockDelta::InputJson, BlockDelta::Signature}) {
            const DeltaShape shape = shapeOf(kind);
            if (type == QLatin1String(shape.type))
                return blockDelta(kind, data.value(QLatin1String("index")).toInt(-1), delta.value(QLatin1String(shape.field)).toString());
        }
    }
    return {std::move(name), std::move(data), {}};
}

int SseEvent::index() const
{
    return isTypedDelta() ? delta.index : data.value(QLatin1String("index")).toInt(-1);
}

void SseEvent::setIndex(int index)
{
    if (isTypedDelta())
        delta.index = index;
    else
        data.insert(QStringLiteral("index"), index);
}

QJsonObject SseEvent::json() const
{
    if (!isTypedDelta())
        return data;
    const DeltaShape shape = shapeOf(delta.kind);
    return {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
            {QStringLiteral("index"), delta.index},
            {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), QLatin1String(shape.type)},
                                                  {QLatin1String(shape.field), delta.text}}}};
}

void appendSse(QByteArray &out, const SseEvent &e)
{
    // Compact JSON never contains a raw newline (they are escaped inside strings), so the
    // data field always stays on one line as the SSE framing requires.
    out += "event: ";
    out += e.name;
    out += "\ndata: ";
    if (e.isTypedDelta())
        appendDelta(out, e.delta);
    else
        appendCompactJson(out, e.data);
    out += "\n\n";
}

QByteArray formatSse(const SseEvent &e)
{
    QByteArray out;
    out.reserve(256);
    appendSse(out, e);
    return out;
}

QByteArray formatSsePing()
{
    return QByteArrayLiteral("event: ping\ndata: {\"type\": \"ping\"}\n\n");
}

} // namespace kt
