#include "memorysecretstore.h"

namespace kt::test {

std::optional<QByteArray> MemorySecretStore::read(const QString &key, QString *error)
{
    if (error)
        error->clear();
    const auto it = entries.constFind(key);
    return it == entries.cend() ? std::nullopt : std::optional<QByteArray>(*it);
}

bool MemorySecretStore::write(const QString &key, const QByteArray &value, QString *error)
{
    ++writes;
    if (refused.contains(key)) {
        if (error)
            *error = QStringLiteral("refused by the test");
        return false;
    }
    entries.insert(key, value);
    return true;
}

QStringList MemorySecretStore::writeMany(const QList<std::pair<QString, QByteArray>> &batch, QString *error)
{
    ++batches;
    batchSizes.append(int(batch.size()));
    if (duringWriteMany)
        duringWriteMany();
    return SecretStore::writeMany(batch, error);
}

bool MemorySecretStore::remove(const QString &key, QString *error)
{
    if (error)
        error->clear();
    entries.remove(key);
    return true;
}

} // namespace kt::test
