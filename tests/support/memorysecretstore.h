#pragma once
// A secret store in memory for the pool and core suites: it counts the calls and can refuse keys,
// as a keychain may refuse one entry.
#include "secrets/secretstore.h"

#include <QHash>
#include <functional>
#include <QList>
#include <QSet>

namespace kt::test {

class MemorySecretStore : public SecretStore
{
public:
    QString backend() const override { return QStringLiteral("memory"); }
    std::optional<QByteArray> read(const QString &key, QString *error) override;
    bool write(const QString &key, const QByteArray &value, QString *error) override;
    QStringList writeMany(const QList<std::pair<QString, QByteArray>> &batch, QString *error) override;
    bool remove(const QString &key, QString *error) override;

    QHash<QString, QByteArray> entries;
    QSet<QString> refused;   // write() refuses these keys
    int writes = 0;          // write() calls, refused ones too
    int batches = 0;         // writeMany() calls
    QList<int> batchSizes;
    std::function<void()> duringWriteMany;   // called by writeMany() before it writes
};

} // namespace kt::test
