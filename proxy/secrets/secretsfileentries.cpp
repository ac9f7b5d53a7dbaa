#include "secrets/secretsfileentries.h"

#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt {

namespace {

QByteArray valueText(const QJsonValue &value)
{
    QByteArray text;
    if (value.isString()) {
        appendJsonString(text, value.toString());
    } else {   // {"base64": ...}, or whatever a hand edit put there (kept as it is)
        appendCompactJson(text, QJsonArray{value});
        text = text.mid(1, text.size() - 2);
    }
    return text;
}

qsizetype entryBytes(const QString &key, const QByteArray &text)
{
    return key.size() + text.size() + 16;
}

} // namespace

SecretsFileEntries::SecretsFileEntries(const QJsonObject &secrets)
{
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
        insert(it.key(), it.value());
}

void SecretsFileEntries::insert(const QString &key, const QJsonValue &value)
{
    QByteArray text = valueText(value);
    m_textBytes += entryBytes(key, text);
    const auto [it, added] = m_values.try_emplace(key);
    if (!added)
        m_textBytes -= entryBytes(key, it->second);
    it->second = std::move(text);
}

bool SecretsFileEntries::remove(const QString &key)
{
    const auto it = m_values.find(key);
    if (it == m_values.end())
        return false;
    m_textBytes -= entryBytes(key, it->second);
    m_values.erase(it);
    return true;
}

std::optional<QJsonValue> SecretsFileEntries::value(const QString &key) const
{
    const auto it = m_values.find(key);
    if (it == m_values.end())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + it->second + ']');
    return doc.array().at(0);
}

QStringList SecretsFileEntries::keys() const
{
    QStringList keys;
    keys.reserve(size());
    for (const auto &entry : m_values)
        keys.append(entry.first);
    return keys;
}

QByteArray SecretsFileEntries::fileText(int version) const
{
    QByteArray text;
    text.reserve(m_textBytes + 64);
    text += QByteArrayLiteral("{\n    \"version\": ") + QByteArray::number(version) + ",\n    \"secrets\": {";
    bool first = true;
    for (const auto &[key, value] : m_values) {
        text += first ? "\n        " : ",\n        ";
        first = false;
        appendJsonString(text, key);
        text += ": ";
        text += value;
    }
    text += m_values.empty() ? "}\n}\n" : "\n    }\n}\n";
    return text;
}

} // namespace kt
