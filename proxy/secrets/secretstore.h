#pragma once
// Where secrets live (tokens, client secrets, the proxy API key), away from SQLite and logs.
// Keys: "account/<id>" (AccountSecrets JSON) and "api-key". Synchronous; call it from the proxy thread only.
#include <QByteArray>
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
};

} // namespace kt
