#include "fakemetering.h"

#include "codec/eventstreamdecoder.h"
#include "codec/eventstreammessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt::fake {

void FakeMetering::charge(const FakeReply &reply)
{
    if (reply.status != 200)
        return;
    EventStreamDecoder decoder;
    for (const FakeStep &step : reply.steps) {
        if (step.kind == FakeStep::Kind::Data)
            decoder.feed(step.data);
    }
    EventStreamMessage m;
    while (decoder.next(m)) {
        if (m.eventType() == QLatin1String("meteringEvent"))
            charged += QJsonDocument::fromJson(m.payload).object().value(QStringLiteral("usage")).toDouble();
    }
}

QJsonObject FakeMetering::applyTo(QJsonObject usage) const
{
    QJsonArray breakdowns = usage.value(QStringLiteral("usageBreakdownList")).toArray();
    if (breakdowns.isEmpty() || charged <= 0)
        return usage;
    QJsonObject first = breakdowns.first().toObject();
    for (const char *key : {"currentUsageWithPrecision", "currentUsage"}) {
        if (first.contains(QLatin1String(key)))
            first.insert(QLatin1String(key), first.value(QLatin1String(key)).toDouble() + charged);
    }
    breakdowns.replace(0, first);
    usage.insert(QStringLiteral("usageBreakdownList"), breakdowns);
    return usage;
}

} // namespace kt::fake
