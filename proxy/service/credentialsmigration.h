#pragma once
// Brings the accounts of a kiro-rs style setup into the pool: credentials.json once, on the very first
// start with storage (its accounts keep their refreshed tokens written back to the file), and the
// REFRESH_TOKEN environment credential whenever it changes. Without a data directory the pool is
// loaded from them in memory instead, every start.
#include <QProcessEnvironment>
#include <QString>

namespace kt {

struct Config;
class AccountPool;

class CredentialsMigration
{
public:
    CredentialsMigration(const Config &config, AccountPool *pool,
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    QString loadInMemory();   // no storage: the environment credential, else credentials.json
    QString migrate();        // storage attached: the one-time import, the environment credential, the write-back

private:
    QString importOnce();   // credentials.json (first start only) and the environment credential
    QString importCredentialsFile();
    void addEnvironmentCredential();
    void restoreWriteBack();

    const Config &m_config;
    AccountPool *m_pool;
    QProcessEnvironment m_environment;
};

} // namespace kt
