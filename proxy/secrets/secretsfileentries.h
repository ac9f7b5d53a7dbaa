#pragma once
// The entries of secrets.json as the file holds them: each value kept as its JSON text, in the
// file's order (key length, then bytes). Writing one entry back re-encodes that entry only, so a
// token refresh at 10,000 accounts costs a copy of the file's text, not a re-encoding of all of it.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace kt {

class SecretsFileEntries
{
public:
    SecretsFileEntries() = default;
    explicit SecretsFileEntries(const QJsonObject &secrets);   // the "secrets" object of a parsed file

    void insert(const QString &key, const QJsonValue &value);
    bool remove(const QString &key);   // false: there was no such key

    std::optional<QJsonValue> value(const QString &key) const;   // nullopt: no such key
    QStringList keys() const;   // in the file's order
    qsizetype size() const { return qsizetype(m_values.size()); }

    // {"version": <version>, "secrets": {...}}, indented as QJsonDocument::Indented, each entry on its own line.
    QByteArray fileText(int version) const;

private:
    // "account/<id>" by id: the order in which the pool reads them at start-up, so that it reads
    // only the start of the file (SecretsFileIndex).
    struct FileOrder {
        bool operator()(const QString &a, const QString &b) const { return a.size() != b.size() ? a.size() < b.size() : a < b; }
    };
    std::map<QString, QByteArray, FileOrder> m_values;   // key -> the value's JSON text
    qsizetype m_textBytes = 0;   // about the length of fileText(), to allocate it at once
};

} // namespace kt
