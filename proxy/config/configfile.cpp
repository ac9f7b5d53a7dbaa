#include "config/configfile.h"

#include "config/configloader.h"
#include "util/atomicfile.h"

#include <QFile>
#include <QJsonDocument>

namespace kt {

namespace {

// The file's bytes (empty when it does not exist); error set when it exists but cannot be read.
QByteArray readBytes(const QString &path, QString *error)
{
    error->clear();
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace

QJsonObject ConfigFile::read(const QString &path, QString *error)
{
    const QByteArray bytes = readBytes(path, error);
    return error->isEmpty() ? parse(bytes, path, error) : QJsonObject();
}

QJsonObject ConfigFile::parse(const QByteArray &bytes, const QString &path, QString *error)
{
    error->clear();
    if (bytes.trimmed().isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(parseError.offset).arg(parseError.errorString());
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: expected a JSON object at the top level").arg(path);
        return {};
    }
    return doc.object();
}

ConfigFile::Result ConfigFile::merge(const QString &path, const QJsonObject &changes)
{
    QString error;
    const QByteArray old = readBytes(path, &error);
    if (!error.isEmpty())
        return {Outcome::Failed, error};
    QJsonObject object = parse(old, path, &error);
    if (!error.isEmpty())
        return {Outcome::Refused, error};
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull() || it.value().isUndefined())
            object.remove(it.key());
        else
            object.insert(it.key(), it.value());
    }
    const ConfigLoadResult check = ConfigLoader::fromObject(object, path);
    if (!check.config)
        return {Outcome::Refused, check.error};
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    if (const QString failure = AtomicFile::writePrivate(path, bytes); !failure.isEmpty())
        return {Outcome::Failed, failure};
    return {};
}

} // namespace kt
