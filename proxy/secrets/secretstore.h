#pragma once
// Where secrets live (tokens, client secrets, the proxy API key), away from SQLite and logs.
// Keys: "account/<id>" (AccountSecrets JSON) and "api-key". Synchronous; call it from the proxy thread only.
#include <QByteArray>
#include <QString>

#include <optional>

namespace kt {

class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual QString backend() const = 0;   // "keychain" | "file"
    // nullopt with an empty error: no such key. nullopt with an error: the store could not answer.
    virtual std::optional<QByteArray> read(const QString &key, QString *error) = 0;
    virtual bool write(const QString &key, const QByteArray &value, QString *error) = 0;
    // Removing a missing key succeeds.
    virtual bool remove(const QString &key, QString *error) = 0;
};

} // namespace kt
