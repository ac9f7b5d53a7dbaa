#include "accounts/machineid.h"

#include "accounts/credential.h"
#include "config/config.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QUuid>

namespace kt {

namespace {

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

QString normaliseMachineId(const QString &raw)
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
    static const QRegularExpression uuid(
        QStringLiteral("^\\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\\}?$"));
    const QString s = raw.trimmed();
    if (hex64.match(s).hasMatch())
        return s.toLower();
    const QRegularExpressionMatch m = uuid.match(s);
    if (!m.hasMatch())
        return {};
    // Dashes must be all present or all absent, and braces must pair up.
    const int dashes = int(s.count(QLatin1Char('-')));
    if ((dashes != 0 && dashes != 4) || s.startsWith(QLatin1Char('{')) != s.endsWith(QLatin1Char('}')))
        return {};
    const QString compact = (m.captured(1) + m.captured(2) + m.captured(3) + m.captured(4) + m.captured(5)).toLower();
    return compact + compact;
}

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
