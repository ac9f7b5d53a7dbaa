#include "anthropic/anthropicformat.h"

namespace kt {

QByteArray AnthropicFormat::streamEvents(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &e : events)
        out += formatSse(e);
    return out;
}

} // namespace kt
