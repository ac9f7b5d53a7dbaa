// Fuzzes ImportDetector::detect with arbitrary account JSON. Invariants: an error or one result per
// entry, accepted entries carry an importable credential that survives a save/load round trip, and
// no reason, name or report JSON ever repeats a secret from the input.
#include "fuzzcheck.h"

#include "accounts/importdetector.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace kt;

namespace {

const QStringList kSecretKeys{QStringLiteral("refreshToken"), QStringLiteral("accessToken"), QStringLiteral("clientSecret"),
                              QStringLiteral("kiroApiKey"), QStringLiteral("proxyPassword")};

// String values of one raw entry (pool entries keep the account under "credentials"), split into
// secrets and the rest.
void collectStrings(const QJsonValue &item, QStringList &secrets, QStringList &plain)
{
    const auto collect = [&](const QJsonObject &o) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isString())
                (kSecretKeys.contains(it.key()) ? secrets : plain).append(it.value().toString().trimmed());
        }
    };
    const QJsonObject entry = item.toObject();
    collect(entry);
    collect(entry.value(QLatin1String("credentials")).toObject());
    collect(entry.value(QLatin1String("usage")).toObject());
}

// Secrets shorter than 8 characters, or that also appear in a non-secret field of any entry (an
// email, a name), could be echoed legitimately.
void dropEchoable(QStringList &secrets, const QStringList &plain)
{
    secrets.removeIf([&plain](const QString &s) {
        if (s.size() < 8)
            return true;
        for (const QString &p : plain) {
            if (p.contains(s))
                return true;
        }
        return false;
    });
}

QJsonArray itemsOf(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isArray())
        return doc.array();
    if (doc.object().value(QLatin1String("accounts")).isArray())
        return doc.object().value(QLatin1String("accounts")).toArray();
    return QJsonArray{doc.object()};
}

QString reportText(const QByteArray &json)
{
    return QString::fromUtf8(QJsonDocument(ImportDetector::detect(json).report.toJson()).toJson());
}

// Whether `text` (part of the report for `json`) repeats one of the secrets. A "secret" may equal
// text of our own (a field name such as "accessToken", the expiresAt example in a message): it is an
// echo only if it goes away when the input's copies of it are masked.
bool mentions(const QString &text, const QStringList &secrets, const QByteArray &json)
{
    for (const QString &s : secrets) {
        if (!text.contains(s))
            continue;
        QByteArray masked = json;
        masked.replace(s.toUtf8(), QByteArray(s.toUtf8().size(), 'Q'));
        if (!reportText(masked).contains(s))
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImportDetection detection = ImportDetector::detect(json);
    const ImportReport &report = detection.report;
    KT_FUZZ_CHECK(report.entries.size() == detection.credentials.size());
    if (!report.error.isEmpty()) {
        KT_FUZZ_CHECK(report.entries.isEmpty());
        return 0;
    }
    KT_FUZZ_CHECK(!report.entries.isEmpty() && report.entries.size() <= ImportDetector::MaxEntries);
    static const QStringList formats{QStringLiteral("kiro-ide-export"), QStringLiteral("kiro-rs-credentials"),
                                     QStringLiteral("kiro-pool-accounts"), QStringLiteral("kiro-ide-cache")};
    KT_FUZZ_CHECK(formats.contains(report.format) || report.format == QLatin1String("mixed")
                  || report.format == QLatin1String("unknown"));

    const QJsonArray items = itemsOf(json);
    KT_FUZZ_CHECK(items.size() == report.entries.size());
    QList<QStringList> secretsPerEntry(items.size());
    QStringList allSecrets, plain;
    for (qsizetype i = 0; i < items.size(); ++i)
        collectStrings(items.at(i), secretsPerEntry[i], plain);
    for (QStringList &secrets : secretsPerEntry) {
        dropEchoable(secrets, plain);
        allSecrets += secrets;
    }
    for (qsizetype i = 0; i < report.entries.size(); ++i) {
        const ImportEntryResult &entry = report.entries.at(i);
        const std::optional<Credential> &credential = detection.credentials.at(i);
        const QStringList &secrets = secretsPerEntry.at(i);
        KT_FUZZ_CHECK(entry.index == i);
        KT_FUZZ_CHECK(!mentions(entry.reason, secrets, json));
        KT_FUZZ_CHECK(!mentions(entry.name, secrets, json));
        if (entry.status == QLatin1String("rejected")) {
            KT_FUZZ_CHECK(!entry.reason.isEmpty());
            KT_FUZZ_CHECK(!credential.has_value());
            continue;
        }
        KT_FUZZ_CHECK(entry.status == QLatin1String("new"));
        KT_FUZZ_CHECK(entry.reason.isEmpty());
        KT_FUZZ_CHECK(credential.has_value());
        KT_FUZZ_CHECK(formats.contains(entry.format));
        KT_FUZZ_CHECK(!entry.name.isEmpty());
        KT_FUZZ_CHECK(entry.authMethod == authMethodName(credential->authMethod));
        KT_FUZZ_CHECK(credential->id == 0);
        KT_FUZZ_CHECK(ImportDetector::checkImportable(*credential).isEmpty());
        KT_FUZZ_CHECK(!credential->extra.contains(QLatin1String("clientIdHash")));

        // What is imported is stored in the kiro-rs shape and must load back to the same account.
        auto reloaded = Credential::fromJson(credential->toJson());
        if (const QString *error = std::get_if<QString>(&reloaded))
            std::fprintf(stderr, "reload failed: %s\n", qPrintable(*error));
        KT_FUZZ_CHECK(std::holds_alternative<Credential>(reloaded));
        KT_FUZZ_CHECK(std::get<Credential>(reloaded).toJson() == credential->toJson());
    }
    KT_FUZZ_CHECK(!mentions(QString::fromUtf8(QJsonDocument(report.toJson()).toJson()), allSecrets, json));
    return 0;
}
