// Conversation affinity through the running proxy: two healthy accounts under round-robin and two
// Claude Code sessions (one per metadata.user_id form) each stay on one account, with stable
// conversationId / agentContinuationId upstream; a cooldown moves a conversation for good; the
// fallback key (system + tools + first message); requests without identity still rotate; the idle
// TTL (moved with a ManualClock); the binding count in /api/status and the conversation in /api/logs.
#include "poolaccounts.h"
#include "proxyfixture.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QString SessionA = QStringLiteral("8bb5523b-3bd1-4cf4-a6a1-2d0f4b1e6f0a");
const QString SessionB = QStringLiteral("6f1c2a3b-1111-4222-8333-444455556666");

QJsonObject stringForm(const QString &session)
{
    return {{"metadata", QJsonObject{{"user_id", QStringLiteral("user_0ded4f4cd5a4ca4bb0f1ce0b8b7e0b1ab2d4c9b3e0c8d3f1a9e4b7c2d1e043cd_account__session_") + session}}}};
}

QJsonObject jsonForm(const QString &session)
{
    return sessionMetadata(session);
}

QByteArray bearer(const fake::RecordedRequest &r)
{
    return r.header("authorization").mid(7);
}

QJsonObject state(const fake::RecordedRequest &r)
{
    return r.json().value("conversationState").toObject();
}

} // namespace

class TestE2eAffinity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionsStayOnTheirAccountUnderRoundRobin()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}));
        QCOMPARE(f.api("POST", "/api/strategy", QJsonObject{{"strategy", "round-robin"}}).status, 200);
        const int rounds = 6;
        for (int i = 0; i < rounds; ++i) {
            QCOMPARE(f.messages(QStringLiteral("A%1").arg(i), i % 2 == 0, jsonForm(SessionA)).status, 200);
            QCOMPARE(f.messages(QStringLiteral("B%1").arg(i), i % 2 == 1, stringForm(SessionB)).status, 200);
        }
        QHash<QString, QHash<QByteArray, int>> perConversation;   // conversationId -> token -> requests
        QSet<QString> continuations[2];
        for (const auto &r : f.fake.requests("/generateAssistantResponse")) {
            const QString id = state(r).value("conversationId").toString();
            ++perConversation[id][bearer(r)];
            continuations[id == SessionA ? 0 : 1].insert(state(r).value("agentContinuationId").toString());
        }
        for (auto it = perConversation.cbegin(); it != perConversation.cend(); ++it)
            for (auto a = it->cbegin(); a != it->cend(); ++a)
                qInfo("conversation %s: %d request(s) on account %s", qPrintable(it.key().left(8)), a.value(),
                      a.key().mid(a.key().lastIndexOf('-') + 1).constData());   // the name, never the token (tst_secretscan)
        QCOMPARE(perConversation.keys().size(), 2);
        QCOMPARE(perConversation.value(SessionA).size(), 1);   // one account each, all requests
        QCOMPARE(perConversation.value(SessionB).size(), 1);
        QCOMPARE(perConversation.value(SessionA).cbegin().value(), rounds);
        // Round-robin bound the second session to the other account.
        QVERIFY(perConversation.value(SessionA).cbegin().key() != perConversation.value(SessionB).cbegin().key());
        QCOMPARE(continuations[0].size(), 1);
        QCOMPARE(continuations[1].size(), 1);
        QVERIFY(*continuations[0].cbegin() != *continuations[1].cbegin());

        const QJsonObject conversations = f.api("GET", "/api/status").json().value("conversations").toObject();
        QCOMPARE(conversations.value("bound").toInt(), 2);
        QCOMPARE(conversations.value("misses").toInt(), 2);
        QCOMPARE(conversations.value("hits").toInt(), 2 * rounds - 2);
        QCOMPARE(conversations.value("ttlMinutes").toInt(), 60);
        const QJsonArray logs = f.api("GET", "/api/logs?limit=2").json().value("logs").toArray();
        QCOMPARE(logs.size(), 2);
        QCOMPARE(logs.at(0).toObject().value("conversation").toString(), SessionB);
        QCOMPARE(logs.at(1).toObject().value("conversation").toString(), SessionA);
        QList<RequestRecord> messages;
        for (const RequestRecord &r : std::as_const(f.records))
            if (r.path == QLatin1String("/v1/messages"))
                messages.append(r);
        QCOMPARE(messages.size(), 2 * rounds);
        QCOMPARE(messages.first().conversation, SessionA);
        QCOMPARE(messages.last().conversation, SessionB);
    }

    void cooldownMovesTheConversation()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}, [](Config &c) { c.cooldownSeconds = 120; }));
        QCOMPARE(f.messages("one", false, jsonForm(SessionA)).status, 200);
        const QByteArray first = bearer(f.fake.requests("/generateAssistantResponse").last());
        f.fake.failNext(1, 429);   // the bound account is throttled: it cools down, the other one takes over
        QCOMPARE(f.messages("two", false, jsonForm(SessionA)).status, 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.messages(QStringLiteral("more %1").arg(i), false, jsonForm(SessionA)).status, 200);
        const auto calls = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(calls.size(), 6);
        QCOMPARE(bearer(calls.at(1)), first);
        for (int i = 2; i < calls.size(); ++i)
            QVERIFY(bearer(calls.at(i)) != first);
        QCOMPARE(accountsByName(f).value(QString::fromUtf8(first).section('-', 2)).value("state").toString(), QStringLiteral("cooldown"));
    }

    void cooldownEndsTheBindingEvenAfterItIsOver()
    {
        ManualClock clock;
        clock.install();
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a", 0), poolAccount("healthy-b", 1)}, [](Config &c) { c.cooldownSeconds = 60; }));
        QCOMPARE(f.api("POST", "/api/strategy", QJsonObject{{"strategy", "priority"}}).status, 200);
        QCOMPARE(f.messages("one", false, jsonForm(SessionA)).status, 200);   // bound to a (miss 1)
        // Another conversation on the same account is throttled: b serves it (misses 2 and 3).
        f.fake.failNext(1, 429);
        QCOMPARE(f.messages("other", false, jsonForm(SessionB)).status, 200);
        QCOMPARE(accountsByName(f).value("healthy-a").value("state").toString(), QStringLiteral("cooldown"));
        clock.advance(61 * 1000);
        QTRY_COMPARE(accountsByName(f).value("healthy-a").value("state").toString(), QStringLiteral("active"));
        // SessionA's binding ended with a's cooldown: the pool chooses anew (a again, by priority), then it sticks.
        QCOMPARE(f.messages("two", false, jsonForm(SessionA)).status, 200);
        QCOMPARE(f.messages("three", false, jsonForm(SessionA)).status, 200);
        const QJsonObject conversations = f.api("GET", "/api/status").json().value("conversations").toObject();
        QCOMPARE(conversations.value("misses").toInt(), 4);
        QCOMPARE(conversations.value("hits").toInt(), 1);
        QCOMPARE(upstreamCallsWith(f, "valid-access-healthy-a"), 4);
    }

    void idleTtlEndsTheBinding()
    {
        ManualClock clock;
        clock.install();
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}, [](Config &c) { c.conversationTtlMinutes = 10; }));
        QCOMPARE(f.messages("one", false, jsonForm(SessionA)).status, 200);
        clock.advance(9 * 60 * 1000);
        QCOMPARE(f.messages("two", false, jsonForm(SessionA)).status, 200);
        QCOMPARE(f.api("GET", "/api/status").json().value("conversations").toObject().value("bound").toInt(), 1);
        clock.advance(10 * 60 * 1000 + 1000);
        QCOMPARE(f.api("GET", "/api/status").json().value("conversations").toObject().value("bound").toInt(), 0);
        const auto calls = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(bearer(calls.at(0)), bearer(calls.at(1)));
    }

    void fallbackKeyAndRequestsWithoutIdentity()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}));
        const QJsonObject system{{"system", "You are a terse assistant."}};
        for (int i = 0; i < 4; ++i) {
            QJsonObject body = ProxyFixture::request("Hello", false);
            body.insert("system", system.value("system"));
            QJsonArray messages = body.value("messages").toArray();
            for (int k = 0; k < i; ++k)
                messages << QJsonObject{{"role", "assistant"}, {"content", "ok"}} << ProxyFixture::userMessage(QStringLiteral("next %1").arg(k));
            body.insert("messages", messages);
            QCOMPARE(f.post("/v1/messages", body).status, 200);
            QCOMPARE(f.messages(QStringLiteral("bare %1").arg(i), false).status, 200);
        }
        const auto calls = f.fake.requests("/generateAssistantResponse");
        QSet<QByteArray> keyed, bare;
        QSet<QString> ids;
        for (int i = 0; i < calls.size(); ++i) {
            (i % 2 == 0 ? keyed : bare).insert(bearer(calls.at(i)));
            if (i % 2 == 0)
                ids.insert(state(calls.at(i)).value("conversationId").toString());
        }
        QCOMPARE(keyed.size(), 1);   // one conversation, one account
        QCOMPARE(ids.size(), 1);
        QCOMPARE(bare.size(), 2);    // no identity: the strategy's choice each time
    }
};

QTEST_GUILESS_MAIN(TestE2eAffinity)
#include "tst_e2e_affinity.moc"
