// Fuzzes ConfigLoader::parse (config.json) and CredentialsFile::parse (credentials.json) with the
// same bytes. Invariants: a result is either a valid value or an error naming the file, parsing is
// deterministic, and credentials written back in the kiro-rs shape load again unchanged.
#include "fuzzcheck.h"

#include "accounts/credentialsfile.h"
#include "config/configloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <cstddef>
#include <cstdint>

using namespace kt;

namespace {

const QString kConfigName = QStringLiteral("config.json");
const QString kCredentialsName = QStringLiteral("credentials.json");

void checkConfig(const QByteArray &json)
{
    const ConfigLoadResult result = ConfigLoader::parse(json, kConfigName);
    KT_FUZZ_CHECK(result.config.has_value() == result.error.isEmpty());
    const ConfigLoadResult again = ConfigLoader::parse(json, kConfigName);
    KT_FUZZ_CHECK(again.error == result.error && again.warnings == result.warnings);
    if (!result.config) {
        KT_FUZZ_CHECK(result.error.startsWith(kConfigName + QStringLiteral(": ")));
        return;
    }
    const Config &c = *result.config;
    KT_FUZZ_CHECK(c.port >= 1);
    KT_FUZZ_CHECK(!c.host.isEmpty());
    KT_FUZZ_CHECK(!c.region.isEmpty());
    KT_FUZZ_CHECK(c.maxBodyBytes >= 1);
    KT_FUZZ_CHECK(c.pingIntervalMs >= 0 && c.upstreamConnectTimeoutMs >= 0 && c.upstreamIdleTimeoutMs >= 0);
    KT_FUZZ_CHECK(c.refreshMarginSeconds >= 0 && c.requestLogKeep >= 1);
    static const QStringList levels{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                    QStringLiteral("error")};
    KT_FUZZ_CHECK(levels.contains(c.logLevel));
    static const QStringList stores{QStringLiteral("auto"), QStringLiteral("keychain"), QStringLiteral("file")};
    KT_FUZZ_CHECK(stores.contains(c.secretStore));
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    KT_FUZZ_CHECK(c.machineId.isEmpty() || hex64.match(c.machineId).hasMatch());
    for (const QString &origin : c.allowedOrigins)
        KT_FUZZ_CHECK(origin == QLatin1String("*") || (origin == origin.toLower() && origin.contains(QLatin1String("://"))));
    for (const QString &host : c.allowedHosts)
        KT_FUZZ_CHECK(!host.isEmpty() && !host.contains(QLatin1Char('/')));
    // The derived upstream URLs must be usable whatever the overrides were.
    KT_FUZZ_CHECK(c.generateAssistantResponseUrl(c.region).isValid());
    KT_FUZZ_CHECK(c.socialRefreshUrl(c.region).isValid());
    KT_FUZZ_CHECK(c.oidcTokenUrl(c.region).isValid());
}

QByteArray savedForm(const QList<Credential> &credentials)
{
    QJsonArray array;
    for (const Credential &c : credentials)
        array.append(c.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

void checkCredentials(const QByteArray &json)
{
    const CredentialsFile::LoadResult result = CredentialsFile::parse(json, kCredentialsName);
    if (!result.error.isEmpty()) {
        KT_FUZZ_CHECK(result.error.startsWith(kCredentialsName + QStringLiteral(": ")));
        KT_FUZZ_CHECK(result.credentials.isEmpty());
        return;
    }
    QSet<qint64> ids;
    for (qsizetype i = 0; i < result.credentials.size(); ++i) {
        const Credential &c = result.credentials.at(i);
        KT_FUZZ_CHECK(c.id > 0);
        KT_FUZZ_CHECK(!ids.contains(c.id));
        ids.insert(c.id);
        KT_FUZZ_CHECK(i == 0 || result.credentials.at(i - 1).priority <= c.priority);
        if (c.authMethod == AuthMethod::ApiKey)
            KT_FUZZ_CHECK(!c.kiroApiKey.isEmpty());
        if (c.authMethod == AuthMethod::Idc)
            KT_FUZZ_CHECK(!c.clientId.isEmpty() && !c.clientSecret.isEmpty());
    }
    if (result.credentials.isEmpty())
        return;

    // Write-back (refreshed tokens are saved this way) must load again to the same accounts.
    const QByteArray saved = savedForm(result.credentials);
    const CredentialsFile::LoadResult reloaded = CredentialsFile::parse(saved, kCredentialsName);
    if (!reloaded.error.isEmpty())
        std::fprintf(stderr, "reload failed: %s\n", qPrintable(reloaded.error));
    KT_FUZZ_CHECK(reloaded.error.isEmpty());
    KT_FUZZ_CHECK(reloaded.credentials.size() == result.credentials.size());
    KT_FUZZ_CHECK(savedForm(reloaded.credentials) == saved);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    checkConfig(json);
    checkCredentials(json);
    return 0;
}
