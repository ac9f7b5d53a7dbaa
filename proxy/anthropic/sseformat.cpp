#include "anthropic/sseformat.h"

#include <QJsonDocument>

namespace kt {

QByteArray formatSse(const SseEvent &e)
{
    // Compact JSON never contains a raw newline (they are escaped inside strings), so the
    // data field always stays on one line as the SSE framing requires.
    QByteArray out;
    const QByteArray json = QJsonDocument(e.data).toJson(QJsonDocument::Compact);
    out.reserve(e.name.size() + json.size() + 16);
    out += "event: ";
    out += e.name;
    out += "\ndata: ";
    out += json;
    out += "\n\n";
    return out;
}

QByteArray formatSsePing()
{
    return QByteArrayLiteral("event: ping\ndata: {\"type\": \"ping\"}\n\n");
}

} // namespace kt
