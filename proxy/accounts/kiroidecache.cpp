#include "accounts/kiroidecache.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace kt {

namespace {

constexpr qint64 MaxFileBytes = 1024 * 1024;

std::variant<QJsonObject, QString> readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    if (file.size() > MaxFileBytes)
        return QStringLiteral("%1 is too large to be a Kiro token file").arg(QDir::toNativeSeparators(path));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return QStringLiteral("%1 is not a JSON object").arg(QDir::toNativeSeparators(path));
    return doc.object();
}

} // namespace

QString KiroIdeCache::directory()
{
    QString home = qEnvironmentVariable("HOME");
    if (home.isEmpty())
        home = qEnvironmentVariable("USERPROFILE");
    if (home.isEmpty())
        home = QDir::homePath();
    return QDir(home).filePath(QStringLiteral(".aws/sso/cache"));
}

QString KiroIdeCache::tokenFilePath()
{
    return QDir(directory()).filePath(QStringLiteral("kiro-auth-token.json"));
}

bool KiroIdeCache::exists()
{
    return QFile::exists(tokenFilePath());
}

std::variant<QByteArray, QString> KiroIdeCache::read()
{
    return read(directory());
}

std::variant<QByteArray, QString> KiroIdeCache::read(const QString &dirPath)
{
    const QDir dir(dirPath);
    const QString tokenPath = dir.filePath(QStringLiteral("kiro-auth-token.json"));
    if (!QFile::exists(tokenPath))
        return QStringLiteral("no Kiro IDE login found on this computer (%1 does not exist)").arg(QDir::toNativeSeparators(tokenPath));
    auto token = readObject(tokenPath);
    if (const QString *error = std::get_if<QString>(&token))
        return *error;
    QJsonObject merged = std::get<QJsonObject>(token);
    // Marks the input as coming from the cache, even for a social login that has no companion file.
    if (!merged.contains(QStringLiteral("clientIdHash")))
        merged.insert(QStringLiteral("clientIdHash"), QString());

    const QString hash = merged.value(QStringLiteral("clientIdHash")).toString();
    const bool needsClient = merged.value(QStringLiteral("clientId")).toString().isEmpty()
        || merged.value(QStringLiteral("clientSecret")).toString().isEmpty();
    static const QRegularExpression safeName(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    if (needsClient && safeName.match(hash).hasMatch()) {
        const QString companionPath = dir.filePath(hash + QStringLiteral(".json"));
        if (QFile::exists(companionPath)) {
            auto companion = readObject(companionPath);
            if (const QString *error = std::get_if<QString>(&companion))
                return *error;
            const QJsonObject client = std::get<QJsonObject>(companion);
            for (const char *key : {"clientId", "clientSecret"}) {
                const QString value = client.value(QLatin1String(key)).toString();
                if (!value.isEmpty())
                    merged.insert(QLatin1String(key), value);
            }
        }
    }
    return QJsonDocument(merged).toJson(QJsonDocument::Compact);
}

} // namespace kt
