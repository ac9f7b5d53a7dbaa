#include "anthropic/anthropicformat.h"

namespace kt {

void AnthropicFormat::appendStreamEvents(QByteArray &out, const QList<SseEvent> &events)
{
    for (const SseEvent &e : events)
        appendSse(out, e);
}

} // namespace kt
