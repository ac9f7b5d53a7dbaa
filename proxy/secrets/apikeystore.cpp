#include "secrets/apikeystore.h"

#include "util/atomicfile.h"
#include "secrets/secretstore.h"
#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace kt {

namespace {

struct LegacyKey {
    QString key;     // empty: no usable file
    QString error;
};

// <dataDir>/api-key as the versions before the secret store kept it: one line.
LegacyKey readKeyFile(const QString &path)
{
    LegacyKey result;
    QFile file(path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    const QString stored = QString::fromUtf8(file.read(4096)).trimmed();
    file.close();
    if (stored.contains(QLatin1Char('\n')))
        result.error = QStringLiteral("%1: expected one line holding the key").arg(path);
    else
        result.key = stored;
    return result;
}

ApiKeyStore::Result resolveWithFile(Config &config, const QString &path)
{
    ApiKeyStore::Result result;
    const LegacyKey existing = readKeyFile(path);
    if (!existing.error.isEmpty()) {
        result.error = existing.error;
        return result;
    }
    if (!existing.key.isEmpty()) {
        // A copy restored from a backup may have lost its mode; the key is a secret.
        if (!AtomicFile::isPrivate(path))
            FilePrivacy::restrict(path);
        config.apiKey = existing.key;
        result.key = existing.key;
        return result;
    }
    const QString key = ApiKeyStore::generate();
    result.error = AtomicFile::writePrivate(path, key.toLatin1() + '\n');
    if (!result.error.isEmpty())
        return result;
    config.apiKey = key;
    result.key = key;
    result.generated = true;
    return result;
}

} // namespace

QString ApiKeyStore::generate()
{
    quint32 words[9];  // 36 bytes = exactly 48 base64 characters, no padding
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), sizeof(words));
    return QStringLiteral("kt-")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString ApiKeyStore::keyFilePath(const Config &config)
{
    return QDir(config.dataDir).filePath(QStringLiteral("api-key"));
}

ApiKeyStore::Result ApiKeyStore::resolve(Config &config, SecretStore *secrets)
{
    Result result;
    if (!config.apiKey.isEmpty()) {
        result.key = config.apiKey;
        return result;
    }
    if (config.dataDir.isEmpty()) {
        result.error = QStringLiteral("no data directory to keep the generated API key in");
        return result;
    }
    const QString path = keyFilePath(config);
    if (!secrets)
        return resolveWithFile(config, path);

    const QString secretKey = QLatin1String(kSecretKey);
    QString problem;
    const std::optional<QByteArray> stored = secrets->read(secretKey, &problem);
    if (!problem.isEmpty()) {
        result.error = QStringLiteral("reading the API key from the %1 secret store: %2").arg(secrets->backend(), problem);
        return result;
    }
    if (stored && !stored->trimmed().isEmpty()) {
        const QString key = QString::fromUtf8(stored->trimmed());
        if (QFileInfo::exists(path))
            QFile::remove(path);   // a leftover of an interrupted move: the store's copy wins
        config.apiKey = key;
        result.key = key;
        return result;
    }

    // One-time move of the key file older versions wrote: the key keeps working, the file goes.
    const LegacyKey legacy = readKeyFile(path);
    if (!legacy.error.isEmpty()) {
        result.error = legacy.error;
        return result;
    }
    const bool generated = legacy.key.isEmpty();
    const QString key = generated ? generate() : legacy.key;
    if (!secrets->write(secretKey, key.toUtf8(), &problem)) {
        result.error = QStringLiteral("storing the API key in the %1 secret store: %2").arg(secrets->backend(), problem);
        return result;
    }
    if (!generated)
        QFile::remove(path);   // if this fails, the next start removes it (the store's copy wins)
    config.apiKey = key;
    result.key = key;
    result.generated = generated;
    return result;
}

} // namespace kt
