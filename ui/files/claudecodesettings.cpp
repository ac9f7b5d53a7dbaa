#include "files/claudecodesettings.h"

#include <QDir>
#include <QJsonDocument>

namespace kt {

namespace {

const QString kBaseUrl = QStringLiteral("ANTHROPIC_BASE_URL");
const QString kApiKey = QStringLiteral("ANTHROPIC_API_KEY");

} // namespace

ClaudeCodeSettings::ClaudeCodeSettings(const QString &homeDir)
    : ClientConfigFile(QDir(homeDir).filePath(QStringLiteral(".claude/settings.json")))
{
}

QJsonObject ClaudeCodeSettings::merged(const QJsonObject &settings, const QString &baseUrl, const QString &apiKey)
{
    QJsonObject out = settings;
    QJsonObject env = out.value(QLatin1String("env")).toObject();
    env.insert(kBaseUrl, baseUrl);
    env.insert(kApiKey, apiKey);
    out.insert(QLatin1String("env"), env);
    return out;
}

ClaudeCodeSettings::Plan ClaudeCodeSettings::plan(const QString &baseUrl, const QString &apiKey) const
{
    const QString file = path();
    return ClientConfigFile::plan([&](const QByteArray &before, QByteArray *after) -> QString {
        QJsonObject settings;
        if (!before.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(before, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return QStringLiteral("%1 is not valid JSON (offset %2: %3)").arg(file).arg(parseError.offset).arg(parseError.errorString());
            if (!doc.isObject())
                return QStringLiteral("%1 does not hold a JSON object").arg(file);
            settings = doc.object();
        }
        if (settings.contains(QLatin1String("env")) && !settings.value(QLatin1String("env")).isObject())
            return QStringLiteral("%1: \"env\" is not an object").arg(file);
        const QJsonObject next = merged(settings, baseUrl, apiKey);
        // Unchanged content keeps its bytes, so that a second run reports "already configured".
        *after = next == settings && !before.isEmpty() ? before : QJsonDocument(next).toJson(QJsonDocument::Indented);
        return {};
    });
}

QString ClaudeCodeSettings::shellExports(const QString &baseUrl, const QString &apiKey, Shell shell)
{
    return exports({{kBaseUrl, baseUrl}, {kApiKey, apiKey}}, shell);
}

} // namespace kt
