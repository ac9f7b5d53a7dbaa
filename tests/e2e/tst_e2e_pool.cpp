// The account pool through the running proxy: accounts whose access tokens make the fake upstream
// throttle, suspend, refuse for quota, fail or reject them, next to a healthy one. Requests still
// succeed; states and error counts are right; the pool-exhausted errors; cooldowns ending by
// themselves; persistence across a restart; no retry once bytes reached the client; and the
// latency one throttled account adds (measured, printed, not asserted).
#include "util/clock.h"
#include "poolaccounts.h"
#include "proxyfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <algorithm>

using namespace kt;
using namespace kt::test;

namespace {

QJsonObject account(const QString &word, int priority = 0)
{
    return poolAccount(word, priority);
}

qint64 median(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

class TestE2ePool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transientFailuresAreRetriedOnTheSameAccount()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("healthy-a", 0), account("healthy-b", 1)}));
        f.fake.failNext(2, 500);
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("stop_reason").toString(), QStringLiteral("end_turn"));
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 3);
        // all three on one account (whichever the pool chose first): a retry, not a failover
        QCOMPARE(qMax(upstreamCallsWith(f, "valid-access-healthy-a"), upstreamCallsWith(f, "valid-access-healthy-b")), 3);
        QVERIFY2(r.elapsedMs >= 700, qPrintable(QString::number(r.elapsedMs)));   // 250 + 500 ms of back-off at least
    }

    void persistentFailureFailsOverAfterTheRetries()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("healthy-a", 0), account("healthy-b", 1)}));
        f.fake.failNext(3, 503);
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 200);
        const QList<fake::RecordedRequest> calls = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(calls.size(), 4);
        QCOMPARE(calls[0].header("authorization"), calls[2].header("authorization"));
        QVERIFY(calls[3].header("authorization") != calls[0].header("authorization"));
    }

    void requestsSucceedThroughTheHealthyAccount()
    {
        ProxyFixture f;
        const QJsonArray accounts{account("throttled"), account("suspended"), account("quota"), account("broken"),
                                  account("expired"), account("healthy")};
        QVERIFY(f.start(accounts, [](Config &c) { c.quotaRefreshMinutes = 0; }));
        for (int i = 0; i < 8; ++i) {
            const HttpResult r = f.messages(QStringLiteral("Hi %1").arg(i), i % 2 == 1);
            QCOMPARE(r.status, 200);
            if (i % 2)
                QCOMPARE(r.eventNames().last(), QByteArray("message_stop"));
            else
                QCOMPARE(r.json().value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("Hello, world!"));
        }
        // The first request walked the whole pool (round-robin), one attempt per account plus the
        // retry of the expired token after its refresh, and two retries of the broken one (a 500)
        // before it failed over.
        QTRY_COMPARE(f.records.size(), 8);
        QCOMPARE(f.records.first().attempts, 8);
        QCOMPARE(f.fake.refreshCount(), 1);

        const auto byName = accountsByName(f);
        QCOMPARE(byName.size(), 6);
        const QJsonObject throttled = byName["throttled"], suspended = byName["suspended"], quota = byName["quota"];
        const QJsonObject broken = byName["broken"], expired = byName["expired"], healthy = byName["healthy"];
        QCOMPARE(throttled.value("state").toString(), QStringLiteral("cooldown"));
        QCOMPARE(throttled.value("stateReason").toString(), QStringLiteral("throttled"));
        QVERIFY(QDateTime::fromString(throttled.value("cooldownUntil").toString(), Qt::ISODateWithMs) > QDateTime::currentDateTimeUtc().addSecs(250));
        QCOMPARE(throttled.value("errorCount").toInt(), 1);
        QCOMPARE(suspended.value("state").toString(), QStringLiteral("invalid"));
        QVERIFY2(suspended.value("stateReason").toString().startsWith("suspended: "), qPrintable(suspended.value("stateReason").toString()));
        QCOMPARE(suspended.value("errorCount").toInt(), 1);
        QCOMPARE(quota.value("state").toString(), QStringLiteral("cooldown"));
        QCOMPARE(quota.value("stateReason").toString(), QStringLiteral("quota exhausted"));
        QCOMPARE(quota.value("errorCount").toInt(), 1);
        // 5xx only counts; every attempt on the broken account was one error.
        QCOMPARE(broken.value("state").toString(), QStringLiteral("active"));
        QVERIFY(broken.value("errorCount").toInt() >= 2);
        QCOMPARE(broken.value("errorCount").toInt(), upstreamCallsWith(f, "valid-access-broken"));
        QVERIFY(broken.value("lastError").toString().contains("Internal server error"));
        // An expired token is refreshed once: not an error, and the account serves afterwards.
        QCOMPARE(expired.value("state").toString(), QStringLiteral("active"));
        QCOMPARE(expired.value("errorCount").toInt(), 0);
        QCOMPARE(healthy.value("errorCount").toInt(), 0);
        QVERIFY(healthy.value("requestCount").toInt() >= 2);
        // The throttled, suspended and quota accounts were asked once each, never again.
        QCOMPARE(upstreamCallsWith(f, "valid-access-throttled"), 1);
        QCOMPARE(upstreamCallsWith(f, "valid-access-suspended"), 1);
        QCOMPARE(upstreamCallsWith(f, "valid-access-quota"), 1);
        int served = 0;
        for (const RequestRecord &r : f.records)
            served += r.status == 200 && (r.accountName.startsWith("healthy") || r.accountName.startsWith("expired")) ? 1 : 0;
        QCOMPARE(served, 8);
    }

    void allThrottledIs429NamingWhenTheFirstFreesUp()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("throttled-a"), account("throttled-b")}, [](Config &c) { c.cooldownSeconds = 120; }));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorType(), QStringLiteral("rate_limit_error"));
        QString message = r.json().value("error").toObject().value("message").toString();
        QVERIFY2(message.contains("frees up at"), qPrintable(message));
        const int retryAfter = r.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 110 && retryAfter <= 121, r.header("Retry-After").constData());
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 2);
        // Later requests are answered at once, without asking the upstream, for both response kinds.
        for (bool stream : {false, true}) {
            r = f.messages(QStringLiteral("Hi"), stream);
            QCOMPARE(r.status, 429);
            QCOMPARE(r.errorType(), QStringLiteral("rate_limit_error"));
            message = r.json().value("error").toObject().value("message").toString();
            const QString when = message.section("frees up at ", 1).section(' ', 0, 0);
            const QDateTime first = QDateTime::fromString(when, Qt::ISODate);
            QVERIFY2(first.isValid() && before.secsTo(first) >= 119 && before.secsTo(first) <= 122, qPrintable(message));
            QVERIFY(r.header("Retry-After").toInt() > 100);
        }
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 2);
    }

    void allInvalidIs503WithTheReason()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("suspended-a"), account("suspended-b")}));
        HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 403);   // this request's own answer: the upstream forbade both accounts
        QCOMPARE(r.errorType(), QStringLiteral("permission_error"));
        for (bool stream : {false, true}) {
            r = f.messages(QStringLiteral("Hi"), stream);
            QCOMPARE(r.status, 503);
            QCOMPARE(r.errorType(), QStringLiteral("api_error"));
            const QString message = r.json().value("error").toObject().value("message").toString();
            QVERIFY2(message.contains("suspended-a@example.com") && message.contains("suspended-b@example.com")
                         && message.contains("suspended: Your account is suspended"), qPrintable(message));
        }
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 2);
        // The user enabling an account again is a fresh chance (and here a fresh refusal).
        QCOMPARE(f.api("POST", "/api/accounts/1/enable").status, 200);
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 403);
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 3);
    }

    void cooldownEndsByItself()
    {
        ManualClock clock;
        clock.install();
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("throttled"), account("healthy")}, [](Config &c) { c.cooldownSeconds = 120; }));
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
        QCOMPARE(accountsByName(f)["throttled"].value("state").toString(), QStringLiteral("cooldown"));
        clock.advance(119 * 1000);
        QCOMPARE(accountsByName(f)["throttled"].value("state").toString(), QStringLiteral("cooldown"));
        // No request needed: once the time has come the state turns back to active on its own.
        clock.advance(2 * 1000);
        QTRY_COMPARE(accountsByName(f)["throttled"].value("state").toString(), QStringLiteral("active"));
        QCOMPARE(accountsByName(f)["throttled"].value("stateReason").toString(), QString());
    }

    void failoverLatencyOfOneThrottledAccount()
    {
        constexpr int Rounds = 40;
        QList<qint64> direct, failover;
        {
            ProxyFixture f;
            QVERIFY(f.start(QJsonArray{account("healthy")}));
            f.fake.setChunkSize(1 << 16);   // whole replies: no tiny-write stalls in the measurement
            f.messages(QStringLiteral("warm-up"), false);
            for (int i = 0; i < Rounds; ++i) {
                const HttpResult r = f.messages(QStringLiteral("Hi"), false);
                QCOMPARE(r.status, 200);
                direct.append(r.elapsedMs);
            }
        }
        {
            ProxyFixture f;
            // Priority order puts the throttled account first every time; cooldown 0 keeps it eligible.
            QVERIFY(f.start(QJsonArray{account("throttled", 0), account("healthy", 1)}, [](Config &c) { c.cooldownSeconds = 0; }));
            QCOMPARE(f.api("POST", "/api/strategy", QJsonObject{{"strategy", "priority"}}).status, 200);
            f.fake.setChunkSize(1 << 16);
            f.messages(QStringLiteral("warm-up"), false);
            for (int i = 0; i < Rounds; ++i) {
                const HttpResult r = f.messages(QStringLiteral("Hi"), false);
                QCOMPARE(r.status, 200);
                failover.append(r.elapsedMs);
            }
            QCOMPARE(upstreamCallsWith(f, "valid-access-throttled"), Rounds + 1);
            const auto messages = [&f] {
                QList<RequestRecord> out;
                for (const RequestRecord &r : f.records)
                    if (r.path == QLatin1String("/v1/messages"))
                        out.append(r);
                return out;
            };
            QTRY_COMPARE(messages().size(), Rounds + 1);
            QCOMPARE(messages().last().attempts, 2);
        }
        qInfo("failover latency over %d requests: median %lld ms (min %lld) with one throttled account tried first, "
              "%lld ms (min %lld) direct: %lld ms added at the median", Rounds, median(failover),
              *std::min_element(failover.cbegin(), failover.cend()), median(direct),
              *std::min_element(direct.cbegin(), direct.cend()), median(failover) - median(direct));
    }

    void persistsAcrossRestart()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("throttled"), account("healthy"), account("spare")}));
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
        QCOMPARE(f.messages(QStringLiteral("Hi"), true).status, 200);
        auto before = accountsByName(f);
        const int spare = before["spare"].value("id").toInt();
        QCOMPARE(f.api("POST", QByteArray("/api/accounts/") + QByteArray::number(spare) + "/disable").status, 200);
        QCOMPARE(f.api("POST", "/api/strategy", QJsonObject{{"strategy", "least-used"}}).status, 200);
        QCOMPARE(f.api("PATCH", "/api/accounts/2", QJsonObject{{"name", "Renamed"}, {"priority", 4}}).status, 200);
        before = accountsByName(f);
        // credentials.json is imported once only: a changed file is not read again.
        QFile file(f.credentialsPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(QJsonArray{account("newcomer")}).toJson());
        file.close();

        QVERIFY(f.restart());
        const auto after = accountsByName(f);
        QCOMPARE(after.size(), 3);
        QVERIFY(!after.contains("newcomer"));
        QCOMPARE(after["throttled"].value("state").toString(), QStringLiteral("cooldown"));
        QCOMPARE(after["throttled"].value("cooldownUntil"), before["throttled"].value("cooldownUntil"));
        QCOMPARE(after["spare"].value("state").toString(), QStringLiteral("disabled"));
        QCOMPARE(after["Renamed"].value("priority").toInt(), 4);
        for (const QString &name : {QStringLiteral("throttled"), QStringLiteral("Renamed"), QStringLiteral("spare")}) {
            QCOMPARE(after[name].value("requestCount"), before[name].value("requestCount"));
            QCOMPARE(after[name].value("errorCount"), before[name].value("errorCount"));
        }
        QCOMPARE(f.api("GET", "/api/strategy").json().value("strategy").toString(), QStringLiteral("least-used"));
        QCOMPARE(f.api("GET", "/api/logs").json().value("total").toInt(), 2);
        // The restored pool serves with the stored tokens, without a refresh.
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
        QCOMPARE(f.fake.refreshCount(), 0);
        QCOMPARE(f.api("GET", "/api/logs").json().value("total").toInt(), 3);
    }

    void serviceFacadeForTheUi()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("healthy"), account("suspended")}));
        ProxyService &service = *f.service;
        // What the UI sees: whole lists, then the accounts that changed in place, applied in order.
        QList<Account> view;
        QString strategy;
        int updates = 0, patches = 0;
        QObject context;
        QObject::connect(&service, &ProxyService::accountsUpdated, &context, [&](const QList<Account> &list, const QString &s) {
            view = list;
            strategy = s;
            ++updates;
        });
        QObject::connect(&service, &ProxyService::accountsPatched, &context, [&](const QList<Account> &changed) {
            for (const Account &a : changed) {
                auto it = std::find_if(view.begin(), view.end(), [&a](const Account &b) { return b.id() == a.id(); });
                QVERIFY(it != view.end());   // a patch names accounts the last whole list had
                *it = a;
            }
            ++patches;
        });
        QSignalSpy imports(&service, &ProxyService::importFinished);
        QSignalSpy logs(&service, &ProxyService::logsReady);
        QSignalSpy stats(&service, &ProxyService::statsReady);
        QSignalSpy notices(&service, &ProxyService::notification);

        service.requestAccounts();
        QTRY_VERIFY(updates > 0);
        QCOMPARE(view.size(), 2);
        QCOMPARE(strategy, QStringLiteral("round-robin"));
        for (const Account &a : std::as_const(view))
            QVERIFY(a.credential.refreshToken.isEmpty() && a.credential.accessToken.isEmpty());   // stripped

        service.importAccounts(QJsonDocument(QJsonArray{account("extra")}).toJson(), true);
        QTRY_COMPARE(imports.size(), 1);
        QCOMPARE(imports[0][0].toJsonObject().value("entries").toArray()[0].toObject().value("status").toString(), QStringLiteral("new"));
        service.importAccounts(QJsonDocument(QJsonArray{account("extra")}).toJson(), false);
        QTRY_COMPARE(imports.size(), 2);
        QTRY_COMPARE(view.size(), 3);   // pool changes are pushed

        service.setAccountEnabled(3, false);
        service.setStrategy(QStringLiteral("priority"));
        service.updateAccount(1, {QStringLiteral("Main"), 2, true});   // overage too, as the admin API can
        QTRY_VERIFY(strategy == QLatin1String("priority") && view.at(0).name == QLatin1String("Main"));
        QCOMPARE(view.at(2).state, AccountState::Disabled);
        QCOMPARE(view.at(0).credential.priority, 2);
        QCOMPARE(view.at(0).overageEnabled, true);
        // The core's rules hold for the UI's edits too: a name over 200 characters is refused, not cut.
        const int updatesBefore = updates, patchesBefore = patches;
        service.updateAccount(1, {QString(201, QLatin1Char('n')), std::nullopt, std::nullopt});
        service.updateAccount(3, {QStringLiteral("Third"), std::nullopt, std::nullopt});   // a later edit that passes
        QTRY_COMPARE(view.at(2).name, QStringLiteral("Third"));
        QCOMPARE(view.at(0).name, QStringLiteral("Main"));
        QCOMPARE(updates, updatesBefore);   // one account's edit comes alone, not with the whole pool
        QVERIFY(patches > patchesBefore);

        // Two requests: the suspended account becomes invalid (a notification), both are served.
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
        QTRY_VERIFY(!notices.isEmpty());
        QCOMPARE(notices[0][0].toString(), QStringLiteral("account-invalid"));
        QVERIFY(notices[0][1].toString().contains("suspended@example.com"));

        LogFilter filter;
        filter.limit = 1;
        service.queryLogs(7, filter);
        service.queryStats(8);
        QTRY_COMPARE(logs.size(), 1);
        QCOMPARE(logs[0][0].toInt(), 7);
        QCOMPARE(logs[0][1].value<QList<RequestRecord>>().size(), 1);
        QTRY_COMPARE(stats.size(), 1);
        QCOMPARE(stats[0][0].toInt(), 8);
        QCOMPARE(stats[0][1].toJsonObject().value("totals").toObject().value("requests").toInt(), 2);

        service.removeAccount(3);
        service.refreshQuota(1);
        QTRY_COMPARE(view.size(), 2);
        QTRY_VERIFY(view.at(0).quota.known);
    }

    void noRetryAfterTheFirstByte()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("healthy-a"), account("healthy-b")}));
        const HttpResult r = f.messages(QStringLiteral("[[scenario:drop]]"), true);
        QCOMPARE(r.status, 200);
        const auto events = r.eventNames();
        QVERIFY(events.contains("content_block_delta"));
        QCOMPARE(events.last(), QByteArray("error"));
        // The stream had started: the other account was not tried.
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 1);
        QTRY_COMPARE(f.records.size(), 1);
        QCOMPARE(f.records.last().attempts, 1);
        // A drop is no verdict on the account: the next request is served.
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestE2ePool)
#include "tst_e2e_pool.moc"
