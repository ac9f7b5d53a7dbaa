#include "pool/credentialswriteback.h"

#include "accounts/credentialsfile.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

void CredentialsWriteBack::setFile(const QString &path, bool asArray)
{
    m_path = path;
    m_asArray = asArray;
    m_allAccounts = true;
    m_ids.clear();
}

void CredentialsWriteBack::setFile(const QString &path, bool asArray, const QSet<qint64> &ids)
{
    m_path = path;
    m_asArray = asArray;
    m_allAccounts = false;
    m_ids = ids;
}

bool CredentialsWriteBack::write(const QList<Account> &accounts) const
{
    if (m_path.isEmpty())
        return false;
    QList<Credential> list;
    for (const Account &a : accounts) {
        if (m_allAccounts || m_ids.contains(a.id()))
            list.append(a.credential);
    }
    if (list.isEmpty())
        return false;
    const QString error = CredentialsFile::save(m_path, list, m_asArray || list.size() > 1);
    if (!error.isEmpty())
        qCWarning(lcAccounts) << "could not write refreshed tokens back:" << error;
    return true;
}

} // namespace kt
