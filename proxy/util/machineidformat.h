#pragma once
// The two spellings of a machine id Kiro's user-agent strings accept, normalised to 64 hex chars.
#include <QString>

namespace kt {

// 64 hex chars -> lowercased; a UUID (8-4-4-4-12 or 32 hex, optional braces) -> its 32 hex chars twice;
// anything else -> empty.
QString normaliseMachineId(const QString &raw);

} // namespace kt
