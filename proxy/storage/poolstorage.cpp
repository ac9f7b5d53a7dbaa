#include "storage/poolstorage.h"

#include "accounts/accountsecrets.h"
#include "secrets/secretstore.h"
#include "storage/accountrepository.h"

#include <utility>

namespace kt {

PoolStorage::PoolStorage(AccountRepository *repository, SecretStore *secrets)
    : m_repository(repository), m_secrets(secrets)
{
}

QList<Account> PoolStorage::loadPage(qint64 afterId, int limit, QStringList *warnings, QString *error) const
{
    QList<Account> accounts = m_repository->loadPage(afterId, limit, error);
    if ((error && !error->isEmpty()) || !m_secrets)
        return error && !error->isEmpty() ? QList<Account>() : accounts;
    QStringList keys;
    keys.reserve(accounts.size());
    for (const Account &a : std::as_const(accounts))
        keys.append(AccountSecrets::key(a.id()));
    QHash<QString, QString> problems;
    const QList<std::optional<QByteArray>> values = m_secrets->readMany(keys, &problems);   // the file store: parsed once, then cached
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        Account &a = accounts[i];
        QString problem = problems.value(keys.at(i));
        if (const std::optional<QByteArray> &value = values.value(i)) {
            if (AccountSecrets::apply(*value, a.credential, &problem))
                continue;
        } else if (problem.isEmpty()) {
            problem = QStringLiteral("its tokens are missing from the %1 secret store").arg(m_secrets->backend());
        }
        a.lastError = QStringLiteral("cannot use the stored tokens: %1").arg(problem);
        if (warnings)
            warnings->append(QStringLiteral("account %1 (%2): %3").arg(a.id()).arg(a.name, a.lastError));
    }
    return accounts;
}

qint64 PoolStorage::lastId() const
{
    return m_repository->lastId();
}

bool PoolStorage::writeSecret(const Account &account, QString *error)
{
    const QHash<qint64, QString> failed = writeSecrets({&account});
    if (error)
        *error = failed.value(account.id());
    return failed.isEmpty();
}

QHash<qint64, QString> PoolStorage::writeSecrets(const QList<const Account *> &accounts)
{
    QHash<qint64, QString> failed;
    if (!m_secrets) {
        for (const Account *a : accounts)
            failed.insert(a->id(), QStringLiteral("no secret store is available"));
        return failed;
    }
    QList<std::pair<QString, QByteArray>> entries;
    QHash<QString, qint64> ids;
    entries.reserve(accounts.size());
    for (const Account *a : accounts) {
        entries.append({AccountSecrets::key(a->id()), AccountSecrets::encode(a->credential)});
        ids.insert(entries.last().first, a->id());
    }
    QString error;
    for (const QString &key : m_secrets->writeMany(entries, &error))
        failed.insert(ids.value(key), error);
    return failed;
}

void PoolStorage::removeSecrets(const QList<qint64> &ids)
{
    if (!m_secrets || ids.isEmpty())
        return;
    QStringList keys;
    for (qint64 id : ids)
        keys.append(AccountSecrets::key(id));
    QString ignored;   // a secret left behind is overwritten when its id is used again
    m_secrets->removeMany(keys, &ignored);
}

bool PoolStorage::insertRow(Account &account, QString *error)
{
    return m_repository->insert(account, error);
}

bool PoolStorage::updateRow(const Account &account, QString *error)
{
    return m_repository->update(account, error);
}

bool PoolStorage::removeRow(qint64 id, QString *error)
{
    return m_repository->remove(id, error);
}

bool PoolStorage::save(const Account &account, bool withSecrets, QString *error)
{
    if (withSecrets && !writeSecret(account, error))
        return false;
    return updateRow(account, error);
}

bool PoolStorage::remove(qint64 id, QString *error)
{
    if (m_secrets && !m_secrets->remove(AccountSecrets::key(id), error))
        return false;
    return m_repository->remove(id, error);
}

bool PoolStorage::beginBatch()
{
    if (m_depth++ == 0)
        m_batch = m_repository->begin();
    return m_batch;
}

bool PoolStorage::endBatch(QString *error)
{
    if (m_depth == 0 || --m_depth > 0)
        return true;
    return !std::exchange(m_batch, false) || m_repository->commit(error);
}

QString PoolStorage::setting(const QString &key, const QString &fallback) const
{
    return m_repository->setting(key, fallback);
}

bool PoolStorage::setSetting(const QString &key, const QString &value, QString *error)
{
    return m_repository->setSetting(key, value, error);
}

} // namespace kt
