#include "accounts/machineid.h"

#include "accounts/credential.h"
#include "config/config.h"
#include "util/machineidformat.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QUuid>

namespace kt {

namespace {

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

QString deriveMachineId(const Credential &c, const Config &config)
{
    for (const QString *candidate : {&c.machineId, &config.machineId}) {
        const QString id = normaliseMachineId(*candidate);
        if (!id.isEmpty())
            return id;
    }
    if (c.authMethod == AuthMethod::ApiKey) {
        if (!c.kiroApiKey.isEmpty())
            return sha256Hex(QStringLiteral("KiroAPIKey/") + c.kiroApiKey);
    } else if (!c.refreshToken.isEmpty()) {
        return sha256Hex(QStringLiteral("KotlinNativeAPI/") + c.refreshToken);
    }

    static QMutex mutex;
    static QHash<qint64, QString> fallback;
    const QMutexLocker lock(&mutex);
    auto it = fallback.find(c.id);
    if (it == fallback.end())
        it = fallback.insert(c.id, sha256Hex(QStringLiteral("KiroFallback/") + QUuid::createUuid().toString(QUuid::WithoutBraces)));
    return *it;
}

QString MachineIdCache::get(qint64 accountId, const Credential &c, const Config &config)
{
    // Everything deriveMachineId() above reads.
    const QStringList inputs{c.machineId, config.machineId, c.refreshToken, c.kiroApiKey, QString::number(int(c.authMethod))};
    Entry &entry = m_entries[accountId];
    if (entry.id.isEmpty() || entry.inputs != inputs)
        entry = {inputs, deriveMachineId(c, config)};
    return entry.id;
}

} // namespace kt
