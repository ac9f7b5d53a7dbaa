// CredentialsMigration: a kiro-rs setup's credentials.json joins the stored pool on the first start
// only (with its write-back remembered), REFRESH_TOKEN joins once per distinct token, and without a
// data directory either one is loaded in memory (the environment first).
#include "accounts/account.h"
#include "config/config.h"
#include "pool/accountpool.h"
#include "secrets/filesecretstore.h"
#include "service/credentialsmigration.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "upstream/networkmanagerpool.h"
#include "quietconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;

namespace {

QJsonObject entry(const QString &token)
{
    return {{QStringLiteral("refreshToken"), token}, {QStringLiteral("authMethod"), QStringLiteral("social")}};
}

const QString FileTokenA = QStringLiteral("migration-refresh-token-a-0123456789");
const QString FileTokenB = QStringLiteral("migration-refresh-token-b-0123456789");
const QString EnvToken = QStringLiteral("migration-refresh-token-env-0123456789");
const QString EnvToken2 = QStringLiteral("migration-refresh-token-env2-0123456789");

QProcessEnvironment environment(const QString &refreshToken)
{
    QProcessEnvironment env;
    if (!refreshToken.isEmpty())
        env.insert(QStringLiteral("REFRESH_TOKEN"), refreshToken);
    return env;
}

} // namespace

class TestCredentialsMigration : public QObject
{
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;
    Config m_config;
    NetworkManagerPool m_network;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountRepository> m_repository;
    std::unique_ptr<FileSecretStore> m_secrets;
    std::unique_ptr<AccountPool> m_pool;
    int m_connection = 0;

    void writeCredentials(const QJsonArray &entries)
    {
        QFile file(m_config.credentialsFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(entries).toJson());
    }

    // A new pool on the same data directory: the next start.
    void restart()
    {
        m_pool.reset();
        m_repository.reset();
        m_db.reset();
        m_db = std::make_unique<Database>(Database::defaultPath(m_config.dataDir), QStringLiteral("tst_credentialsmigration-%1").arg(++m_connection));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        m_repository = std::make_unique<AccountRepository>(*m_db);
        m_secrets = std::make_unique<FileSecretStore>(m_config.dataDir);
        m_pool = std::make_unique<AccountPool>(m_config, &m_network);
        QCOMPARE(m_pool->attachStorage(m_repository.get(), m_secrets.get()), QString());
    }

    QStringList tokenHashes() const
    {
        QStringList hashes;
        for (const Account &a : m_pool->accounts())
            hashes << a.refreshTokenHash;
        hashes.sort();
        return hashes;
    }

    static QStringList hashes(const QStringList &tokens)
    {
        QStringList out;
        for (const QString &t : tokens)
            out << Account::hashSecret(t);
        out.sort();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_config = test::quietConfig();
        m_config.dataDir = m_dir->path();
        m_config.credentialsFile = m_dir->filePath(QStringLiteral("credentials.json"));
    }

    void cleanup()
    {
        m_pool.reset();
        m_repository.reset();
        m_db.reset();
        m_secrets.reset();
        m_dir.reset();
    }

    void theFileJoinsOnTheFirstStartOnly()
    {
        writeCredentials({entry(FileTokenA)});
        restart();
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment({})).migrate(), QString());
        QCOMPARE(tokenHashes(), hashes({FileTokenA}));
        QVERIFY(!m_pool->setting(QStringLiteral("credentials-migrated")).isEmpty());
        const QJsonObject writeBack = QJsonDocument::fromJson(m_pool->setting(QStringLiteral("credentials-file")).toUtf8()).object();
        QCOMPARE(writeBack.value(QStringLiteral("path")).toString(), m_config.credentialsFile);
        QCOMPARE(writeBack.value(QStringLiteral("array")).toBool(), true);
        QCOMPARE(writeBack.value(QStringLiteral("ids")).toArray().size(), 1);

        writeCredentials({entry(FileTokenA), entry(FileTokenB)});   // edited after the migration
        restart();
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment({})).migrate(), QString());
        QCOMPARE(tokenHashes(), hashes({FileTokenA}));
    }

    void aBrokenFileIsReportedAndTriedAgain()
    {
        QFile file(m_config.credentialsFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        restart();
        QVERIFY(!CredentialsMigration(m_config, m_pool.get(), environment({})).migrate().isEmpty());
        QCOMPARE(m_pool->size(), 0);
        QVERIFY(m_pool->setting(QStringLiteral("credentials-migrated")).isEmpty());

        writeCredentials({entry(FileTokenA)});
        restart();
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment({})).migrate(), QString());
        QCOMPARE(tokenHashes(), hashes({FileTokenA}));
    }

    void theEnvironmentTokenJoinsOncePerToken()
    {
        restart();
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment(EnvToken)).migrate(), QString());
        QCOMPARE(tokenHashes(), hashes({EnvToken}));
        QVERIFY(m_pool->removeAccount(m_pool->accounts().at(0).id()));

        restart();   // the same token again: the user removed its account, it stays removed
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment(EnvToken)).migrate(), QString());
        QCOMPARE(m_pool->size(), 0);

        restart();   // a new token joins
        QCOMPARE(CredentialsMigration(m_config, m_pool.get(), environment(EnvToken2)).migrate(), QString());
        QCOMPARE(tokenHashes(), hashes({EnvToken2}));
    }

    void inMemoryTheEnvironmentComesFirst()
    {
        writeCredentials({entry(FileTokenA), entry(FileTokenB)});
        AccountPool fromEnvironment(m_config, &m_network);
        QCOMPARE(CredentialsMigration(m_config, &fromEnvironment, environment(EnvToken)).loadInMemory(), QString());
        QCOMPARE(fromEnvironment.size(), 1);
        QCOMPARE(fromEnvironment.accounts().at(0).refreshTokenHash, Account::hashSecret(EnvToken));

        AccountPool fromFile(m_config, &m_network);
        QCOMPARE(CredentialsMigration(m_config, &fromFile, environment({})).loadInMemory(), QString());
        QCOMPARE(fromFile.size(), 2);

        Config missing = m_config;
        missing.credentialsFile = m_dir->filePath(QStringLiteral("none.json"));
        AccountPool empty(missing, &m_network);
        QCOMPARE(CredentialsMigration(missing, &empty, environment({})).loadInMemory(), QString());
        QCOMPARE(empty.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCredentialsMigration)
#include "tst_credentialsmigration.moc"
