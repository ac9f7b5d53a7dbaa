#include "claudecodesettings.h"

#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace kt {

namespace {

const QString kBaseUrl = QStringLiteral("ANTHROPIC_BASE_URL");
const QString kApiKey = QStringLiteral("ANTHROPIC_API_KEY");

QString writeAtomically(const QString &path, const QByteArray &data, bool privateIfNew)
{
    const bool existed = QFileInfo::exists(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    if (!existed && privateIfNew)
        FilePrivacy::restrict(file);
    if (file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

ClaudeCodeSettings::ClaudeCodeSettings(const QString &homeDir) : m_home(homeDir)
{
}

QString ClaudeCodeSettings::settingsPath() const
{
    return QDir(m_home).filePath(QStringLiteral(".claude/settings.json"));
}

QString ClaudeCodeSettings::backupPath() const
{
    return settingsPath() + QStringLiteral(".kirotray-backup");
}

QString ClaudeCodeSettings::createdMarkerPath() const
{
    return settingsPath() + QStringLiteral(".kirotray-created");
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
    Plan p;
    QJsonObject settings;
    QFile file(settingsPath());
    p.fileExisted = file.exists();
    if (p.fileExisted) {
        if (!file.open(QIODevice::ReadOnly)) {
            p.error = QStringLiteral("%1: %2").arg(settingsPath(), file.errorString());
            return p;
        }
        p.before = file.readAll();
        if (!p.before.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(p.before, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                p.error = QStringLiteral("%1 is not valid JSON (offset %2: %3)")
                              .arg(settingsPath()).arg(parseError.offset).arg(parseError.errorString());
                return p;
            }
            if (!doc.isObject()) {
                p.error = QStringLiteral("%1 does not hold a JSON object").arg(settingsPath());
                return p;
            }
            settings = doc.object();
        }
        if (settings.contains(QLatin1String("env")) && !settings.value(QLatin1String("env")).isObject()) {
            p.error = QStringLiteral("%1: \"env\" is not an object").arg(settingsPath());
            return p;
        }
    }
    const QJsonObject next = merged(settings, baseUrl, apiKey);
    // Unchanged content keeps its bytes, so that a second run reports "already configured".
    p.after = next == settings && p.fileExisted ? p.before : QJsonDocument(next).toJson(QJsonDocument::Indented);
    return p;
}

QString ClaudeCodeSettings::apply(const Plan &plan) const
{
    if (!plan.error.isEmpty())
        return plan.error;
    if (!plan.changes())
        return {};
    const QString dir = QFileInfo(settingsPath()).absolutePath();
    if (!QDir().mkpath(dir))
        return QStringLiteral("%1: cannot create the folder").arg(dir);
    if (!canUndo()) {
        const QString error = plan.fileExisted ? writeAtomically(backupPath(), plan.before, true)
                                               : writeAtomically(createdMarkerPath(), QByteArray(), true);
        if (!error.isEmpty())
            return error;
    }
    return writeAtomically(settingsPath(), plan.after, true);
}

bool ClaudeCodeSettings::canUndo() const
{
    return QFileInfo::exists(backupPath()) || QFileInfo::exists(createdMarkerPath());
}

QString ClaudeCodeSettings::undo() const
{
    if (QFileInfo::exists(backupPath())) {
        QFile backup(backupPath());
        if (!backup.open(QIODevice::ReadOnly))
            return QStringLiteral("%1: %2").arg(backupPath(), backup.errorString());
        const QByteArray original = backup.readAll();
        backup.close();
        if (const QString error = writeAtomically(settingsPath(), original, true); !error.isEmpty())
            return error;
        QFile::remove(backupPath());
        return {};
    }
    if (QFileInfo::exists(createdMarkerPath())) {
        if (QFileInfo::exists(settingsPath()) && !QFile::remove(settingsPath()))
            return QStringLiteral("%1: cannot remove the file").arg(settingsPath());
        QFile::remove(createdMarkerPath());
        return {};
    }
    return QStringLiteral("there is nothing to undo");
}

QString ClaudeCodeSettings::shellExports(const QString &baseUrl, const QString &apiKey, Shell shell)
{
    if (shell == Shell::PowerShell)
        return QStringLiteral("$env:%1 = \"%2\"\r\n$env:%3 = \"%4\"\r\n").arg(kBaseUrl, baseUrl, kApiKey, apiKey);
    return QStringLiteral("export %1='%2'\nexport %3='%4'\n").arg(kBaseUrl, baseUrl, kApiKey, apiKey);
}

} // namespace kt
