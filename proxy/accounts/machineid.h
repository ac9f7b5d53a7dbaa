#pragma once
// The 64-hex machine id that goes into Kiro's user-agent strings, derived per account the way
// kiro-rs does so that an account keeps presenting the same id (docs/protocol.md#machine-id).
#include "util/machineidformat.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace kt {

struct Config;
struct Credential;

// credential machineId > config machineId > sha256("KotlinNativeAPI/"+refreshToken) (OAuth) or
// sha256("KiroAPIKey/"+kiroApiKey) (API key) > sha256("KiroFallback/"+random UUID), cached per
// process per credential id.
QString deriveMachineId(const Credential &c, const Config &config);

// deriveMachineId() per account, derived again only when one of the values it reads changes (the
// refresh token rotates, a machine id is configured): two regex matches and a SHA-256 per request
// otherwise.
class MachineIdCache
{
public:
    QString get(qint64 accountId, const Credential &c, const Config &config);
    void forget(qint64 accountId) { m_entries.remove(accountId); }

private:
    struct Entry {
        QStringList inputs;
        QString id;
    };
    QHash<qint64, Entry> m_entries;
};

} // namespace kt
