#include "websearch/citedtextstream.h"

namespace kt {

namespace {

SseEvent blockEvent(const char *name, int index, const char *key = nullptr, const QJsonObject &value = {})
{
    QJsonObject data{{QStringLiteral("type"), QLatin1String(name)}, {QStringLiteral("index"), index}};
    if (key)
        data.insert(QLatin1String(key), value);
    return {QByteArray(name), data, {}};
}

QJsonObject delta(const char *type, const char *key, const QJsonValue &value)
{
    return {{QStringLiteral("type"), QLatin1String(type)}, {QLatin1String(key), value}};
}

} // namespace

QList<SseEvent> CitedTextStream::events(const QList<SseEvent> &in)
{
    QList<SseEvent> out;
    for (SseEvent e : in) {
        if (e.name == "content_block_start") {
            const QJsonObject block = e.data.value(QLatin1String("content_block")).toObject();
            if (m_markers.active() && block.value(QLatin1String("type")).toString() == QLatin1String("text")) {
                m_inText = true;
                m_openedAny = false;
                m_pending = block.value(QLatin1String("text")).toString();
                continue;
            }
            m_current = m_next++;
        } else if (e.name == "content_block_delta" && m_inText) {
            if (e.delta.kind == BlockDelta::Text)
                m_pending += e.delta.text;
            text(out, false);
            continue;
        } else if (e.name == "content_block_stop" && m_inText) {
            text(out, true);
            if (!m_openedAny)
                open(out, false);
            close(out);
            m_inText = false;
            continue;
        }
        if (e.name.startsWith("content_block_"))
            e.setIndex(m_current);
        out.append(e);
    }
    return out;
}

void CitedTextStream::text(QList<SseEvent> &out, bool final)
{
    for (const CitationMarkers::Segment &segment : m_markers.take(m_pending, final)) {
        const bool cited = !segment.citations.isEmpty();
        if (!m_open || cited || m_openCited)
            open(out, cited);
        for (const QJsonValue &citation : segment.citations)
            out.append(blockEvent("content_block_delta", m_current, "delta", delta("citations_delta", "citation", citation)));
        out.append(SseEvent::blockDelta(BlockDelta::Text, m_current, segment.text));
    }
}

void CitedTextStream::open(QList<SseEvent> &out, bool cited)
{
    close(out);
    QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}};
    if (cited)
        block.insert(QStringLiteral("citations"), QJsonArray());
    m_current = m_next++;
    out.append(blockEvent("content_block_start", m_current, "content_block", block));
    m_open = m_openedAny = true;
    m_openCited = cited;
}

void CitedTextStream::close(QList<SseEvent> &out)
{
    if (std::exchange(m_open, false))
        out.append(blockEvent("content_block_stop", m_current));
}

} // namespace kt
