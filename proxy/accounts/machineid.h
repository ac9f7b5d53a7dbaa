#pragma once
// The 64-hex machine id that goes into Kiro's user-agent strings, derived per account the way
// kiro-rs does so that an account keeps presenting the same id (protocol doc §1.3).
#include <QString>

namespace kt {

struct Config;
struct Credential;

// 64 hex chars -> lowercased; a UUID (8-4-4-4-12 or 32 hex, optional braces) -> its 32 hex chars twice;
// anything else -> empty.
QString normaliseMachineId(const QString &raw);
// credential machineId > config machineId > sha256("KotlinNativeAPI/"+refreshToken) (OAuth) or
// sha256("KiroAPIKey/"+kiroApiKey) (API key) > sha256("KiroFallback/"+random UUID), cached per
// process per credential id.
QString deriveMachineId(const Credential &c, const Config &config);

} // namespace kt
