#include "anthropic/sseformat.h"

#include "util/jsontext.h"

namespace kt {

void appendSse(QByteArray &out, const SseEvent &e)
{
    // Compact JSON never contains a raw newline (they are escaped inside strings), so the
    // data field always stays on one line as the SSE framing requires.
    out += "event: ";
    out += e.name;
    out += "\ndata: ";
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
