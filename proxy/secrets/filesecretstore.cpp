#include "secrets/filesecretstore.h"

#include "util/atomicfile.h"
#include "util/fileprivacy.h"
#include "util/jsontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace kt {

namespace {

// {"version":1,"secrets":{"<key>":"<value>" | {"base64":"..."}}}: text values stay readable for a
// user restoring a backup; anything that is not UTF-8 is kept as base64.
constexpr int kFormatVersion = 1;

QJsonValue encodeValue(const QByteArray &value)
{
    const QString text = QString::fromUtf8(value);
    if (text.toUtf8() == value)
        return text;
    return QJsonObject{{QLatin1String("base64"), QString::fromLatin1(value.toBase64())}};
}

std::optional<QByteArray> decodeValue(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().toUtf8();
    const QJsonValue b64 = v.toObject().value(QLatin1String("base64"));
    if (!b64.isString())
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(b64.toString().toLatin1());
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

// "version" first, then the entries by key length and then bytes, so "account/<id>" by id: the order in
// which the pool reads them at start-up, which then reads only the start of the file (SecretsFileIndex).
// Indented as QJsonDocument::Indented, each entry on its own line; any order reads the same.
QByteArray fileText(const QJsonObject &entries)
{
    QStringList keys = entries.keys();
    std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    QByteArray text = QByteArrayLiteral("{\n    \"version\": ") + QByteArray::number(kFormatVersion) + ",\n    \"secrets\": {";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        text += i == 0 ? "\n        " : ",\n        ";
        appendJsonString(text, keys.at(i));
        text += ": ";
        const QJsonValue v = entries.value(keys.at(i));
        if (v.isString()) {
            appendJsonString(text, v.toString());
        } else {   // {"base64": ...}, or whatever a hand edit put there (kept as it is)
            QByteArray one;
            appendCompactJson(one, QJsonArray{v});
            text.append(one.constData() + 1, one.size() - 2);
        }
    }
    text += keys.isEmpty() ? "}\n}\n" : "\n    }\n}\n";
    return text;
}

} // namespace

FileSecretStore::FileSecretStore(const QString &dataDir) : m_path(filePath(dataDir)) {}

QString FileSecretStore::filePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("secrets.json"));
}

// Every save replaces the file (a new inode), so a change by another writer shows here, and so does a chmod.
QByteArray FileSecretStore::fileStamp() const
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        return {};
    return QByteArray::number(qulonglong(st.st_ino)) + ' ' + QByteArray::number(qlonglong(st.st_size)) + ' '
        + QByteArray::number(qlonglong(st.st_mtim.tv_sec)) + '.' + QByteArray::number(qlonglong(st.st_mtim.tv_nsec)) + ' '
        + QByteArray::number(uint(st.st_mode));   // a widened mode is tightened by the next read
#else
    const QFileInfo info(m_path);
    if (!info.exists())
        return {};
    return QByteArray::number(info.size()) + ' ' + QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + ' '
        + QByteArray::number(int(info.permissions()));
#endif
}

bool FileSecretStore::load(QJsonObject *entries, QString *error)
{
    const QByteArray stamp = fileStamp();
    if (!stamp.isEmpty() && stamp == m_cacheStamp) {
        *entries = m_cache;
        return true;
    }
    m_cacheStamp.clear();
    *entries = {};
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    const QByteArray data = file.readAll();
    file.close();
    // A copy restored from a backup may have lost its mode.
    if (!AtomicFile::isPrivate(m_path))
        FilePrivacy::restrict(m_path);
    if (data.trimmed().isEmpty())
        return true;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    const QJsonObject root = doc.object();
    // Only the offset is reported: the content is secret.
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1 is not valid JSON (offset %2); fix or remove it").arg(m_path).arg(parseError.offset);
        return false;
    }
    if (root.value(QLatin1String("version")).toInt() != kFormatVersion || !root.value(QLatin1String("secrets")).isObject()) {
        if (error)
            *error = QStringLiteral("%1 is not a KiroTray secrets file (version %2 expected)").arg(m_path).arg(kFormatVersion);
        return false;
    }
    *entries = root.value(QLatin1String("secrets")).toObject();
    m_cache = *entries;
    m_cacheStamp = stamp;
    m_index.clear();
    m_indexStamp.clear();
    return true;
}

// False when the file cannot be read or indexed: load() then reads it and says why.
bool FileSecretStore::index(const QByteArray &stamp)
{
    m_indexStamp.clear();
    if (!m_index.open(m_path))
        return false;
    if (AtomicFile::isPrivate(m_path))
        m_indexStamp = stamp;
    else
        FilePrivacy::restrict(m_path);   // its mode is part of the stamp: read once more next time
    return true;
}

bool FileSecretStore::save(const QJsonObject &entries, QString *error)
{
    m_cacheStamp.clear();
    m_index.clear();
    m_indexStamp.clear();
    const QString problem = AtomicFile::writePrivate(m_path, fileText(entries));
    if (problem.isEmpty()) {
        m_cache = entries;
        m_cacheStamp = fileStamp();
        return true;
    }
    if (error)
        *error = problem;
    return false;
}

std::optional<QByteArray> FileSecretStore::read(const QString &key, QString *error)
{
    if (error)
        error->clear();
    QHash<QString, QString> errors;
    std::optional<QByteArray> value = readMany({key}, &errors).value(0);
    if (error)
        *error = errors.value(key);
    return value;
}

QList<std::optional<QByteArray>> FileSecretStore::readMany(const QStringList &keys, QHash<QString, QString> *errors)
{
    QList<std::optional<QByteArray>> values(keys.size());
    QStringList malformed;
    const auto answer = [&]() {
        for (const QString &key : std::as_const(malformed))
            if (errors)
                errors->insert(key, QStringLiteral("%1: entry '%2' is malformed").arg(m_path, key));
        return values;
    };
    if (const QByteArray stamp = fileStamp(); !stamp.isEmpty() && stamp != m_cacheStamp && (stamp == m_indexStamp || index(stamp))) {
        for (qsizetype i = 0; i < keys.size() && !m_index.failed(); ++i) {
            const std::optional<QJsonValue> v = m_index.value(keys.at(i).toUtf8());
            if (!v)
                continue;
            values[i] = v->isUndefined() ? std::nullopt : decodeValue(*v);
            if (!values.at(i))
                malformed.append(keys.at(i));
        }
        if (!m_index.failed())
            return answer();
        // Past the entries read so far the file is not what the index reads: parsed in full, which says why.
        m_index.clear();
        m_indexStamp.clear();
        values = QList<std::optional<QByteArray>>(keys.size());
        malformed.clear();
    }
    QJsonObject entries;
    QString error;
    if (!load(&entries, &error)) {
        for (const QString &key : keys)
            if (errors)
                errors->insert(key, error);
        return values;
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QJsonValue v = entries.value(keys.at(i));
        if (v.isUndefined())
            continue;
        values[i] = decodeValue(v);
        if (!values.at(i))
            malformed.append(keys.at(i));
    }
    return answer();
}

bool FileSecretStore::write(const QString &key, const QByteArray &value, QString *error)
{
    return writeMany({{key, value}}, error).isEmpty();
}

QStringList FileSecretStore::writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error)
{
    QJsonObject stored;
    if (load(&stored, error)) {
        QVariantMap all = stored.toVariantMap();   // one sort at the end instead of a shift per insert
        for (const auto &[key, value] : entries)
            all.insert(key, encodeValue(value).toVariant());
        if (save(QJsonObject::fromVariantMap(all), error))
            return {};
    }
    QStringList keys;
    keys.reserve(entries.size());
    for (const auto &entry : entries)
        keys.append(entry.first);
    return keys;
}

bool FileSecretStore::remove(const QString &key, QString *error)
{
    return removeMany({key}, error).isEmpty();
}

QStringList FileSecretStore::removeMany(const QStringList &keys, QString *error)
{
    QJsonObject entries;
    if (load(&entries, error)) {
        const qsizetype before = entries.size();
        for (const QString &key : keys)
            entries.remove(key);
        if (entries.size() == before || save(entries, error))
            return {};
    }
    return keys;
}

QStringList FileSecretStore::keys(QString *error)
{
    if (error)
        error->clear();
    QJsonObject entries;
    if (!load(&entries, error))
        return {};
    return entries.keys();
}

} // namespace kt
