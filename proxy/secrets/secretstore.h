#pragma once
// Where secrets live (tokens, client secrets, the proxy API key), away from SQLite and logs.
// Keys: "account/<id>" (AccountSecrets JSON) and "api-key". Synchronous; call it from the proxy thread only.
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace kt {

class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual QString backend() const = 0;   // "keychain" | "file"
    // nullopt with an empty error: no such key. nullopt with an error: the store could not answer.
    virtual std::optional<QByteArray> read(const QString &key, QString *error) = 0;
    virtual bool write(const QString &key, const QByteArray &value, QString *error) = 0;
    // Many keys at once (the pool's start-up): a value or nullopt per key, in order; *errors (when given)
    // holds, by key, why one could not be read. This one reads them one by one; the file store reads
    // itself once.
    virtual QList<std::optional<QByteArray>> readMany(const QStringList &keys, QHash<QString, QString> *errors)
    {
        QList<std::optional<QByteArray>> values;
        values.reserve(keys.size());
        for (const QString &key : keys) {
            QString problem;
            values.append(read(key, &problem));
            if (!problem.isEmpty() && errors)
                errors->insert(key, problem);
        }
        return values;
    }
    // Many entries at once (an import of many accounts): returns the keys that were not written (empty
    // when all were) and *error says why. This one writes them one by one; a store whose write costs
    // the size of the store (a file) writes them together.
    virtual QStringList writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error)
    {
        QStringList failed;
        for (const auto &[key, value] : entries) {
            QString problem;
            if (!write(key, value, &problem)) {
                failed.append(key);
                if (error && failed.size() == 1)
                    *error = problem;
            }
        }
        return failed;
    }
    // Removing a missing key succeeds.
    virtual bool remove(const QString &key, QString *error) = 0;
    // Many keys at once, like writeMany: returns the keys that were not removed and *error says why.
    virtual QStringList removeMany(const QStringList &keys, QString *error)
    {
        QStringList failed;
        for (const QString &key : keys) {
            QString problem;
            if (!remove(key, &problem)) {
                failed.append(key);
                if (error && failed.size() == 1)
                    *error = problem;
            }
        }
        return failed;
    }
};

} // namespace kt
