// AccountPool and FailoverPolicy: how each strategy spreads requests, which accounts selection
// skips (disabled, invalid, cooling down, out of quota unless overage), cooldowns ending by
// themselves, the state transition for every upstream outcome, the user's disabling kept apart
// from automatic invalidation, the pool-exhausted errors (storage: tst_accountpoolstorage),
// the machine id following the credential, and the selection time with 1000 accounts (measured,
// printed, not asserted).
#include "pool/accountpool.h"
#include "poolfixtures.h"
#include "util/clock.h"
#include "pool/failoverpolicy.h"
#include "accounts/machineid.h"
#include "config/config.h"
#include "fakekiroserver.h"
#include "fakemodels.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "upstream/networkmanagerpool.h"
#include "quietconfig.h"
#include "testcredentials.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestAccountPool : public QObject
{
    Q_OBJECT

    Config m_config;
    NetworkManagerPool m_network;

private Q_SLOTS:
    void init()
    {
        m_config = quietConfig();
        m_config.accountMaxConcurrent = 0;   // select() here never ends its request; the limits have tst_accountload
    }

    void roundRobinIsEven()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(4), {}, false);
        QCOMPARE(pool.strategy(), PoolStrategy::RoundRobin);
        const auto counts = distribution(pool, 400);
        QCOMPARE(counts.size(), 4);
        for (int n : counts)
            QCOMPARE(n, 100);
        // In order, wrapping around.
        QCOMPARE(*pool.select({}), qint64(1));
        QCOMPARE(*pool.select({}), qint64(2));
        QCOMPARE(*pool.select({2, 3}), qint64(4));
        QCOMPARE(*pool.select({}), qint64(1));
    }

    // Derived once per account, and again whenever what it is derived from changes.
    void machineIdFollowsTheCredential()
    {
        AccountPool pool(m_config, &m_network);
        Credential c = credential(1);
        pool.setCredentials({c}, {}, false);
        const QString fromToken = pool.machineId(1);
        QCOMPARE(fromToken, deriveMachineId(c, m_config));
        QCOMPARE(pool.machineId(1), fromToken);
        c.refreshToken = QStringLiteral("pool-refresh-token-rotated-0123456789");
        pool.setCredentials({c}, {}, false);
        QCOMPARE(pool.machineId(1), deriveMachineId(c, m_config));
        QVERIFY(pool.machineId(1) != fromToken);
        m_config.machineId = QStringLiteral("2582956e-cc88-4669-b546-07adbffcb894");
        QCOMPARE(pool.machineId(1), QStringLiteral("2582956ecc884669b54607adbffcb8942582956ecc884669b54607adbffcb894"));
        c.machineId = QString(64, QLatin1Char('a'));
        pool.setCredentials({c}, {}, false);
        QCOMPARE(pool.machineId(1), QString(64, QLatin1Char('a')));
        QCOMPARE(pool.machineId(2), QString());
    }

    void leastUsedCatchesUp()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(4), {}, false);
        pool.setStrategy(PoolStrategy::Priority);
        QCOMPARE(distribution(pool, 60).value(1), 60);   // account 1 now has 60 requests
        pool.setStrategy(PoolStrategy::LeastUsed);
        const auto catchUp = distribution(pool, 180);
        QCOMPARE(catchUp.value(1), 0);
        QCOMPARE(catchUp.value(2), 60);
        QCOMPARE(catchUp.value(3), 60);
        QCOMPARE(catchUp.value(4), 60);
        const auto even = distribution(pool, 400);
        for (qint64 id = 1; id <= 4; ++id)
            QCOMPARE(even.value(id), 100);
        for (const Account &a : pool.accounts())
            QCOMPARE(a.requestCount, qint64(160));
    }

    void priorityOrder()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials({credential(1, 2), credential(2, 0), credential(3, 1), credential(4, 0)}, {}, false);
        pool.setStrategy(PoolStrategy::Priority);
        QCOMPARE(distribution(pool, 50).value(2), 50);   // lowest number, first of equals
        QCOMPARE(*pool.select({2}), qint64(4));
        QCOMPARE(*pool.select({2, 4}), qint64(3));
        pool.report(2, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
        pool.report(4, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
        QCOMPARE(*pool.select({}), qint64(3));
        pool.setEnabled(3, false);
        QCOMPARE(*pool.select({}), qint64(1));
        pool.updateAccount(1, std::nullopt, 5, std::nullopt);
        QCOMPARE(pool.account(1)->credential.priority, 5);
    }

    void randomCoversAll()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(5), {}, false);
        pool.setStrategy(PoolStrategy::Random);
        pool.seedRandom(12345);
        const auto counts = distribution(pool, 5000);
        QCOMPARE(counts.size(), 5);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QVERIFY2(it.value() > 850 && it.value() < 1150, qPrintable(QStringLiteral("account %1: %2").arg(it.key()).arg(it.value())));
        // Exclusions and unusable accounts are never drawn.
        pool.setEnabled(1, false);
        for (int i = 0; i < 200; ++i)
            QVERIFY(*pool.select({2}) > 2);
    }

    void selectionSkipsUnusableAccounts()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(5), {}, false);
        pool.setEnabled(1, false);                                                      // user
        pool.report(2, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));   // invalid
        pool.report(3, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));   // cooldown
        pool.report(4, UpstreamOutcome::QuotaExhausted, QStringLiteral("limit reached")); // out of quota
        const auto counts = distribution(pool, 50);
        QCOMPARE(counts.keys(), QList<qint64>{5});
        QVERIFY(!pool.select({5}));
        QVERIFY(pool.hasSelectable());
        QVERIFY(!pool.hasSelectable({5}));
    }

    void exhaustedQuotaUnlessOverage()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        QJsonObject usage = fake::FakeKiroServer::defaultUsageResponse();
        usage["usageBreakdownList"] = QJsonArray{QJsonObject{{"currentUsageWithPrecision", 50.0}, {"usageLimitWithPrecision", 50.0}}};
        usage["nextDateReset"] = double(QDateTime::currentDateTimeUtc().addDays(10).toSecsSinceEpoch());
        fake.setUsageResponse(usage);
        m_config.apiBaseUrl = fake.baseUrl();
        AccountPool pool(m_config, &m_network);
        pool.setCredentials({credential(1, 0, QStringLiteral("valid-access-1")), credential(2, 0, QStringLiteral("valid-access-2"))}, {}, false);
        QSignalSpy notices(&pool, &AccountPool::notify);
        bool done = false, ok = false;
        pool.refreshQuota(1, [&](bool success, const QString &) { done = true; ok = success; });
        QTRY_VERIFY(done);
        QVERIFY(ok);
        const Account a = *pool.account(1);
        QVERIFY(a.quota.exhausted());
        QCOMPARE(a.quota.level(), QStringLiteral("red"));
        QCOMPARE(a.state, AccountState::Cooldown);
        QCOMPARE(a.stateReason, QStringLiteral("quota exhausted"));
        QCOMPARE(a.cooldownUntil.toSecsSinceEpoch(), qint64(usage["nextDateReset"].toDouble()));
        QCOMPARE(notices.count(), 1);
        QCOMPARE(notices[0][0].toString(), QStringLiteral("quota-low"));
        QCOMPARE(distribution(pool, 10).keys(), QList<qint64>{2});
        pool.updateAccount(1, std::nullopt, std::nullopt, true);   // overage: keep using it
        QCOMPARE(pool.account(1)->state, AccountState::Active);
        QCOMPARE(distribution(pool, 10).size(), 2);
        QCOMPARE(fake.requests("/getUsageLimits")[0].header("authorization"), QByteArray("Bearer valid-access-1"));
    }

    // A reading asked for an account that is removed before it arrives: the caller hears that the
    // account is gone, nothing is applied, the other account is untouched.
    void readingForRemovedAccount()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        fake.setRefreshDelayMs(200);
        m_config.apiBaseUrl = fake.baseUrl();
        m_config.socialAuthBaseUrl = fake.baseUrl();
        AccountPool pool(m_config, &m_network);
        pool.setCredentials({credential(1), credential(2, 0, QStringLiteral("valid-access-2"))}, {}, false);
        int done = 0;
        QStringList errors;
        const auto heard = [&](bool ok, const QString &error) {
            ++done;
            if (!ok)
                errors.append(error);
        };
        pool.refreshQuota(1, heard);    // account 1 first needs a token: the refresh takes 200 ms
        pool.refreshModels(1, heard);
        QVERIFY(pool.removeAccount(1));
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 30000);
        QCOMPARE(errors.size(), 2);
        QCOMPARE(pool.size(), 1);
        QVERIFY(!pool.account(1));
        QVERIFY(!pool.account(2)->quota.fetchedAt.isValid());
        QCOMPARE(fake.requests("/getUsageLimits").size(), 0);
        QCOMPARE(*pool.select({}), qint64(2));
    }

    // A listener of accountChanged removes the account while its reading is being applied: the pool
    // does not touch the removed account afterwards (ASan would report the use after free).
    void accountRemovedWhileItsReadingIsApplied()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        QJsonObject usage = fake::FakeKiroServer::defaultUsageResponse();
        usage["usageBreakdownList"] = QJsonArray{QJsonObject{{"currentUsageWithPrecision", 49.5}, {"usageLimitWithPrecision", 50.0}}};
        fake.setUsageResponse(usage);
        m_config.apiBaseUrl = fake.baseUrl();
        AccountPool pool(m_config, &m_network);
        pool.setCredentials({credential(1, 0, QStringLiteral("valid-access-1")), credential(2, 0, QStringLiteral("valid-access-2"))}, {}, false);
        bool armed = true;
        connect(&pool, &AccountPool::accountChanged, &pool, [&](qint64 id) {
            if (armed && id == 1) {
                armed = false;
                QVERIFY(pool.removeAccount(1));
            }
        });
        bool done = false;
        pool.refreshQuota(1, [&](bool, const QString &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(!armed);
        QCOMPARE(pool.size(), 1);
        QVERIFY(!pool.account(1));
        QVERIFY(!pool.account(2)->quota.fetchedAt.isValid());
        QCOMPARE(*pool.select({}), qint64(2));
    }

    // A listener of accountChanged removes the account an upstream answer was reported for: the pool
    // logs and notifies from what it read before the signal (the account is last in the list, so its
    // strings are freed on removal and ASan reports any later use).
    void accountRemovedWhileItsOutcomeIsApplied()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(2), {}, false);
        connect(&pool, &AccountPool::accountChanged, &pool, [&](qint64 id) {
            if (id == 2)
                pool.removeAccount(2);
        });
        QSignalSpy notices(&pool, &AccountPool::notify);
        pool.report(2, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));
        QVERIFY(!pool.account(2));
        QCOMPARE(notices.count(), 1);
        QCOMPARE(notices[0][1].toString(), QStringLiteral("Kiro account 'user2@example.com' is unusable: suspended: Your account is suspended"));
        QCOMPARE(*pool.select({}), qint64(1));
    }

    // The same when a refresh token is refused: the notice names the account that was signed out.
    void accountRemovedWhileItsRefreshFailureIsApplied()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        m_config.socialAuthBaseUrl = fake.baseUrl();
        AccountPool pool(m_config, &m_network);
        Credential revoked = credential(2);
        revoked.refreshToken = QStringLiteral("revoked-refresh-token-0123456789");
        pool.setCredentials({credential(1), revoked}, {}, false);
        connect(&pool, &AccountPool::accountChanged, &pool, [&](qint64 id) {
            if (id == 2)
                pool.removeAccount(2);
        });
        QSignalSpy notices(&pool, &AccountPool::notify);
        QObject context;
        std::optional<std::variant<QString, ApiError>> answer;
        pool.withAccessToken(2, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QTRY_VERIFY_WITH_TIMEOUT(answer, 30000);
        QCOMPARE(std::get<ApiError>(*answer).httpStatus, 401);
        QVERIFY(!pool.account(2));
        QCOMPARE(notices.count(), 1);
        QVERIFY(notices[0][1].toString().startsWith(QStringLiteral("Kiro account 'user2@example.com' was signed out: refresh token refused")));
    }

    void cooldownEndsByItself()
    {
        ManualClock clock;
        clock.install();
        AccountPool pool(m_config, &m_network);   // the configured 300 s cooldown
        pool.setCredentials(credentials(1), {}, false);
        QSignalSpy changed(&pool, &AccountPool::accountChanged);
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
        QCOMPARE(pool.account(1)->state, AccountState::Cooldown);
        QVERIFY(!pool.select({}));
        changed.clear();
        clock.advance(299 * 1000);
        QCOMPARE(pool.account(1)->state, AccountState::Cooldown);   // not a second early
        QVERIFY(!pool.select({}));
        // Nobody selects: the pool itself brings it back once the time has come, and says so.
        clock.advance(2 * 1000);
        QCOMPARE(pool.account(1)->state, AccountState::Active);
        QVERIFY(changed.count() >= 1);
        QVERIFY(pool.account(1)->stateReason.isEmpty());
        QVERIFY(pool.select({}));
    }

    // Cooldowns of different lengths end in their order, each when its time comes, without anyone
    // selecting; one the user ends by disabling the account is not ended again.
    void cooldownsEndInTheirOrder()
    {
        ManualClock clock;
        clock.install();
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(1000), {}, false);
        pool.report(7, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"), 30);
        pool.report(3, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"), 10);
        pool.report(9, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"), 20);
        pool.report(5, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"), 25);
        QVERIFY(pool.setEnabled(5, false));
        const auto states = [&pool] {
            QList<AccountState> out;
            for (qint64 id : {3, 9, 7, 5})
                out.append(pool.account(id)->state);
            return out;
        };
        using S = AccountState;
        QCOMPARE(states(), (QList<S>{S::Cooldown, S::Cooldown, S::Cooldown, S::Disabled}));
        clock.advance(10 * 1000 - 1);
        QCOMPARE(states(), (QList<S>{S::Cooldown, S::Cooldown, S::Cooldown, S::Disabled}));
        clock.advance(1);
        QCOMPARE(states(), (QList<S>{S::Active, S::Cooldown, S::Cooldown, S::Disabled}));
        clock.advance(10 * 1000);
        QCOMPARE(states(), (QList<S>{S::Active, S::Active, S::Cooldown, S::Disabled}));
        clock.advance(10 * 1000);
        QCOMPARE(states(), (QList<S>{S::Active, S::Active, S::Active, S::Disabled}));
    }

    // select() and release() do not signal each request: the counters are announced once, within a
    // second, while the selector follows each request at once (least used stays even).
    void countersAreAnnouncedTogether()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(3), {}, false);
        pool.setStrategy(PoolStrategy::LeastUsed);
        QSignalSpy changed(&pool, &AccountPool::accountChanged);
        for (int i = 0; i < 300; ++i) {
            const auto id = pool.select({});
            QVERIFY(id);
            pool.release(*id);
        }
        QCOMPARE(changed.count(), 0);
        for (qint64 id : {1, 2, 3})
            QCOMPARE(pool.account(id)->requestCount, qint64(100));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 30000);
        QSet<qint64> announced;
        for (const QList<QVariant> &args : std::as_const(changed))
            announced.insert(args.at(0).toLongLong());
        QCOMPARE(announced, (QSet<qint64>{1, 2, 3}));
        // A change of state is still signalled at once.
        pool.report(2, UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
        QCOMPARE(changed.count(), 4);
    }

    void retryAfterIsHonoured()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(1), {}, false);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("slow down"), 42);
        const qint64 seconds = before.secsTo(pool.account(1)->cooldownUntil);
        QVERIFY2(seconds >= 41 && seconds <= 43, qPrintable(QString::number(seconds)));
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("slow down"));   // without a hint: the configured 300 s
        QVERIFY(before.secsTo(pool.account(1)->cooldownUntil) >= 299);
    }

    void transitionForEachOutcome_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("reasonStart");
        QTest::addColumn<int>("errors");
        using O = UpstreamOutcome;
        using S = AccountState;
        QTest::newRow("success") << int(O::Success) << "" << int(S::Active) << "" << 0;
        QTest::newRow("throttled") << int(O::Throttled) << "Rate exceeded" << int(S::Cooldown) << "throttled" << 1;
        QTest::newRow("quota") << int(O::QuotaExhausted) << "limit" << int(S::Cooldown) << "quota exhausted" << 1;
        QTest::newRow("token rejected") << int(O::TokenRejected) << "bearer token invalid" << int(S::Active) << "" << 1;
        QTest::newRow("suspended") << int(O::Forbidden) << "Your account is suspended" << int(S::Invalid) << "suspended: " << 1;
        QTest::newRow("forbidden") << int(O::Forbidden) << "not authorized" << int(S::Invalid) << "forbidden: " << 1;
        QTest::newRow("server error") << int(O::ServerError) << "Internal server error" << int(S::Active) << "" << 1;
        QTest::newRow("network error") << int(O::NetworkError) << "connection refused" << int(S::Active) << "" << 1;
    }

    void transitionForEachOutcome()
    {
        QFETCH(int, outcome);
        QFETCH(QString, detail);
        QFETCH(int, state);
        QFETCH(QString, reasonStart);
        QFETCH(int, errors);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const FailoverPolicy policy(300);
        Account a;
        a.consecutiveErrors = 2;
        policy.apply(a, UpstreamOutcome(outcome), detail, 0, now);
        QCOMPARE(int(a.state), state);
        QVERIFY2(reasonStart.isEmpty() ? a.stateReason.isEmpty() : a.stateReason.startsWith(reasonStart), qPrintable(a.stateReason));
        QCOMPARE(a.errorCount, errors);
        QCOMPARE(a.consecutiveErrors, errors ? 3 : 0);
        if (errors)
            QCOMPARE(a.lastError, detail);
        if (UpstreamOutcome(outcome) == UpstreamOutcome::Throttled)
            QCOMPARE(now.secsTo(a.cooldownUntil), qint64(300));
        if (UpstreamOutcome(outcome) == UpstreamOutcome::QuotaExhausted) {   // no known reset: the 1st of next month, UTC
            QCOMPARE(a.cooldownUntil.date().day(), 1);
            QCOMPARE(a.cooldownUntil.time(), QTime(0, 0));
            QVERIFY(a.cooldownUntil > now && now.daysTo(a.cooldownUntil) <= 31);
        }

        // Neither the user's disabling nor an earlier verdict is overridden by an upstream answer.
        for (AccountState fixed : {AccountState::Disabled, AccountState::Invalid}) {
            Account b;
            b.state = fixed;
            QVERIFY(!policy.apply(b, UpstreamOutcome(outcome), detail, 0, now));
            QCOMPARE(b.state, fixed);
        }
    }

    void refreshFailures()
    {
        const FailoverPolicy policy;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Account a;
        QVERIFY(!policy.applyRefreshFailure(a, false, QStringLiteral("HTTP 500"), now));
        QCOMPARE(a.state, AccountState::Active);
        QCOMPARE(a.errorCount, 1);
        QVERIFY(policy.applyRefreshFailure(a, true, QStringLiteral("HTTP 400: invalid_grant"), now));
        QCOMPARE(a.state, AccountState::Invalid);
        QVERIFY(a.stateReason.startsWith("refresh token refused"));
    }

    void revokedRefreshTokenMakesTheAccountInvalid()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        m_config.socialAuthBaseUrl = fake.baseUrl();
        AccountPool pool(m_config, &m_network);
        Credential revoked = credential(1);
        revoked.refreshToken = QStringLiteral("revoked-refresh-token-0123456789");
        pool.setCredentials({revoked, credential(2)}, {}, false);
        QSignalSpy notices(&pool, &AccountPool::notify);
        QObject context;
        std::optional<std::variant<QString, ApiError>> answer;
        pool.withAccessToken(1, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QTRY_VERIFY(answer);
        QCOMPARE(std::get<ApiError>(*answer).httpStatus, 401);
        QCOMPARE(pool.account(1)->state, AccountState::Invalid);
        QVERIFY(pool.account(1)->stateReason.contains("invalid_grant") || pool.account(1)->stateReason.contains("Invalid refresh token"));
        QCOMPARE(notices.count(), 1);
        QCOMPARE(notices[0][0].toString(), QStringLiteral("account-invalid"));
        // The other account is refreshed fine and keeps serving.
        answer.reset();
        pool.withAccessToken(2, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QTRY_VERIFY(answer);
        QVERIFY(std::get<QString>(*answer).startsWith("fake-access-"));
        QCOMPARE(distribution(pool, 5).keys(), QList<qint64>{2});
    }

    void userDisablingIsNotAutomaticInvalidation()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(2), {}, false);
        pool.setEnabled(1, false);
        pool.report(2, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));
        const Account user = *pool.account(1);
        const Account automatic = *pool.account(2);
        QCOMPARE(user.state, AccountState::Disabled);
        QVERIFY(user.credential.disabled);
        QVERIFY(user.stateReason.isEmpty());
        QCOMPARE(automatic.state, AccountState::Invalid);
        QVERIFY(!automatic.credential.disabled);
        QCOMPARE(user.toPublicJson().value("state").toString(), QStringLiteral("disabled"));
        QCOMPARE(automatic.toPublicJson().value("state").toString(), QStringLiteral("invalid"));
        // Throttling a disabled account does not wake it; enabling brings back either.
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("x"));
        QCOMPARE(pool.account(1)->state, AccountState::Disabled);
        QVERIFY(pool.setEnabled(1, true));
        QVERIFY(pool.setEnabled(2, true));
        QCOMPARE(pool.account(1)->state, AccountState::Active);
        QCOMPARE(pool.account(2)->state, AccountState::Active);
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("x"));
        QCOMPARE(pool.account(1)->state, AccountState::Cooldown);
        QVERIFY(pool.setEnabled(1, true));   // the user overrides a cooldown too
        QCOMPARE(pool.account(1)->state, AccountState::Active);
        QVERIFY(!pool.account(1)->cooldownUntil.isValid());
        QVERIFY(!pool.setEnabled(99, true));
        QVERIFY(!pool.removeAccount(99));
        QVERIFY(!pool.updateAccount(99, QStringLiteral("x"), 1, true));
    }

    void poolExhaustedErrors()
    {
        AccountPool empty(m_config, &m_network);
        ApiError e = empty.unavailableError();
        QCOMPARE(e.httpStatus, 503);
        QVERIFY(e.message.contains("no Kiro account is configured"));

        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(3), {}, false);
        QSignalSpy notices(&pool, &AccountPool::notify);
        for (qint64 id : {1, 2, 3})
            pool.setEnabled(id, false);
        e = pool.unavailableError();
        QCOMPARE(e.httpStatus, 503);
        QVERIFY(e.message.contains("all are disabled"));

        for (qint64 id : {1, 2, 3})
            pool.setEnabled(id, true);
        pool.report(1, UpstreamOutcome::Throttled, QStringLiteral("x"), 100);
        pool.report(2, UpstreamOutcome::Throttled, QStringLiteral("x"), 30);
        pool.report(3, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));
        e = pool.unavailableError();
        QCOMPARE(e.httpStatus, 429);
        QCOMPARE(e.type, QStringLiteral("rate_limit_error"));
        const QDateTime first = pool.account(2)->cooldownUntil;
        QCOMPARE(*pool.firstAvailableAt(), first);
        QVERIFY2(e.message.contains(first.toString(Qt::ISODate)), qPrintable(e.message));

        for (qint64 id : {1, 2})
            pool.report(id, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));
        pool.setEnabled(1, true);
        pool.report(1, UpstreamOutcome::Forbidden, QStringLiteral("User is not authorized"));
        e = pool.unavailableError();
        QCOMPARE(e.httpStatus, 503);
        QVERIFY2(e.message.contains("user1@example.com") && e.message.contains("suspended"), qPrintable(e.message));
        QVERIFY(!pool.firstAvailableAt());
        // One notice however often the pool is found exhausted within a minute.
        int exhausted = 0;
        for (const auto &args : notices)
            exhausted += args[0].toString() == QLatin1String("pool-exhausted") ? 1 : 0;
        QCOMPARE(exhausted, 1);
    }

    // 10,000 accounts without a catalogue of their own serve every fallback model; an account added
    // later with its own catalogue is indexed under what it lists and alone serves what only it lists.
    void tenThousandFallbackAccountsAndALaterCatalogue()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        fake.setDefaultModelCatalogue(fake::FakeModels::paid());
        m_config.apiBaseUrl = fake.baseUrl();
        m_config.socialAuthBaseUrl = fake.baseUrl();
        constexpr int N = 10000;
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(N), {}, false);
        const auto sonnet = pool.resolveModel(QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(std::get<ResolvedModel>(sonnet).kiroModelId, QStringLiteral("claude-sonnet-4.6"));
        QCOMPARE(std::get<ResolvedModel>(pool.resolveModel(QStringLiteral("claude-opus-4-7"))).kiroModelId,
                 QStringLiteral("claude-opus-4.6"));   // the newest opus offered
        QVERIFY(std::holds_alternative<ApiError>(pool.resolveModel(QStringLiteral("deepseek-3.2"))));
        QCOMPARE(pool.modelIndex().accountsFor(QStringLiteral("claude-opus-4.6")).size(), qsizetype(N));
        QVERIFY(pool.select({}, QStringLiteral("claude-opus-4.6")));

        const qint64 id = std::get<qint64>(pool.addAccount(credential(N + 1), QString()));
        bool read = false;
        pool.refreshModels(id, [&](bool ok, const QString &error) {
            QVERIFY2(ok, qPrintable(error));
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
        QCOMPARE(std::get<ResolvedModel>(pool.resolveModel(QStringLiteral("deepseek-3.2"))).kiroModelId, QStringLiteral("deepseek-3.2"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(pool.select({}, QStringLiteral("deepseek-3.2")), std::optional<qint64>(id));
        QCOMPARE(pool.modelIndex().accountsFor(QStringLiteral("claude-sonnet-4.6")).size(), qsizetype(N + 1));
        const ModelAccounts opus = pool.modelIndex().accountsFor(QStringLiteral("claude-opus-4.6"));
        QCOMPARE(opus.size(), qsizetype(N));
        QVERIFY(!opus.contains(id));
        // Once it is gone, nobody lists deepseek any more.
        QVERIFY(pool.removeAccount(id));
        QVERIFY(std::holds_alternative<ApiError>(pool.resolveModel(QStringLiteral("deepseek-3.2"))));
    }

    void selectionTimeWith1000Accounts()
    {
        AccountPool pool(m_config, &m_network);
        pool.setCredentials(credentials(1000), {}, false);
        for (PoolStrategy s : {PoolStrategy::RoundRobin, PoolStrategy::Random, PoolStrategy::LeastUsed, PoolStrategy::Priority}) {
            pool.setStrategy(s);
            constexpr int Rounds = 20000;
            QElapsedTimer clock;
            clock.start();
            for (int i = 0; i < Rounds; ++i)
                QVERIFY(pool.select({}));
            qInfo("selection among 1000 accounts, %s: %.2f us per select", qPrintable(poolStrategyName(s)),
                  double(clock.nsecsElapsed()) / Rounds / 1000.0);
        }
        // Worst case: 999 accounts cooling down, the only usable one found by a full scan.
        for (qint64 id = 1; id < 1000; ++id)
            pool.report(id, UpstreamOutcome::Throttled, QStringLiteral("x"));
        pool.setStrategy(PoolStrategy::RoundRobin);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 5000; ++i)
            QCOMPARE(*pool.select({}), qint64(1000));
        qInfo("selection among 1000 accounts with 999 cooling down: %.2f us per select", double(clock.nsecsElapsed()) / 5000 / 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestAccountPool)
#include "tst_accountpool.moc"
