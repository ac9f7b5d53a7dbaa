#include "files/configfilewriter.h"

#include "config/configloader.h"
#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace kt {

QJsonObject ConfigFileWriter::read(const QString &path, QString *error)
{
    error->clear();
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray bytes = file.readAll();
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

QString ConfigFileWriter::merge(const QString &path, const QJsonObject &changes)
{
    QString error;
    QJsonObject object = read(path, &error);
    if (!error.isEmpty())
        return error;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull() || it.value().isUndefined())
            object.remove(it.key());
        else
            object.insert(it.key(), it.value());
    }
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    const ConfigLoadResult check = ConfigLoader::parse(bytes, path);
    if (!check.config)
        return check.error;

    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    FilePrivacy::restrict(file);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace kt
