// TokenBroker against the fake Kiro auth service: one refresh in flight per account whatever the
// number of callers, a refused token refreshed once (not when another caller already replaced it),
// the pool hearing every outcome before the callers, callbacks of a destroyed context dropped.
#include "pool/tokenbroker.h"

#include "config/config.h"
#include "fakekiroserver.h"
#include "pool/poolaccounts.h"
#include "upstream/networkmanagerpool.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace kt;

namespace {

Account account(qint64 id, const QString &refreshToken, const QString &access = {})
{
    Account a;
    a.credential.id = id;
    a.credential.refreshToken = refreshToken;
    a.credential.email = QStringLiteral("broker%1@example.com").arg(id);
    if (!access.isEmpty()) {
        a.credential.accessToken = access;
        a.credential.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    }
    return a;
}

using Answer = std::optional<std::variant<QString, ApiError>>;

} // namespace

class TestTokenBroker : public QObject
{
    Q_OBJECT

    Config m_config;
    NetworkManagerPool m_network;
    std::unique_ptr<fake::FakeKiroServer> m_fake;

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<fake::FakeKiroServer>();
        QVERIFY(m_fake->listen());
        m_config = Config();
        m_config.socialAuthBaseUrl = m_fake->baseUrl();
    }
    void cleanup() { m_fake.reset(); }

    void oneRefreshForEveryWaitingCaller()
    {
        PoolAccounts accounts(m_config);
        accounts.replace({account(1, QStringLiteral("broker-refresh-token-1-0123456789"))});
        TokenBroker broker(m_config, &m_network, accounts);
        QSignalSpy refreshed(&broker, &TokenBroker::refreshed);
        QString tokenWhenSignalled;
        connect(&broker, &TokenBroker::refreshed, this, [&](qint64 id) { tokenWhenSignalled = accounts.find(id)->credential.accessToken; });
        m_fake->setRefreshDelayMs(100);
        QObject context;
        QList<Answer> answers(3);
        for (Answer &answer : answers)
            broker.withAccessToken(1, {}, &context, [&answer](std::variant<QString, ApiError> a) { answer = a; });
        QTRY_VERIFY_WITH_TIMEOUT(answers.at(2).has_value(), 30000);
        QCOMPARE(m_fake->refreshCount(), 1);
        QCOMPARE(broker.refreshesStarted(), 1);
        QCOMPARE(refreshed.count(), 1);
        const QString token = std::get<QString>(*answers.at(0));
        QVERIFY(token.startsWith(QStringLiteral("fake-access-")));
        for (const Answer &answer : answers)
            QCOMPARE(std::get<QString>(*answer), token);
        QCOMPARE(tokenWhenSignalled, token);   // the pool saw the new token before the callers
        QCOMPARE(accounts.find(1)->credential.accessToken, token);

        // A usable token is handed out as it is; a refused one is refreshed, unless already replaced.
        Answer again;
        broker.withAccessToken(1, QStringLiteral("an-older-token"), &context, [&](std::variant<QString, ApiError> a) { again = a; });
        QVERIFY(again);
        QCOMPARE(std::get<QString>(*again), token);
        again.reset();
        broker.withAccessToken(1, token, &context, [&](std::variant<QString, ApiError> a) { again = a; });
        QTRY_VERIFY_WITH_TIMEOUT(again.has_value(), 30000);
        QCOMPARE(m_fake->refreshCount(), 2);
        QVERIFY(std::get<QString>(*again) != token);
        // The first refresh brought the profile, the second only a new access token: neither is
        // lasting (a restart gets both again with the saved refresh token).
        QCOMPARE(refreshed.count(), 2);
        QVERIFY(!accounts.find(1)->credential.profileArn.isEmpty());
        QCOMPARE(refreshed.at(0).at(1).toBool(), false);
        QCOMPARE(refreshed.at(1).at(1).toBool(), false);
    }

    void aRotatedRefreshTokenIsALastingChange()
    {
        PoolAccounts accounts(m_config);
        accounts.replace({account(1, QStringLiteral("broker-rotate-refresh-token-0123456789"))});
        TokenBroker broker(m_config, &m_network, accounts);
        QSignalSpy refreshed(&broker, &TokenBroker::refreshed);
        QObject context;
        Answer answer;
        broker.withAccessToken(1, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 30000);
        const QString first = std::get<QString>(*answer);
        answer.reset();
        broker.withAccessToken(1, first, &context, [&](std::variant<QString, ApiError> a) { answer = a; });   // refused: refresh again
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 30000);
        QCOMPARE(refreshed.count(), 2);
        QCOMPARE(refreshed.at(1).at(1).toBool(), true);   // the same profile, but a new refresh token
        QVERIFY2(accounts.find(1)->credential.refreshToken.endsWith(QStringLiteral("-r2")), qPrintable(accounts.find(1)->credential.refreshToken));
    }

    void callbacksOfADestroyedContextAreDropped()
    {
        PoolAccounts accounts(m_config);
        accounts.replace({account(1, QStringLiteral("broker-refresh-token-1-0123456789"))});
        TokenBroker broker(m_config, &m_network, accounts);
        m_fake->setRefreshDelayMs(100);
        QSignalSpy refreshed(&broker, &TokenBroker::refreshed);
        auto gone = std::make_unique<QObject>();
        QObject stays;
        int goneCalls = 0;
        Answer kept;
        broker.withAccessToken(1, {}, gone.get(), [&](std::variant<QString, ApiError>) { ++goneCalls; });
        broker.withAccessToken(1, {}, &stays, [&](std::variant<QString, ApiError> a) { kept = a; });
        gone.reset();
        QTRY_VERIFY_WITH_TIMEOUT(kept.has_value(), 30000);
        QCOMPARE(goneCalls, 0);
        QCOMPARE(refreshed.count(), 1);
    }

    void failuresReachThePoolFirst()
    {
        PoolAccounts accounts(m_config);
        Account noRefresh = account(2, QString());
        accounts.replace({account(1, QStringLiteral("revoked-refresh-token-0123456789")), noRefresh});
        TokenBroker broker(m_config, &m_network, accounts);
        QSignalSpy failed(&broker, &TokenBroker::refreshFailed);
        QSignalSpy cannot(&broker, &TokenBroker::cannotRefresh);
        QObject context;
        Answer answer;
        broker.withAccessToken(1, {}, &context, [&](std::variant<QString, ApiError> a) {
            QCOMPARE(failed.count(), 1);
            answer = a;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 30000);
        QCOMPARE(std::get<ApiError>(*answer).httpStatus, 401);
        QCOMPARE(failed.at(0).at(0).toLongLong(), 1);
        QCOMPARE(failed.at(0).at(1).toBool(), true);   // permanent: the refresh token was refused
        answer.reset();
        broker.withAccessToken(2, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QVERIFY(answer);   // at once: nothing to refresh with
        QCOMPARE(std::get<ApiError>(*answer).httpStatus, 401);
        QCOMPARE(cannot.count(), 1);
        QVERIFY(cannot.at(0).at(1).toString().contains(QStringLiteral("no usable refresh token")));
        answer.reset();
        broker.withAccessToken(3, {}, &context, [&](std::variant<QString, ApiError> a) { answer = a; });
        QVERIFY(answer);
        QCOMPARE(std::get<ApiError>(*answer).httpStatus, 503);   // no such account
    }

    void aRefusedTokenIsRefreshedOnce()
    {
        PoolAccounts accounts(m_config);
        Account apiKey;
        apiKey.credential.id = 2;
        apiKey.credential.authMethod = AuthMethod::ApiKey;
        apiKey.credential.kiroApiKey = QStringLiteral("ksk_broker_api_key_0123456789");
        accounts.replace({account(1, QStringLiteral("broker-refresh-token-1-0123456789"), QStringLiteral("first-access")), apiKey});
        TokenBroker broker(m_config, &m_network, accounts);
        QObject context;
        QStringList given;
        QList<bool> retried;
        bool finished = false;
        broker.withToken(1, &context, [&](std::variant<QString, ApiError> token, const std::function<bool()> &refused) {
            given.append(std::get<QString>(token));
            const bool again = refused();   // the upstream said no to every token
            retried.append(again);
            finished = !again;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QCOMPARE(given.size(), 2);
        QCOMPARE(given.at(0), QStringLiteral("first-access"));
        QVERIFY(given.at(1).startsWith(QStringLiteral("fake-access-")));
        QCOMPARE(retried, QList<bool>({true, false}));
        QCOMPARE(m_fake->refreshCount(), 1);

        // An API key cannot be refreshed.
        given.clear();
        retried.clear();
        broker.withToken(2, &context, [&](std::variant<QString, ApiError> token, const std::function<bool()> &refused) {
            given.append(std::get<QString>(token));
            retried.append(refused());
        });
        QCOMPARE(given, QStringList({QStringLiteral("ksk_broker_api_key_0123456789")}));
        QCOMPARE(retried, QList<bool>({false}));
        QCOMPARE(m_fake->refreshCount(), 1);
    }

    void refusedTokenRule()
    {
        QVERIFY(TokenBroker::refusesToken(401, {}));
        QVERIFY(TokenBroker::refusesToken(403, QStringLiteral("The bearer Token is invalid")));
        QVERIFY(!TokenBroker::refusesToken(403, QStringLiteral("account suspended")));
        QVERIFY(!TokenBroker::refusesToken(429, QStringLiteral("token rate")));
    }
};

QTEST_GUILESS_MAIN(TestTokenBroker)
#include "tst_tokenbroker.moc"
