#include "config/apikeystore.h"

#include "accounts/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace kt {

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

ApiKeyStore::Result ApiKeyStore::resolve(Config &config)
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
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return result;
        }
        const QString stored = QString::fromUtf8(file.read(4096)).trimmed();
        file.close();
        if (stored.contains(QLatin1Char('\n'))) {
            result.error = QStringLiteral("%1: expected one line holding the key").arg(path);
            return result;
        }
        if (!stored.isEmpty()) {
            // A copy restored from a backup may have lost its mode; the key is a secret.
            if (!AtomicFile::isPrivate(path))
                QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            config.apiKey = stored;
            result.key = stored;
            return result;
        }
    }
    const QString key = generate();
    result.error = AtomicFile::writePrivate(path, key.toLatin1() + '\n');
    if (!result.error.isEmpty())
        return result;
    config.apiKey = key;
    result.key = key;
    result.generated = true;
    return result;
}

} // namespace kt
