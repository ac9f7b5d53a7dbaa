#pragma once
// The kiro-rs credentials.json that refreshed tokens also go back to (compatibility): every account
// of a pool read from that file, or only the accounts imported from it into storage.
#include "accounts/account.h"

#include <QList>
#include <QSet>
#include <QString>

namespace kt {

class CredentialsWriteBack
{
public:
    void setFile(const QString &path, bool asArray);   // every account
    void setFile(const QString &path, bool asArray, const QSet<qint64> &ids);
    bool covers(qint64 id) const { return !m_path.isEmpty() && (m_allAccounts || m_ids.contains(id)); }
    void forget(qint64 id) { m_ids.remove(id); }
    // Saves the covered accounts' credentials atomically; false when there was nothing to write.
    bool write(const QList<Account> &accounts) const;

private:
    QString m_path;
    bool m_asArray = false;
    bool m_allAccounts = true;
    QSet<qint64> m_ids;
};

} // namespace kt
