// AccountPool on real storage: what it saves and when. Counters are saved and announced once a
// second without losing marks made meanwhile; accounts, states and secrets survive a restart; a
// refreshed access token waits for that flush, a rotated refresh token does not.
#include "poolfixtures.h"
#include "accounts/accountsecrets.h"
#include "fakekiroserver.h"
#include "memorysecretstore.h"
#include "quietconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestAccountPoolStorage : public QObject
{
    Q_OBJECT

    Config m_config;
    NetworkManagerPool m_network;

private Q_SLOTS:
    void init()
    {
        m_config = quietConfig();
        m_config.accountMaxConcurrent = 0;
    }

    // The counters' marks (to save, to announce) stay with their account when another one is removed,
    // and a request a listener serves while the counters are announced is announced and saved in turn,
    // also for an account whose announcement is still to come in the same flush.
    void countersMarkedDuringAnAnnouncementAreNotLost()
    {
        QTemporaryDir dir;
        StoredPool stored(dir.path(), QStringLiteral("tst-pool-marks-1"), m_config, &m_network);
        QCOMPARE(stored.open(), QString());
        AccountPool &pool = stored.pool;
        const ImportReport r = pool.importAccounts(QJsonDocument(QJsonArray{credential(1).toJson(), credential(2).toJson(),
                                                                            credential(3).toJson()}).toJson(), false);
        QCOMPARE(r.count("added"), 3);
        const qint64 gone = r.entries[0].accountId, second = r.entries[1].accountId, third = r.entries[2].accountId;
        const auto serve = [&](qint64 id) {
            QSet<qint64> others{gone, second, third};
            others.remove(id);
            QCOMPARE(pool.select(others), std::optional<qint64>(id));
            pool.release(id);
        };
        serve(second);
        serve(third);
        QVERIFY(pool.removeAccount(gone));   // the others move up a position
        QList<qint64> announced;
        connect(&pool, &AccountPool::accountChanged, this, [&](qint64 id) {
            announced.append(id);
            if (announced.size() == 1)
                serve(third);   // third's announcement is still to come in this flush
        });
        QTRY_COMPARE_WITH_TIMEOUT(announced, (QList<qint64>{second, third}), 30000);
        QCOMPARE(pool.account(third)->requestCount, qint64(2));
        // What the listener counted is saved by the next flush (which has nothing more to announce).
        Database reader(Database::defaultPath(dir.path()), QStringLiteral("tst-pool-marks-2"));
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        AccountRepository rows(reader);
        const auto storedCount = [&](qint64 id) {
            for (const Account &a : rows.loadAll(&error)) {
                if (a.id() == id)
                    return a.requestCount;
            }
            return qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(storedCount(third), qint64(2), 30000);
        QCOMPARE(storedCount(second), qint64(1));
        QCOMPARE(storedCount(gone), qint64(-1));
        QCOMPARE(announced.size(), 2);
    }

    void persistsThroughStorage()
    {
        QTemporaryDir dir;
        const QString dbPath = Database::defaultPath(dir.path());
        qint64 throttledId = 0, disabledId = 0;
        {
            StoredPool stored(dir.path(), QStringLiteral("tst-pool-1"), m_config, &m_network);
            QCOMPARE(stored.open(), QString());
            AccountPool &pool = stored.pool;
            QCOMPARE(pool.size(), 0);
            const ImportReport r = pool.importAccounts(QJsonDocument(QJsonArray{credential(0).toJson(), credential(5).toJson(), credential(6).toJson()})
                                                           .toJson(), false);
            QCOMPARE(r.count("added"), 3);
            throttledId = r.entries[0].accountId;
            disabledId = r.entries[1].accountId;
            pool.report(throttledId, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
            pool.setEnabled(disabledId, false);
            pool.setStrategy(PoolStrategy::LeastUsed);
            QVERIFY(pool.select({}));   // a counter change, saved when the pool goes away
        }
        StoredPool stored(dir.path(), QStringLiteral("tst-pool-2"), m_config, &m_network);
        QCOMPARE(stored.open(), QString());
        AccountPool &pool = stored.pool;
        FileSecretStore &secrets = stored.secrets;
        QString error;
        QCOMPARE(pool.size(), 3);
        QCOMPARE(pool.strategy(), PoolStrategy::LeastUsed);
        QCOMPARE(pool.account(throttledId)->state, AccountState::Cooldown);
        QCOMPARE(pool.account(disabledId)->state, AccountState::Disabled);
        QCOMPARE(pool.credential(throttledId)->refreshToken, credential(0).refreshToken);   // secrets come back from the store
        qint64 requests = 0;
        for (const Account &a : pool.accounts()) {
            requests += a.requestCount;
            QVERIFY(a.credential.refreshToken.isEmpty());   // accounts() never hands out secrets
        }
        QCOMPARE(requests, qint64(1));
        // No token in the database file; removal removes the secret too.
        for (const QString &file : {dbPath, dbPath + QStringLiteral("-wal")}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains("pool-refresh-token"));
        }
        QVERIFY(pool.removeAccount(disabledId));
        QVERIFY(!secrets.read(QStringLiteral("account/%1").arg(disabledId), &error));
        QCOMPARE(pool.size(), 2);
    }

    // A new access token or profile alone is saved with the next flush, the tokens of every account
    // refreshed meanwhile in one write of the secret store (the file store rewrites every secret per
    // write); a new refresh token is saved before anyone hears of it.
    void accessTokensWaitForTheFlushRefreshTokensDoNot()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        m_config.socialAuthBaseUrl = fake.baseUrl();
        QTemporaryDir dir;
        Database db(Database::defaultPath(dir.path()), QStringLiteral("tst-pool-secrets"));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        AccountRepository repository(db);
        test::MemorySecretStore secrets;
        AccountPool pool(m_config, &m_network);
        QCOMPARE(pool.attachStorage(&repository, &secrets), QString());
        Credential rotating = credential(3);
        rotating.refreshToken = QStringLiteral("pool-rotate-refresh-token-0123456789");
        const ImportReport r = pool.importAccounts(
            QJsonDocument(QJsonArray{credential(1).toJson(), credential(2).toJson(), rotating.toJson()}).toJson(), false);
        QCOMPARE(r.count("added"), 3);
        const QList<qint64> ids{r.entries[0].accountId, r.entries[1].accountId, r.entries[2].accountId};
        const auto stored = [&](qint64 id) {
            Credential c;
            QString ignored;
            AccountSecrets::apply(secrets.entries.value(AccountSecrets::key(id)), c, &ignored);
            return c;
        };

        // Refreshes ids[i] (refusing `rejected`); returns the new token and what the store held when it came.
        QObject context;
        QHash<qint64, QString> answers;
        QHash<qint64, Credential> storedAtAnswer;
        const auto refresh = [&](qint64 id, const QString &rejected) {
            pool.withAccessToken(id, rejected, &context, [&, id](std::variant<QString, ApiError> a) {
                answers.insert(id, std::get_if<QString>(&a) ? std::get<QString>(a) : QStringLiteral("error"));
                storedAtAnswer.insert(id, stored(id));
            });
        };
        // The first refresh brings each account's profile, which the saved refresh token can fetch
        // again: it waits for the flush like an access token. The rotated refresh token does not.
        for (qint64 id : ids)
            refresh(id, {});
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 30000);
        QCOMPARE(storedAtAnswer.value(ids[2]).accessToken, answers.value(ids[2]));
        for (qint64 id : {ids[0], ids[1]}) {
            QVERIFY(!pool.credential(id)->profileArn.isEmpty());
            QVERIFY(storedAtAnswer.value(id).accessToken != answers.value(id));
        }
        QTRY_VERIFY_WITH_TIMEOUT(stored(ids[0]).accessToken == answers.value(ids[0]) && stored(ids[1]).accessToken == answers.value(ids[1]), 30000);

        const QHash<qint64, QString> first = std::exchange(answers, {});
        const QString firstRotated = storedAtAnswer.value(ids[2]).refreshToken;
        QVERIFY2(firstRotated.contains(QStringLiteral("-r")), qPrintable(firstRotated));
        const int batchesBefore = secrets.batches;
        for (qint64 id : ids)
            refresh(id, first.value(id));
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 30000);
        // The rotated refresh token was in the store before the caller had the token.
        QVERIFY(storedAtAnswer.value(ids[2]).refreshToken != firstRotated);
        QCOMPARE(storedAtAnswer.value(ids[2]).accessToken, answers.value(ids[2]));
        // The other two: the old access token is still stored when the new one is handed out...
        for (qint64 id : {ids[0], ids[1]}) {
            QVERIFY(answers.value(id) != first.value(id));
            QCOMPARE(storedAtAnswer.value(id).accessToken, first.value(id));
        }
        // ...and both new ones are stored by the flush, together.
        QTRY_VERIFY_WITH_TIMEOUT(stored(ids[0]).accessToken == answers.value(ids[0]) && stored(ids[1]).accessToken == answers.value(ids[1]), 30000);
        QCOMPARE(secrets.batches - batchesBefore, 2);   // the rotation's own write, then the flush's
        QCOMPARE(secrets.batchSizes.last(), 2);
        QCOMPARE(stored(ids[0]).refreshToken, credential(1).refreshToken);
    }
};

QTEST_GUILESS_MAIN(TestAccountPoolStorage)
#include "tst_accountpoolstorage.moc"
