#include "files/codexconfig.h"

#include "files/tomllines.h"

#include <QDir>
#include <QFile>

namespace kt {

const QString CodexConfig::providerId = QStringLiteral("kirotray");
const QString CodexConfig::envKey = QStringLiteral("KIROTRAY_API_KEY");

namespace {

QString providerTable()
{
    return QStringLiteral("model_providers.") + CodexConfig::providerId;
}

} // namespace

CodexConfig::CodexConfig(const QString &codexHome) : ClientConfigFile(QDir(codexHome).filePath(QStringLiteral("config.toml")))
{
}

QString CodexConfig::defaultHome()
{
    const QString fromEnv = qEnvironmentVariable("CODEX_HOME");
    return fromEnv.isEmpty() ? QDir::home().filePath(QStringLiteral(".codex")) : fromEnv;
}

QString CodexConfig::edit(const QByteArray &before, const QString &baseUrl, const QString &model, QByteArray *after)
{
    TomlLines toml(before);
    const QString table = providerTable();
    const struct { QString table, key, value; } settings[] = {
        {QString(), QStringLiteral("model_provider"), providerId},
        {QString(), QStringLiteral("model"), model},
        {table, QStringLiteral("name"), QStringLiteral("KiroTray")},
        {table, QStringLiteral("base_url"), baseUrl + QStringLiteral("/v1")},
        {table, QStringLiteral("env_key"), envKey},
        {table, QStringLiteral("wire_api"), QStringLiteral("responses")},
    };
    for (const auto &s : settings) {
        if (const QString error = toml.set(s.table, s.key, TomlLines::quoted(s.value)); !error.isEmpty()) {
            after->clear();
            return error;
        }
    }
    *after = toml.text();
    return {};
}

CodexConfig::Plan CodexConfig::plan(const QString &baseUrl, const QString &model) const
{
    const QString file = path();
    return ClientConfigFile::plan([&](const QByteArray &before, QByteArray *after) {
        const QString error = edit(before, baseUrl, model, after);
        return error.isEmpty() ? error : QStringLiteral("%1: %2").arg(file, error);
    });
}

QString CodexConfig::currentModel() const
{
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const TomlLines toml(file.readAll());
    if (TomlLines::unquoted(toml.value(QString(), QStringLiteral("model_provider"))) != providerId)
        return {};
    return TomlLines::unquoted(toml.value(QString(), QStringLiteral("model")));
}

QString CodexConfig::shellExports(const QString &apiKey, Shell shell)
{
    return exports({{envKey, apiKey}}, shell);
}

} // namespace kt
