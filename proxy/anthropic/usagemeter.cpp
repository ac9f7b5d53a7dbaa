#include "anthropic/usagemeter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kt {

namespace {

// A non-negative count, 0 when absent or not a sane number.
int tokenCount(const QJsonObject &o, const char *key)
{
    const double v = o.value(QLatin1String(key)).toDouble(0);
    return std::isfinite(v) && v > 0 && v < 2147483647.0 ? int(v) : 0;
}

} // namespace

void UsageMeter::onMetering(const QJsonObject &payload)
{
    const double usage = payload.value(QLatin1String("usage")).toDouble(0);
    // One reply's credits are small; anything absurd is a malformed frame, not a charge.
    if (std::isfinite(usage) && usage > 0 && usage < 1e6)
        m_credits += usage;
    readCache(payload, "cacheCreationInputTokens");
}

void UsageMeter::onMetadata(const QJsonObject &payload)
{
    for (const char *key : {"tokenUsage", "usage"}) {
        const QJsonValue v = payload.value(QLatin1String(key));
        if (v.isObject())
            readCache(v.toObject(), "cacheWriteInputTokens");
    }
}

// Repeated reports of one reply's cache use are not added up: the largest one stands.
void UsageMeter::readCache(const QJsonObject &o, const char *writeKey)
{
    m_cacheRead = std::max(m_cacheRead, tokenCount(o, "cacheReadInputTokens"));
    m_cacheWrite = std::max({m_cacheWrite, tokenCount(o, writeKey), tokenCount(o, "cacheCreationInputTokens")});
}

double UsageMeter::takeCredits()
{
    return std::exchange(m_credits, 0.0);
}

} // namespace kt
