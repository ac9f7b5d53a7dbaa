#include "config/configloader.h"

#include "config/configfile.h"

#include "util/atomicfile.h"
#include "util/machineidformat.h"
#include "util/jsonfieldreader.h"
#include "util/urlrules.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <limits>
#include <utility>

namespace kt {

namespace {

// kiro-rs settings we accept silently (kept in Config::extra) although nothing uses them yet.
const QStringList kKnownUnusedFields = {
    QStringLiteral("systemVersion"), QStringLiteral("nodeVersion"), QStringLiteral("tlsBackend"),
    QStringLiteral("countTokensApiUrl"), QStringLiteral("countTokensApiKey"), QStringLiteral("countTokensAuthType"),
    QStringLiteral("adminUsername"), QStringLiteral("adminPassword"), QStringLiteral("loadBalancingMode"),
    QStringLiteral("maxConcurrentPerCredential"), QStringLiteral("maxConcurrentPerKey"),
    QStringLiteral("stickyExpiryMinutes"), QStringLiteral("zombieStreamTimeoutMinutes")};

const QStringList kLogLevels = {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                QStringLiteral("error")};
const QStringList kSecretStores = {QStringLiteral("auto"), QStringLiteral("keychain"), QStringLiteral("file")};

// Origins are compared exactly against the browser's Origin header: scheme://host[:port], lowercase.
QString normaliseOrigin(const QString &origin, bool *ok)
{
    *ok = true;
    if (origin == QLatin1String("*"))
        return origin;
    const QUrl u(origin, QUrl::StrictMode);
    const QString path = u.path();
    if (!u.isValid() || u.scheme().isEmpty() || u.host().isEmpty() || (!path.isEmpty() && path != QLatin1String("/"))
        || u.hasQuery() || u.hasFragment() || !u.userInfo().isEmpty()) {
        *ok = false;
        return {};
    }
    return u.toString(QUrl::RemovePath | QUrl::FullyEncoded).toLower();
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

QString absolutePath(const QString &path, const QString &relativeTo)
{
    const QString expanded = expandHome(path);
    return QDir::cleanPath(QDir(relativeTo).absoluteFilePath(expanded));
}

// Field checks shared by config.json and the environment; `name` is "field 'x'" or "environment variable X".
QString checkRegion(const QString &name, const QString &value)
{
    return UrlRules::isRegionName(value) ? QString()
                                         : QStringLiteral("%1 must be an AWS region name like us-east-1").arg(name);
}

QString checkBase(const QString &name, const QString &value)
{
    const QString problem = UrlRules::checkBaseUrl(value);
    return problem.isEmpty() ? QString() : QStringLiteral("%1 %2").arg(name, problem);
}

QString checkProxy(const QString &name, const QString &value)
{
    const QString problem = UrlRules::checkProxyUrl(value);
    return problem.isEmpty() ? QString() : QStringLiteral("%1 %2").arg(name, problem);
}

QString fieldName(const char *key)
{
    return QStringLiteral("field '%1'").arg(QLatin1String(key));
}

// Reads every field of config.json into `c`; returns the first problem ("field 'x' ...") or empty.
QString readFields(JsonFieldReader &rd, Config &c, QStringList &warnings, const QString &file)
{
    int port = c.port;
    QString proxyUser, proxyPassword;
    if (rd.readString(QStringLiteral("host"), c.host))
        c.host = c.host.trimmed();
    rd.readInt(QStringLiteral("port"), port, 1, 65535);
    const std::pair<const char *, QString *> strings[] = {
        {"apiKey", &c.apiKey}, {"adminApiKey", &c.adminApiKey}, {"region", &c.region},
        {"authRegion", &c.authRegion}, {"apiRegion", &c.apiRegion}, {"kiroVersion", &c.kiroVersion},
        {"machineId", &c.machineId}, {"proxyUrl", &c.proxyUrl}, {"proxyUsername", &proxyUser},
        {"proxyPassword", &proxyPassword}, {"apiBaseUrl", &c.apiBaseUrl},
        {"socialAuthBaseUrl", &c.socialAuthBaseUrl}, {"oidcBaseUrl", &c.oidcBaseUrl}, {"logLevel", &c.logLevel},
        {"secretStore", &c.secretStore}, {"dataDir", &c.dataDir}, {"credentialsFile", &c.credentialsFile},
        {"socialRedirectUri", &c.socialRedirectUri}};
    for (const auto &[key, field] : strings) {
        if (rd.readString(QLatin1String(key), *field))
            *field = field->trimmed();
    }
    rd.readStringList(QStringLiteral("allowedOrigins"), c.allowedOrigins);
    rd.readStringList(QStringLiteral("allowedHosts"), c.allowedHosts);
    rd.readBool(QStringLiteral("corsEnabled"), c.corsEnabled);
    rd.readBool(QStringLiteral("upstreamKeepAlive"), c.upstreamKeepAlive);
    rd.readInteger(QStringLiteral("maxBodyBytes"), c.maxBodyBytes, 1, qint64(1) << 40);
    rd.readInt(QStringLiteral("clientIdleTimeoutMs"), c.clientIdleTimeoutMs, 0, std::numeric_limits<int>::max());
    rd.readInt(QStringLiteral("clientHeaderTimeoutMs"), c.clientHeaderTimeoutMs, 0, std::numeric_limits<int>::max());
    rd.readInteger(QStringLiteral("clientMinBodyBytesPerSecond"), c.clientMinBodyBytesPerSecond, 0, qint64(1) << 40);
    rd.readInt(QStringLiteral("pingIntervalMs"), c.pingIntervalMs, 0, std::numeric_limits<int>::max());
    rd.readInt(QStringLiteral("upstreamConnectTimeoutMs"), c.upstreamConnectTimeoutMs, 0, std::numeric_limits<int>::max());
    rd.readInt(QStringLiteral("upstreamIdleTimeoutMs"), c.upstreamIdleTimeoutMs, 0, std::numeric_limits<int>::max());
    rd.readInt(QStringLiteral("refreshMarginSeconds"), c.refreshMarginSeconds, 0, 86400);
    rd.readInt(QStringLiteral("cooldownSeconds"), c.cooldownSeconds, 0, 7 * 86400);
    rd.readInt(QStringLiteral("quotaRefreshMinutes"), c.quotaRefreshMinutes, 0, 7 * 24 * 60);
    rd.readInt(QStringLiteral("maxAttempts"), c.maxAttempts, 1, 20);
    rd.readInt(QStringLiteral("webSearchTimeoutMs"), c.webSearchTimeoutMs, 1, 600000);
    rd.readInt(QStringLiteral("webSearchRetries"), c.webSearchRetries, 0, 5);
    rd.readInt(QStringLiteral("webSearchRetryDelayMs"), c.webSearchRetryDelayMs, 0, 60000);
    rd.readInt(QStringLiteral("retrySameAccount"), c.retrySameAccount, 0, 10);
    rd.readInt(QStringLiteral("retryBaseMs"), c.retryBaseMs, 0, 60000);
    rd.readInt(QStringLiteral("retryBudgetMs"), c.retryBudgetMs, 0, 600000);
    rd.readInt(QStringLiteral("accountMaxConcurrent"), c.accountMaxConcurrent, 0, 100000);
    rd.readInt(QStringLiteral("accountRequestsPerMinute"), c.accountRequestsPerMinute, 0, 100000);
    rd.readInt(QStringLiteral("accountLimitWaitMs"), c.accountLimitWaitMs, 0, 600000);
    rd.readInt(QStringLiteral("conversationTtlMinutes"), c.conversationTtlMinutes, 0, 7 * 24 * 60);
    rd.readInt(QStringLiteral("promptTooLongPercent"), c.promptTooLongPercent, 0, 1000);
    rd.readInt(QStringLiteral("requestLogKeep"), c.requestLogKeep, 1, 1000000);
    rd.readInt(QStringLiteral("signInSecondMs"), c.signInSecondMs, 1, 1000);
    rd.readInt(QStringLiteral("modelRefreshHours"), c.modelRefreshHours, 0, 24 * 30);
    rd.readString(QStringLiteral("modelListForm"), c.modelListForm);
    if (const QJsonValue aliases = rd.take(QStringLiteral("modelAliases")); !aliases.isUndefined() && !aliases.isNull()) {
        if (!aliases.isObject())
            return QStringLiteral("field 'modelAliases' must be an object of model id -> Kiro model id");
        const QJsonObject map = aliases.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.value().isString() || it.value().toString().trimmed().isEmpty() || it.key().trimmed().isEmpty())
                return QStringLiteral("field 'modelAliases.%1' must be a non-empty Kiro model id").arg(it.key().left(60));
            c.modelAliases.insert(it.key().trimmed().toLower(), it.value().toString().trimmed());
        }
    }
    if (!rd.ok())
        return rd.error();
    c.port = quint16(port);

    if (c.host.isEmpty())
        return QStringLiteral("field 'host' must not be empty");
    for (const auto &[key, value] : {std::pair<const char *, const QString *>{"region", &c.region},
                                     {"authRegion", &c.authRegion}, {"apiRegion", &c.apiRegion}}) {
        if (!value->isEmpty() || QLatin1String(key) == QLatin1String("region")) {
            if (const QString problem = checkRegion(fieldName(key), *value); !problem.isEmpty())
                return problem;
        }
    }
    static const QRegularExpression versionToken(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    if (!versionToken.match(c.kiroVersion).hasMatch())
        return QStringLiteral("field 'kiroVersion' must be a version like 0.11.107");
    if (!c.machineId.isEmpty()) {
        const QString normalised = normaliseMachineId(c.machineId);
        if (normalised.isEmpty())
            warnings.append(QStringLiteral("%1: field 'machineId' is neither 64 hex characters nor a UUID; ignored").arg(file));
        c.machineId = normalised;
    }
    if (!c.proxyUrl.isEmpty()) {
        if (const QString problem = checkProxy(fieldName("proxyUrl"), c.proxyUrl); !problem.isEmpty())
            return problem;
        c.proxyUrl = UrlRules::withProxyCredentials(c.proxyUrl, proxyUser, proxyPassword);
    } else if (!proxyUser.isEmpty() || !proxyPassword.isEmpty()) {
        warnings.append(QStringLiteral("%1: proxyUsername/proxyPassword ignored without proxyUrl").arg(file));
    }
    for (const auto &[key, value] : {std::pair<const char *, const QString *>{"apiBaseUrl", &c.apiBaseUrl},
                                     {"socialAuthBaseUrl", &c.socialAuthBaseUrl}, {"oidcBaseUrl", &c.oidcBaseUrl}}) {
        if (value->isEmpty())
            continue;
        if (const QString problem = checkBase(fieldName(key), *value); !problem.isEmpty())
            return problem;
    }
    if (const QUrl redirect(QString(c.socialRedirectUri).replace(QLatin1String("{port}"), QLatin1String("1")));
        !redirect.isValid() || redirect.scheme().isEmpty() || redirect.host().isEmpty())
        return QStringLiteral("field 'socialRedirectUri' must be an absolute URI like http://127.0.0.1:{port}/oauth/callback");
    for (qsizetype i = 0; i < c.allowedOrigins.size(); ++i) {
        bool ok = false;
        c.allowedOrigins[i] = normaliseOrigin(c.allowedOrigins.at(i).trimmed(), &ok);
        if (!ok)
            return QStringLiteral("field 'allowedOrigins[%1]' must be an origin like http://localhost:3000, or \"*\"").arg(i);
    }
    for (qsizetype i = 0; i < c.allowedHosts.size(); ++i) {
        c.allowedHosts[i] = c.allowedHosts.at(i).trimmed().toLower();
        if (c.allowedHosts.at(i).isEmpty() || c.allowedHosts.at(i).contains(QLatin1Char('/')))
            return QStringLiteral("field 'allowedHosts[%1]' must be a host name").arg(i);
    }
    c.logLevel = c.logLevel.toLower();
    if (c.logLevel == QLatin1String("warn"))
        c.logLevel = QStringLiteral("warning");
    if (!kLogLevels.contains(c.logLevel))
        return QStringLiteral("field 'logLevel' must be one of %1").arg(kLogLevels.join(QLatin1String(", ")));
    c.modelListForm = c.modelListForm.toLower();
    if (c.modelListForm != QLatin1String("rest") && c.modelListForm != QLatin1String("rpc"))
        return QStringLiteral("field 'modelListForm' must be rest or rpc");
    c.secretStore = c.secretStore.toLower();
    if (!kSecretStores.contains(c.secretStore))
        return QStringLiteral("field 'secretStore' must be one of %1").arg(kSecretStores.join(QLatin1String(", ")));

    c.extra = rd.remaining();
    for (auto it = c.extra.constBegin(); it != c.extra.constEnd(); ++it) {
        if (!kKnownUnusedFields.contains(it.key()))
            warnings.append(QStringLiteral("%1: unknown field '%2' ignored").arg(file, it.key()));
    }
    return {};
}

QString envValue(const QProcessEnvironment &env, const char *name)
{
    return env.value(QLatin1String(name)).trimmed();
}

// Environment overrides (empty variables count as unset); returns the first problem or empty.
QString applyEnvironment(const QProcessEnvironment &env, Config &c)
{
    const auto var = [](const char *name) { return QStringLiteral("environment variable %1").arg(QLatin1String(name)); };
    if (const QString v = envValue(env, "HOST"); !v.isEmpty())
        c.host = v;
    if (const QString v = envValue(env, "PORT"); !v.isEmpty()) {
        bool ok = false;
        const int port = v.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return QStringLiteral("%1 must be a port number between 1 and 65535 (got '%2')").arg(var("PORT"), v.left(20));
        c.port = quint16(port);
    }
    if (const QString v = envValue(env, "API_KEY"); !v.isEmpty())
        c.apiKey = v;
    if (const QString v = envValue(env, "ADMIN_API_KEY"); !v.isEmpty())
        c.adminApiKey = v;
    if (const QString v = envValue(env, "REGION"); !v.isEmpty()) {
        if (const QString problem = checkRegion(var("REGION"), v); !problem.isEmpty())
            return problem;
        c.region = v;
    }
    const std::pair<const char *, QString *> bases[] = {{"KIRO_API_BASE_URL", &c.apiBaseUrl},
                                                       {"KIRO_SOCIAL_AUTH_BASE_URL", &c.socialAuthBaseUrl},
                                                       {"KIRO_OIDC_BASE_URL", &c.oidcBaseUrl}};
    for (const auto &[name, field] : bases) {
        if (const QString v = envValue(env, name); !v.isEmpty()) {
            if (const QString problem = checkBase(var(name), v); !problem.isEmpty())
                return problem;
            *field = v;
        }
    }
    if (const QString v = envValue(env, "KIROTRAY_SECRET_STORE").toLower(); !v.isEmpty()) {
        if (!kSecretStores.contains(v))
            return QStringLiteral("%1 must be one of %2").arg(var("KIROTRAY_SECRET_STORE"), kSecretStores.join(QLatin1String(", ")));
        c.secretStore = v;
    }
    if (const QString v = envValue(env, "PROXY_URL"); !v.isEmpty()) {
        if (const QString problem = checkProxy(var("PROXY_URL"), v); !problem.isEmpty())
            return problem;
        c.proxyUrl = v;
    }
    return {};
}

} // namespace

ConfigLoadResult ConfigLoader::parse(const QByteArray &json, const QString &fileNameForMessages)
{
    QString error;
    const QJsonObject object = ConfigFile::parse(json, fileNameForMessages, &error);
    if (!error.isEmpty()) {
        ConfigLoadResult result;
        result.error = error;
        return result;
    }
    return fromObject(object, fileNameForMessages);
}

ConfigLoadResult ConfigLoader::fromObject(const QJsonObject &object, const QString &fileNameForMessages)
{
    ConfigLoadResult result;
    Config config;
    JsonFieldReader reader(object);
    const QString problem = readFields(reader, config, result.warnings, fileNameForMessages);
    if (!problem.isEmpty()) {
        result.error = QStringLiteral("%1: %2").arg(fileNameForMessages, problem);
        result.warnings.clear();
        return result;
    }
    result.config = config;
    return result;
}

ConfigLoadResult ConfigLoader::load(const CommandLineOverrides &cli, const QProcessEnvironment &env)
{
    ConfigLoadResult result;
    const QString cwd = QDir::currentPath();
    const QString envDataDir = envValue(env, "DATA_DIR");
    QString earlyDataDir = !cli.dataDir.isEmpty() ? cli.dataDir : envDataDir;
    if (earlyDataDir.isEmpty())
        earlyDataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    earlyDataDir = earlyDataDir.isEmpty() ? QString() : absolutePath(earlyDataDir, cwd);

    QString configPath;
    if (!cli.configFile.isEmpty()) {
        configPath = absolutePath(cli.configFile, cwd);
        if (!QFileInfo::exists(configPath)) {
            result.error = QStringLiteral("%1: config file not found").arg(configPath);
            return result;
        }
    } else if (!earlyDataDir.isEmpty() && QFileInfo::exists(QDir(earlyDataDir).filePath(QStringLiteral("config.json")))) {
        configPath = QDir(earlyDataDir).filePath(QStringLiteral("config.json"));
    } else if (QFileInfo::exists(QDir(cwd).filePath(QStringLiteral("config.json")))) {
        configPath = QDir(cwd).filePath(QStringLiteral("config.json"));
    }

    Config config;
    if (!configPath.isEmpty()) {
        if (QFileInfo(configPath).isDir()) {
            result.error = QStringLiteral("%1: is a directory, not a config file").arg(configPath);
            return result;
        }
        QString error;
        const QJsonObject object = ConfigFile::read(configPath, &error);
        if (!error.isEmpty()) {
            result.error = error;
            return result;
        }
        ConfigLoadResult parsed = fromObject(object, configPath);
        if (!parsed.config) {
            result.error = parsed.error;
            return result;
        }
        result.warnings = parsed.warnings;
        config = *parsed.config;
        const QString fileDir = QFileInfo(configPath).absolutePath();
        if (!config.dataDir.isEmpty())
            config.dataDir = absolutePath(config.dataDir, fileDir);
        if (!config.credentialsFile.isEmpty())
            config.credentialsFile = absolutePath(config.credentialsFile, fileDir);
    }

    if (const QString problem = applyEnvironment(env, config); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }
    if (!envDataDir.isEmpty())
        config.dataDir = absolutePath(envDataDir, cwd);

    if (!cli.host.trimmed().isEmpty())
        config.host = cli.host.trimmed();
    if (cli.port) {
        if (*cli.port < 1 || *cli.port > 65535) {
            result.error = QStringLiteral("--port must be between 1 and 65535 (got %1)").arg(*cli.port);
            return result;
        }
        config.port = quint16(*cli.port);
    }
    if (!cli.dataDir.isEmpty())
        config.dataDir = absolutePath(cli.dataDir, cwd);
    if (!cli.credentialsFile.isEmpty())
        config.credentialsFile = absolutePath(cli.credentialsFile, cwd);

    if (config.dataDir.isEmpty())
        config.dataDir = earlyDataDir;
    if (config.dataDir.isEmpty()) {
        result.error = QStringLiteral("cannot determine a data directory; set DATA_DIR or pass --data-dir");
        return result;
    }
    if (const QString problem = AtomicFile::ensurePrivateDir(config.dataDir); !problem.isEmpty()) {
        result.error = QStringLiteral("data directory: %1").arg(problem);
        return result;
    }
    if (config.credentialsFile.isEmpty())
        config.credentialsFile = QDir(config.dataDir).filePath(QStringLiteral("credentials.json"));
    config.configFile = configPath.isEmpty() ? QDir(config.dataDir).filePath(QStringLiteral("config.json")) : configPath;
    result.config = config;
    return result;
}

} // namespace kt
