// AccountRepository: every Account field survives a save and a reopen (quota included), ids,
// update/remove rules, settings, and the secrets never reach the database files, WAL included.
#include "accounts/accountsecrets.h"
#include "storage/accountrepository.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace kt;

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

const QString kRefresh = QStringLiteral("aorAAAAA-refresh-SECRET-7f3c91d2e4b5a6c8");
const QString kAccess = QStringLiteral("aoaAAAAA-access-SECRET-19a8b7c6d5e4f3a2");
const QString kClientSecret = QStringLiteral("eyJ-client-SECRET-0a1b2c3d4e5f6a7b");
const QString kKiroApiKey = QStringLiteral("ksk-kiro-api-key-SECRET-99887766");
const QString kProxyPassword = QStringLiteral("proxy-pw-SECRET-5544");

// Every field set to something other than its default.
Account fullAccount()
{
    Account a;
    Credential &c = a.credential;
    c.refreshToken = kRefresh;
    c.accessToken = kAccess;
    c.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/ABC");
    c.expiresAt = utc(1767225600123);
    c.authMethod = AuthMethod::Idc;
    c.clientId = QStringLiteral("client-id-public");
    c.clientSecret = kClientSecret;
    c.region = QStringLiteral("eu-central-1");
    c.authRegion = QStringLiteral("eu-west-1");
    c.apiRegion = QStringLiteral("us-east-1");
    c.priority = 7;
    c.disabled = true;
    c.machineId = QString(64, QLatin1Char('a'));
    c.email = QStringLiteral("user@example.com");
    c.subscriptionTitle = QStringLiteral("KIRO PRO+");
    c.provider = QStringLiteral("BuilderId");
    c.proxyUrl = QStringLiteral("http://proxyuser:%1@10.0.0.1:3128").arg(kProxyPassword);
    c.kiroApiKey = kKiroApiKey;
    c.extra = QJsonObject{{QStringLiteral("customField"), 42}, {QStringLiteral("nested"), QJsonObject{{QStringLiteral("a"), true}}}};
    a.name = QStringLiteral("Work account ✓");
    a.state = AccountState::Cooldown;
    a.cooldownUntil = utc(1767000000500);
    a.stateReason = QStringLiteral("throttled");
    a.errorCount = 11;
    a.consecutiveErrors = 3;
    a.requestCount = 123456789012LL;
    a.lastUsed = utc(1766000000001);
    a.lastError = QStringLiteral("429 Too Many Requests");
    a.createdAt = utc(1700000000999);
    a.overageEnabled = true;
    a.refreshTokenHash = Account::hashSecret(kRefresh);
    QuotaInfo &q = a.quota;
    q.known = true;
    q.used = 123.45;
    q.limit = 1000;
    q.trialUsed = 12.5;
    q.trialLimit = 500;
    q.trialExpiry = utc(1768000000000);
    q.bonusUsed = 3.25;
    q.bonusLimit = 100;
    q.resetAt = utc(1769904000000);
    q.subscription = QStringLiteral("KIRO PRO+");
    q.fetchedAt = utc(1766500000000);
    q.error = QStringLiteral("previous fetch failed");
    return a;
}

void compareQuota(const QuotaInfo &got, const QuotaInfo &want)
{
    QCOMPARE(got.known, want.known);
    QCOMPARE(got.used, want.used);
    QCOMPARE(got.limit, want.limit);
    QCOMPARE(got.trialUsed, want.trialUsed);
    QCOMPARE(got.trialLimit, want.trialLimit);
    QCOMPARE(got.trialExpiry, want.trialExpiry);
    QCOMPARE(got.bonusUsed, want.bonusUsed);
    QCOMPARE(got.bonusLimit, want.bonusLimit);
    QCOMPARE(got.resetAt, want.resetAt);
    QCOMPARE(got.subscription, want.subscription);
    QCOMPARE(got.fetchedAt, want.fetchedAt);
    QCOMPARE(got.error, want.error);
}

// Everything but the secret fields.
void comparePublic(const Account &got, const Account &want)
{
    const Credential &g = got.credential, &w = want.credential;
    QCOMPARE(g.id, w.id);
    QCOMPARE(g.profileArn, w.profileArn);
    QCOMPARE(g.expiresAt, w.expiresAt);
    QCOMPARE(g.authMethod, w.authMethod);
    QCOMPARE(g.clientId, w.clientId);
    QCOMPARE(g.region, w.region);
    QCOMPARE(g.authRegion, w.authRegion);
    QCOMPARE(g.apiRegion, w.apiRegion);
    QCOMPARE(g.priority, w.priority);
    QCOMPARE(g.disabled, w.disabled);
    QCOMPARE(g.machineId, w.machineId);
    QCOMPARE(g.email, w.email);
    QCOMPARE(g.subscriptionTitle, w.subscriptionTitle);
    QCOMPARE(g.provider, w.provider);
    QCOMPARE(g.extra, w.extra);
    QCOMPARE(got.name, want.name);
    QCOMPARE(got.state, want.state);
    QCOMPARE(got.cooldownUntil, want.cooldownUntil);
    QCOMPARE(got.stateReason, want.stateReason);
    QCOMPARE(got.errorCount, want.errorCount);
    QCOMPARE(got.consecutiveErrors, want.consecutiveErrors);
    QCOMPARE(got.requestCount, want.requestCount);
    QCOMPARE(got.lastUsed, want.lastUsed);
    QCOMPARE(got.lastError, want.lastError);
    QCOMPARE(got.createdAt, want.createdAt);
    QCOMPARE(got.overageEnabled, want.overageEnabled);
    QCOMPARE(got.refreshTokenHash, want.refreshTokenHash);
    compareQuota(got.quota, want.quota);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAccountRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripsEveryField();
    void roundTripsEveryState();
    void defaultsRoundTrip();
    void secretsSplitAndRejoin();
    void secretsNeverInDatabaseFiles();
    void idsAssignedAndNeverReused();
    void explicitIdKeptAndClashRefused();
    void updateChangesAndMissingIsAnError();
    void removeMissingIsFine();
    void batchCommitsOnce();
    void settings();
    void corruptSecretValueRejected();

private:
    QString dbPath() const { return Database::defaultPath(m_tmp->path()); }
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Database> m_db;
};

void TestAccountRepository::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>(dbPath());
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestAccountRepository::cleanup()
{
    m_db.reset();
    m_tmp.reset();
}

void TestAccountRepository::roundTripsEveryField()
{
    Account original = fullAccount();
    QString error;
    {
        AccountRepository repo(*m_db);
        QVERIFY2(repo.insert(original, &error), qPrintable(error));
        QVERIFY(original.id() > 0);
    }
    m_db.reset();   // a real reopen, not a cache
    Database reopened(dbPath(), QStringLiteral("reopened"));
    QVERIFY2(reopened.open(&error), qPrintable(error));
    const QList<Account> loaded = AccountRepository(reopened).loadAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(loaded.size(), 1);
    comparePublic(loaded.first(), original);
    // The stored record holds no secret; the proxy URL keeps its user but not its password.
    const Credential &c = loaded.first().credential;
    QVERIFY(c.refreshToken.isEmpty());
    QVERIFY(c.accessToken.isEmpty());
    QVERIFY(c.clientSecret.isEmpty());
    QVERIFY(c.kiroApiKey.isEmpty());
    QCOMPARE(c.proxyUrl, QStringLiteral("http://proxyuser@10.0.0.1:3128"));
    QVERIFY(!AccountSecrets::hasSecrets(c));
}

void TestAccountRepository::roundTripsEveryState()
{
    AccountRepository repo(*m_db);
    QString error;
    const AccountState states[] = {AccountState::Active, AccountState::Cooldown, AccountState::Invalid, AccountState::Disabled};
    for (AccountState s : states) {
        Account a;
        a.state = s;
        a.name = accountStateName(s);
        QVERIFY2(repo.insert(a, &error), qPrintable(error));
    }
    const QList<Account> loaded = repo.loadAll(&error);
    QCOMPARE(loaded.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(loaded.at(i).state, states[i]);
        QCOMPARE(loaded.at(i).name, accountStateName(states[i]));
    }
}

void TestAccountRepository::defaultsRoundTrip()
{
    // Invalid times, empty strings and an unknown quota come back as such, not as epoch 0 or "".
    AccountRepository repo(*m_db);
    Account a;
    QString error;
    QVERIFY2(repo.insert(a, &error), qPrintable(error));
    const Account loaded = repo.loadAll(&error).value(0);
    comparePublic(loaded, a);
    QVERIFY(!loaded.lastUsed.isValid());
    QVERIFY(!loaded.cooldownUntil.isValid());
    QVERIFY(!loaded.credential.expiresAt.isValid());
    QVERIFY(!loaded.quota.known);
    QVERIFY(loaded.credential.extra.isEmpty());
}

void TestAccountRepository::secretsSplitAndRejoin()
{
    const Account original = fullAccount();
    const QByteArray secret = AccountSecrets::encode(original.credential);
    QCOMPARE(AccountSecrets::key(17), QStringLiteral("account/17"));
    const QJsonObject o = QJsonDocument::fromJson(secret).object();
    QCOMPARE(o.value(QLatin1String("refreshToken")).toString(), kRefresh);
    QCOMPARE(o.value(QLatin1String("accessToken")).toString(), kAccess);
    QCOMPARE(o.value(QLatin1String("clientSecret")).toString(), kClientSecret);
    QCOMPARE(o.value(QLatin1String("kiroApiKey")).toString(), kKiroApiKey);
    QCOMPARE(qint64(o.value(QLatin1String("expiresAt")).toDouble()), original.credential.expiresAt.toMSecsSinceEpoch());

    Credential stripped = original.credential;
    AccountSecrets::strip(stripped);
    QVERIFY(!AccountSecrets::hasSecrets(stripped));
    QVERIFY(AccountSecrets::hasSecrets(original.credential));
    QString error;
    QVERIFY2(AccountSecrets::apply(secret, stripped, &error), qPrintable(error));
    QCOMPARE(stripped.refreshToken, kRefresh);
    QCOMPARE(stripped.accessToken, kAccess);
    QCOMPARE(stripped.clientSecret, kClientSecret);
    QCOMPARE(stripped.kiroApiKey, kKiroApiKey);
    QCOMPARE(stripped.proxyUrl, original.credential.proxyUrl);
    QCOMPARE(stripped.expiresAt, original.credential.expiresAt);

    // No password in the proxy URL: nothing about it goes to the secret, nothing is stripped.
    Credential plain;
    plain.proxyUrl = QStringLiteral("socks5://10.0.0.2:1080");
    QVERIFY(!QJsonDocument::fromJson(AccountSecrets::encode(plain)).object().contains(QLatin1String("proxyUrl")));
    AccountSecrets::strip(plain);
    QCOMPARE(plain.proxyUrl, QStringLiteral("socks5://10.0.0.2:1080"));
}

void TestAccountRepository::secretsNeverInDatabaseFiles()
{
    AccountRepository repo(*m_db);
    QString error;
    Account a = fullAccount();
    QVERIFY2(repo.insert(a, &error), qPrintable(error));
    for (int i = 0; i < 5; ++i) {
        a.requestCount += 1;
        a.lastError = QStringLiteral("error %1").arg(i);
        QVERIFY2(repo.update(a, &error), qPrintable(error));
    }
    Account b = fullAccount();
    b.credential.refreshToken = kRefresh + QStringLiteral("-second");
    QVERIFY2(repo.insert(b, &error), qPrintable(error));
    QVERIFY(repo.setSetting(QStringLiteral("strategy"), QStringLiteral("priority"), &error));

    const QStringList secrets = {kRefresh, kAccess, kClientSecret, kKiroApiKey, kProxyPassword};
    const auto scan = [&](const QString &when) {
        const QStringList files = QDir(m_tmp->path()).entryList({QStringLiteral("kirotray.sqlite*")}, QDir::Files);
        QVERIFY2(files.contains(QStringLiteral("kirotray.sqlite")), qPrintable(files.join(',')));
        qint64 scanned = 0;
        for (const QString &name : files) {
            const QByteArray bytes = readAll(m_tmp->filePath(name));
            scanned += bytes.size();
            for (const QString &s : secrets) {
                QVERIFY2(!bytes.contains(s.toUtf8()), qPrintable(QStringLiteral("%1: %2 holds a secret").arg(when, name)));
                const QByteArray utf16(reinterpret_cast<const char *>(s.utf16()), s.size() * 2);
                QVERIFY2(!bytes.contains(utf16),
                         qPrintable(QStringLiteral("%1: %2 holds a UTF-16 secret").arg(when, name)));
            }
        }
        QVERIFY(scanned > 0);
    };
    // While open the rows sit in the WAL; after closing they are checkpointed into the main file.
    QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal")));
    QVERIFY(readAll(dbPath() + QStringLiteral("-wal")).contains("user@example.com"));   // the scan can see rows
    scan(QStringLiteral("open"));
    m_db.reset();
    QVERIFY(readAll(dbPath()).contains("user@example.com"));
    scan(QStringLiteral("closed"));
}

void TestAccountRepository::idsAssignedAndNeverReused()
{
    AccountRepository repo(*m_db);
    QString error;
    QCOMPARE(repo.lastId(), qint64(0));
    Account a, b, c;
    QVERIFY(repo.insert(a, &error));
    QVERIFY(repo.insert(b, &error));
    QCOMPARE(a.id(), qint64(1));
    QCOMPARE(b.id(), qint64(2));
    QVERIFY(repo.remove(b.id(), &error));
    QCOMPARE(repo.lastId(), qint64(1));
    QVERIFY(repo.insert(c, &error));
    QCOMPARE(c.id(), qint64(3));   // a removed account's secret key is never handed to another account
    QCOMPARE(repo.loadAll(&error).size(), 2);
    QCOMPARE(repo.count(), 2);
    QCOMPARE(repo.lastId(), qint64(3));   // what a load in pages reserves room by, without a count
}

void TestAccountRepository::explicitIdKeptAndClashRefused()
{
    AccountRepository repo(*m_db);
    QString error;
    Account a;
    a.credential.id = 40;
    QVERIFY2(repo.insert(a, &error), qPrintable(error));
    QCOMPARE(a.id(), qint64(40));
    Account clash;
    clash.credential.id = 40;
    clash.name = QStringLiteral("clash");
    QVERIFY(!repo.insert(clash, &error));
    QVERIFY2(error.contains(QLatin1String("adding account")), qPrintable(error));
    Account next;
    QVERIFY(repo.insert(next, &error));
    QCOMPARE(next.id(), qint64(41));
    QCOMPARE(repo.loadAll(&error).first().name, QString());
}

void TestAccountRepository::updateChangesAndMissingIsAnError()
{
    AccountRepository repo(*m_db);
    QString error;
    Account a = fullAccount();
    QVERIFY(repo.insert(a, &error));
    a.name = QStringLiteral("renamed");
    a.state = AccountState::Invalid;
    a.stateReason = QStringLiteral("suspended: TEMPORARILY_SUSPENDED");
    a.cooldownUntil = {};
    a.credential.priority = -2;
    a.quota = {};
    a.credential.extra = {};
    QVERIFY2(repo.update(a, &error), qPrintable(error));
    const Account loaded = repo.loadAll(&error).value(0);
    comparePublic(loaded, a);

    Account ghost;
    ghost.credential.id = 999;
    QVERIFY(!repo.update(ghost, &error));
    QVERIFY2(error.contains(QLatin1String("no such account")), qPrintable(error));
    QCOMPARE(repo.loadAll(&error).size(), 1);
}

void TestAccountRepository::removeMissingIsFine()
{
    AccountRepository repo(*m_db);
    QString error;
    QVERIFY(repo.remove(12345, &error));
    Account a;
    QVERIFY(repo.insert(a, &error));
    QVERIFY(repo.remove(a.id(), &error));
    QVERIFY(repo.loadAll(&error).isEmpty());
    QVERIFY(error.isEmpty());
}

// Rows written between begin() and commit() are one transaction: another connection sees none of
// them before the commit and all of them after (the pool flushes counters and ended cooldowns so).
void TestAccountRepository::batchCommitsOnce()
{
    AccountRepository repo(*m_db);
    QString error;
    QList<Account> rows(3);
    for (Account &a : rows)
        QVERIFY(repo.insert(a, &error));
    Database reader(dbPath(), QStringLiteral("reader"));
    QVERIFY2(reader.open(&error), qPrintable(error));
    const auto counts = [&] {
        QList<qint64> out;
        for (const Account &a : AccountRepository(reader).loadAll(&error))
            out.append(a.requestCount);
        return out;
    };
    QVERIFY(repo.begin());
    QVERIFY(!repo.begin());   // one at a time
    for (Account &a : rows) {
        a.requestCount = 7;
        QVERIFY2(repo.update(a, &error), qPrintable(error));
    }
    QCOMPARE(counts(), (QList<qint64>{0, 0, 0}));
    QVERIFY2(repo.commit(&error), qPrintable(error));
    QCOMPARE(counts(), (QList<qint64>{7, 7, 7}));
    // Without begin(), each write is its own transaction again.
    rows[0].requestCount = 8;
    QVERIFY(repo.update(rows[0], &error));
    QCOMPARE(counts(), (QList<qint64>{8, 7, 7}));
}

void TestAccountRepository::settings()
{
    AccountRepository repo(*m_db);
    QCOMPARE(repo.setting(QStringLiteral("strategy")), QString());
    QCOMPARE(repo.setting(QStringLiteral("strategy"), QStringLiteral("round-robin")), QStringLiteral("round-robin"));
    QVERIFY(repo.setSetting(QStringLiteral("strategy"), QStringLiteral("random")));
    QVERIFY(repo.setSetting(QStringLiteral("strategy"), QStringLiteral("priority")));
    QVERIFY(repo.setSetting(QStringLiteral("empty"), QString()));
    QCOMPARE(repo.setting(QStringLiteral("strategy"), QStringLiteral("x")), QStringLiteral("priority"));
    QCOMPARE(repo.setting(QStringLiteral("empty"), QStringLiteral("fallback")), QString());
    m_db.reset();
    Database again(dbPath(), QStringLiteral("again"));
    QString error;
    QVERIFY(again.open(&error));
    QCOMPARE(AccountRepository(again).setting(QStringLiteral("strategy")), QStringLiteral("priority"));
}

void TestAccountRepository::corruptSecretValueRejected()
{
    Credential c;
    c.refreshToken = QStringLiteral("keep");
    QString error;
    QVERIFY(!AccountSecrets::apply("not json at all SECRET-XYZ", c, &error));
    QVERIFY(!error.contains(QLatin1String("SECRET-XYZ")));
    QCOMPARE(c.refreshToken, QStringLiteral("keep"));
    QVERIFY(!AccountSecrets::apply(R"({"refreshToken":5})", c, &error));
    QVERIFY2(error.contains(QLatin1String("refreshToken")), qPrintable(error));
    QVERIFY(!AccountSecrets::apply(R"({"expiresAt":"tomorrow"})", c, &error));
    QCOMPARE(c.refreshToken, QStringLiteral("keep"));
    QVERIFY(AccountSecrets::apply(R"({"refreshToken":"new","expiresAt":null})", c, &error));
    QCOMPARE(c.refreshToken, QStringLiteral("new"));
}

QTEST_GUILESS_MAIN(TestAccountRepository)
#include "tst_accountrepository.moc"
