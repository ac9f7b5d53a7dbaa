#include "anthropic/anthropicformat.h"

namespace kt {

QByteArray AnthropicFormat::streamEvents(const QList<SseEvent> &events)
{
    QByteArray out;
    out.reserve(256 * events.size());
    for (const SseEvent &e : events)
        appendSse(out, e);
    return out;
}

} // namespace kt
