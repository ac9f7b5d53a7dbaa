#include "accounts/poolstrategy.h"

namespace kt {

QString poolStrategyName(PoolStrategy s)
{
    switch (s) {
    case PoolStrategy::RoundRobin: return QStringLiteral("round-robin");
    case PoolStrategy::Random: return QStringLiteral("random");
    case PoolStrategy::LeastUsed: return QStringLiteral("least-used");
    case PoolStrategy::Priority: return QStringLiteral("priority");
    }
    return QStringLiteral("round-robin");
}

std::optional<PoolStrategy> parsePoolStrategy(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (PoolStrategy s : {PoolStrategy::RoundRobin, PoolStrategy::Random, PoolStrategy::LeastUsed, PoolStrategy::Priority}) {
        if (n == poolStrategyName(s))
            return s;
    }
    return std::nullopt;
}

QStringList poolStrategyNames()
{
    return {QStringLiteral("round-robin"), QStringLiteral("random"), QStringLiteral("least-used"), QStringLiteral("priority")};
}

} // namespace kt
