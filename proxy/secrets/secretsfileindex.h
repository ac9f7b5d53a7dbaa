#pragma once
// Where each entry of a secrets.json lies, found in one pass over its bytes without building a JSON
// document: a pool of 10,000 accounts reads the first page's secrets at start-up without parsing
// every other secret first. Only the values read are parsed (FileSecretStore::readMany).
#include <QByteArray>
#include <QHash>
#include <QJsonValue>

#include <optional>

namespace kt {

class SecretsFileIndex
{
public:
    // False when the text is not a plain {"version": 1, "secrets": {...}} object (a key with an
    // escape, an unexpected shape or version): the caller then parses it in full, which says why.
    bool build(const QByteArray &data);
    void clear();
    // nullopt: no such key; an undefined value: the entry is not valid JSON.
    std::optional<QJsonValue> value(const QByteArray &key) const;

private:
    struct Span {
        qsizetype begin = 0;
        qsizetype size = 0;
    };

    QByteArray m_data;
    QHash<QByteArray, Span> m_entries;
};

} // namespace kt
