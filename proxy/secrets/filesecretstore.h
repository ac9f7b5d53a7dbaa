#pragma once
// The secret store used when no keychain answers (headless Linux, CI) or when configured:
// <dataDir>/secrets.json, mode 0600, every write replaces the whole file atomically (writeMany: once
// for all its entries, which are all written or none), from the entries' text as last read or written.
#include "secrets/secretsfileentries.h"
#include "secrets/secretsfileindex.h"
#include "secrets/secretstore.h"

#include <QStringList>

namespace kt {

class FileSecretStore : public SecretStore
{
public:
    explicit FileSecretStore(const QString &dataDir);

    static QString filePath(const QString &dataDir);   // <dataDir>/secrets.json
    QString filePath() const { return m_path; }

    QString backend() const override { return QStringLiteral("file"); }
    std::optional<QByteArray> read(const QString &key, QString *error) override;
    QList<std::optional<QByteArray>> readMany(const QStringList &keys, QHash<QString, QString> *errors) override;
    bool write(const QString &key, const QByteArray &value, QString *error) override;
    QStringList writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error) override;
    bool remove(const QString &key, QString *error) override;
    QStringList removeMany(const QStringList &keys, QString *error) override;   // one rewrite, all or none
    // Every key held (for migration out of this store); empty + error when the file is unreadable.
    QStringList keys(QString *error);

private:
    bool load(QString *error);   // m_cache as the file holds it now
    bool index(const QByteArray &stamp);
    bool save(QString *error);   // m_cache to the file
    QByteArray fileStamp() const;

    QString m_path;
    // The entries as last read or written, while the file is the one they came from (the same inode,
    // size and time): a pool of 10,000 accounts reads them once at start-up, not once per account.
    SecretsFileEntries m_cache;
    QByteArray m_cacheStamp;
    // Until the first write, the file is read through an index of where each entry lies, built only as
    // far as the keys asked for: the pool's start-up reads its first page's secrets from the start of
    // the file (save() writes the accounts in id order), without reading or parsing the others.
    SecretsFileIndex m_index;
    QByteArray m_indexStamp;
};

} // namespace kt
