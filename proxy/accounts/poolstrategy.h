#pragma once
// How the pool picks the account for the next request: "round-robin", "random", "least-used"
// (the seed's three) and "priority" (lowest priority number first, as kiro.rs does).
#include <QString>
#include <QStringList>

#include <optional>

namespace kt {

enum class PoolStrategy { RoundRobin, Random, LeastUsed, Priority };

QString poolStrategyName(PoolStrategy s);
std::optional<PoolStrategy> parsePoolStrategy(const QString &name);   // exact names, any case
QStringList poolStrategyNames();

} // namespace kt
