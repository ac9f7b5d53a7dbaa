#include "secrets/filesecretstore.h"

#include "util/atomicfile.h"
#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

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

bool FileSecretStore::load(QString *error)
{
    const QByteArray stamp = fileStamp();
    if (!stamp.isEmpty() && stamp == m_cacheStamp)
        return true;
    m_cacheStamp.clear();
    m_cache = {};
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
    m_cache = SecretsFileEntries(root.value(QLatin1String("secrets")).toObject());
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

// On failure m_cache has changes the file has not: the next load() reads the file again.
bool FileSecretStore::save(QString *error)
{
    m_cacheStamp.clear();
    m_index.clear();
    m_indexStamp.clear();
    const QString problem = AtomicFile::writePrivate(m_path, m_cache.fileText(kFormatVersion));
    if (problem.isEmpty()) {
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
    QString error;
    if (!load(&error)) {
        for (const QString &key : keys)
            if (errors)
                errors->insert(key, error);
        return values;
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const std::optional<QJsonValue> v = m_cache.value(keys.at(i));
        if (!v)
            continue;
        values[i] = decodeValue(*v);
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
    if (load(error)) {
        for (const auto &[key, value] : entries)
            m_cache.insert(key, encodeValue(value));
        if (save(error))
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
    if (load(error)) {
        bool removed = false;
        for (const QString &key : keys)
            removed = m_cache.remove(key) || removed;
        if (!removed || save(error))
            return {};
    }
    return keys;
}

QStringList FileSecretStore::keys(QString *error)
{
    if (error)
        error->clear();
    if (!load(error))
        return {};
    return m_cache.keys();
}

} // namespace kt
