#include "accounts/credentialsfile.h"

#include "util/atomicfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace kt {

CredentialsFile::LoadResult CredentialsFile::load(const QString &path)
{
    LoadResult result;
    if (!QFileInfo::exists(path)) {
        result.wasArray = true;
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return result;
    }
    result = parse(file.readAll(), path);
    if (result.error.isEmpty() && !AtomicFile::isPrivate(path))
        result.warnings.append(QStringLiteral("%1: readable by other users; it holds secrets, restrict it to mode 600").arg(path));
    return result;
}

CredentialsFile::LoadResult CredentialsFile::parse(const QByteArray &json, const QString &nameForMessages)
{
    LoadResult result;
    if (json.trimmed().isEmpty()) {
        result.wasArray = true;
        result.warnings.append(QStringLiteral("%1: empty file, no accounts").arg(nameForMessages));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1: invalid JSON at offset %2: %3")
                           .arg(nameForMessages).arg(parseError.offset).arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject() && !doc.isArray()) {
        result.error = QStringLiteral("%1: expected an object or an array of objects").arg(nameForMessages);
        return result;
    }

    result.wasArray = doc.isArray();
    const QJsonArray entries = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    const auto prefix = [&](qsizetype index) {
        return result.wasArray ? QStringLiteral("%1: entry %2: ").arg(nameForMessages).arg(index + 1)
                               : nameForMessages + QStringLiteral(": ");
    };
    QList<Credential> creds;
    QHash<qint64, qsizetype> entryById;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject()) {
            result.error = prefix(i) + QStringLiteral("expected an object");
            return result;
        }
        auto parsed = Credential::fromJson(entries.at(i).toObject());
        if (const QString *problem = std::get_if<QString>(&parsed)) {
            result.error = prefix(i) + *problem;
            return result;
        }
        const Credential &c = std::get<Credential>(parsed);
        if (c.id > 0) {
            if (entryById.contains(c.id)) {
                result.error = prefix(i) + QStringLiteral("field 'id' repeats the id %1 of entry %2")
                                               .arg(c.id).arg(entryById.value(c.id) + 1);
                return result;
            }
            entryById.insert(c.id, i);
        }
        creds.append(c);
    }

    qint64 nextId = 1;
    for (Credential &c : creds) {
        if (c.id > 0)
            continue;
        while (entryById.contains(nextId))
            ++nextId;
        c.id = nextId;
        entryById.insert(nextId, -1);
    }
    std::stable_sort(creds.begin(), creds.end(),
                     [](const Credential &a, const Credential &b) { return a.priority < b.priority; });
    result.credentials = creds;
    return result;
}

std::optional<Credential> CredentialsFile::fromEnvironment(const QProcessEnvironment &env, QString *error)
{
    const QString refreshToken = env.value(QStringLiteral("REFRESH_TOKEN")).trimmed();
    if (refreshToken.isEmpty())
        return std::nullopt;
    QJsonObject o{{QStringLiteral("refreshToken"), refreshToken}, {QStringLiteral("id"), 1}};
    const std::pair<const char *, const char *> mapping[] = {
        {"AUTH_METHOD", "authMethod"}, {"CLIENT_ID", "clientId"}, {"CLIENT_SECRET", "clientSecret"}, {"REGION", "region"}};
    for (const auto &[variable, field] : mapping) {
        const QString value = env.value(QLatin1String(variable)).trimmed();
        if (!value.isEmpty())
            o.insert(QLatin1String(field), value);
    }
    auto parsed = Credential::fromJson(o);
    if (const QString *problem = std::get_if<QString>(&parsed)) {
        if (error) {
            // Name the environment variable, not the JSON field the user never wrote.
            QString message = *problem;
            for (const auto &[variable, field] : mapping)
                message.replace(QStringLiteral("field '%1'").arg(QLatin1String(field)),
                                QStringLiteral("environment variable %1").arg(QLatin1String(variable)));
            *error = message;
        }
        return std::nullopt;
    }
    return std::get<Credential>(parsed);
}

QString CredentialsFile::save(const QString &path, const QList<Credential> &creds, bool asArray)
{
    QJsonDocument doc;
    if (asArray) {
        QJsonArray array;
        for (const Credential &c : creds)
            array.append(c.toJson());
        doc.setArray(array);
    } else {
        if (creds.size() != 1)
            return QStringLiteral("%1: cannot save %2 accounts as a single object").arg(path).arg(creds.size());
        doc.setObject(creds.first().toJson());
    }
    return AtomicFile::writePrivate(path, doc.toJson(QJsonDocument::Indented));
}

} // namespace kt
