#include "accounts/importdetector.h"

#include "accounts/account.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kt {

namespace {

const QString kIdeExport = QStringLiteral("kiro-ide-export");
const QString kKiroRs = QStringLiteral("kiro-rs-credentials");
const QString kPool = QStringLiteral("kiro-pool-accounts");
const QString kIdeCache = QStringLiteral("kiro-ide-cache");

bool isTruncated(const QString &token)
{
    return token.contains(QLatin1String("...")) || token.contains(QChar(0x2026));
}

// One seed (data/accounts.json) entry: {"id","name","status","credentials":{...},...} → a credential object.
QJsonObject flattenPoolEntry(const QJsonObject &entry, QString *name)
{
    QJsonObject c = entry.value(QStringLiteral("credentials")).toObject();
    *name = entry.value(QStringLiteral("name")).toString().trimmed();
    const QString status = entry.value(QStringLiteral("status")).toString();
    if (status.compare(QLatin1String("disabled"), Qt::CaseInsensitive) == 0)
        c.insert(QStringLiteral("disabled"), true);
    const QString email = entry.value(QStringLiteral("usage")).toObject().value(QStringLiteral("userEmail")).toString();
    if (!email.isEmpty() && !c.contains(QStringLiteral("email")))
        c.insert(QStringLiteral("email"), email);
    return c;
}

} // namespace

QString ImportDetector::checkImportable(const Credential &c, const QString &companionHash)
{
    if (c.authMethod == AuthMethod::ApiKey)
        return {};
    if (c.refreshToken.isEmpty())
        return QStringLiteral("field 'refreshToken' is required to keep the account usable");
    if (isTruncated(c.refreshToken))
        return QStringLiteral("field 'refreshToken' is truncated (a display copy ending in '...'): export the full token");
    if (c.authMethod == AuthMethod::Idc && (c.clientId.isEmpty() || c.clientSecret.isEmpty())) {
        const QString hash = companionHash.left(64);
        return hash.isEmpty() ? QStringLiteral("an IdC login needs clientId and clientSecret")
                              : QStringLiteral("an IdC login needs clientId and clientSecret from the companion file %1.json")
                                    .arg(hash);
    }
    return {};
}

QString ImportDetector::formatOf(const QJsonObject &entry)
{
    if (entry.value(QStringLiteral("credentials")).isObject())
        return kPool;
    if (entry.contains(QStringLiteral("clientIdHash")))
        return kIdeCache;
    for (const char *key : {"priority", "disabled", "machineId", "kiroApiKey", "authRegion", "apiRegion", "id", "proxyUrl"}) {
        if (entry.contains(QLatin1String(key)))
            return kKiroRs;
    }
    if (entry.contains(QStringLiteral("provider")) || entry.contains(QStringLiteral("idcRegion"))
        || entry.value(QStringLiteral("authMethod")).toString() == QLatin1String("IdC"))
        return kIdeExport;
    return kKiroRs;
}

QString ImportDetector::deriveName(const Credential &c)
{
    if (!c.email.isEmpty())
        return c.email;
    QString who = c.provider;
    if (who.isEmpty())
        who = c.authMethod == AuthMethod::Idc ? QStringLiteral("IdC") : c.authMethod == AuthMethod::ApiKey ? QStringLiteral("API key")
                                                                                                            : QStringLiteral("Social");
    const QString secret = c.authMethod == AuthMethod::ApiKey ? c.kiroApiKey : c.refreshToken;
    const QString tag = Account::hashSecret(secret).left(6);
    return tag.isEmpty() ? QStringLiteral("%1 account").arg(who) : QStringLiteral("%1 account %2").arg(who, tag);
}

ImportDetection ImportDetector::detect(const QByteArray &json)
{
    ImportDetection out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.report.error = QStringLiteral("not valid JSON (at offset %1: %2)").arg(parseError.offset).arg(parseError.errorString());
        return out;
    }
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else if (doc.isObject() && doc.object().value(QStringLiteral("accounts")).isArray()) {
        items = doc.object().value(QStringLiteral("accounts")).toArray();
    } else if (doc.isObject()) {
        items.append(doc.object());
    } else {
        out.report.error = QStringLiteral("expected a JSON object or an array of objects");
        return out;
    }
    if (items.isEmpty()) {
        out.report.error = QStringLiteral("the input holds no account");
        return out;
    }
    if (items.size() > MaxEntries) {
        out.report.error = QStringLiteral("too many entries (%1; at most %2 per import)").arg(items.size()).arg(MaxEntries);
        return out;
    }

    for (qsizetype i = 0; i < items.size(); ++i) {
        ImportEntryResult entry;
        entry.index = int(i);
        entry.status = QStringLiteral("rejected");
        std::optional<Credential> parsed;
        if (!items.at(i).isObject()) {
            entry.reason = QStringLiteral("entry is not a JSON object");
        } else {
            QJsonObject raw = items.at(i).toObject();
            entry.format = formatOf(raw);
            QString poolName;
            if (entry.format == kPool)
                raw = flattenPoolEntry(raw, &poolName);
            auto result = Credential::fromJson(raw);
            if (const QString *error = std::get_if<QString>(&result)) {
                entry.reason = *error;
                const QString hash = raw.value(QStringLiteral("clientIdHash")).toString();
                if (!hash.isEmpty() && (error->contains(QLatin1String("'clientId'")) || error->contains(QLatin1String("'clientSecret'"))))
                    entry.reason = QStringLiteral("an IdC login needs clientId and clientSecret from the companion file %1.json")
                                       .arg(hash.left(64));
            } else {
                Credential c = std::get<Credential>(std::move(result));
                c.id = 0;   // the pool assigns ids; an input's own numbering means nothing here
                c.extra.remove(QStringLiteral("clientIdHash"));
                entry.authMethod = authMethodName(c.authMethod);
                entry.region = c.region.isEmpty() ? c.authRegion : c.region;
                entry.name = poolName.isEmpty() ? deriveName(c) : poolName;
                entry.reason = checkImportable(c, raw.value(QStringLiteral("clientIdHash")).toString());
                if (entry.reason.isEmpty()) {
                    entry.status = QStringLiteral("new");
                    parsed = std::move(c);
                }
            }
        }
        out.report.entries.append(entry);
        out.credentials.append(std::move(parsed));
    }

    QString format;
    for (const ImportEntryResult &e : std::as_const(out.report.entries)) {
        if (e.format.isEmpty())
            continue;
        if (format.isEmpty())
            format = e.format;
        else if (format != e.format)
            format = QStringLiteral("mixed");
    }
    out.report.format = format.isEmpty() ? QStringLiteral("unknown") : format;
    return out;
}

} // namespace kt
