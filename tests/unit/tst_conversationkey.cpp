// ConversationKey with the inputs of docs/protocol.md#conversation-identity-and-metering: both metadata.user_id forms of
// Claude Code, the fallback hash of system + sorted tool names + first message (expected values
// computed independently with Python's hashlib), and the continuation id derived from it.
#include "anthropic/conversationkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;

namespace {

const QString Session = QStringLiteral("8bb5523b-3bd1-4cf4-a6a1-2d0f4b1e6f0a");

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestConversationKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringFormUserId()
    {
        const QString userId = QStringLiteral("user_0ded4f4cd5a4ca4bb0f1ce0b8b7e0b1ab2d4c9b3e0c8d3f1a9e4b7c2d1e043cd_account__session_") + Session;
        QCOMPARE(ConversationKey::sessionFromUserId(userId), Session);
        QCOMPARE(ConversationKey::sessionFromUserId(QStringLiteral("user_ab_account_6f1c2a3b-1111-4222-8333-444455556666_session_") + Session), Session);
        QCOMPARE(ConversationKey::sessionFromUserId(QStringLiteral("user_x_session_not-a-uuid")), QString());
        QCOMPARE(ConversationKey::sessionFromUserId(QStringLiteral("session_0b4445e1-f5be-49e1-87ce-62bbc28ad70")), QString());
        QCOMPARE(ConversationKey::sessionFromUserId(QString()), QString());
    }

    void jsonFormUserId()
    {
        const QString userId = QString::fromUtf8(R"({"device_id":"3f0c7d2e","account_uuid":"","session_id":"%1"})").arg(Session);
        QCOMPARE(ConversationKey::sessionFromUserId(userId), Session);
        QCOMPARE(ConversationKey::sessionFromUserId(QString::fromUtf8(R"({"id":"%1"})").arg(Session)), Session);
        QCOMPARE(ConversationKey::sessionFromUserId(QString::fromUtf8(R"({"session_id":"short"})")), QString());
        // A bare UUID (an OpenAI `user` passed on) is a session too; any UUID is brought to lowercase v4 form.
        QCOMPARE(ConversationKey::sessionFromUserId(Session.toUpper()), Session);
        QCOMPARE(ConversationKey::sessionFromUserId(QStringLiteral("6f1c2a3b-1111-1222-0333-444455556666")),
                 QStringLiteral("6f1c2a3b-1111-4222-8333-444455556666"));
    }

    void fallbackHash()
    {
        const QString system = QStringLiteral("You are Claude Code.\nBe brief.");
        const QString id = ConversationKey::fallbackId(system, {"Read", "Bash", "Edit"}, "user", "Hello");
        QCOMPARE(id, QStringLiteral("70abe3bb-2aef-4f13-8c41-149d569f8f11"));
        QCOMPARE(ConversationKey::fallbackId(system, {"Edit", "Read", "Bash"}, "user", "Hello"), id);   // tool order
        QCOMPARE(ConversationKey::fallbackId(system, {"Read", "Bash", "Edit"}, "user", "Hello again"),
                 QStringLiteral("26b8137d-ec24-4075-be7a-6b37cb736eca"));
        QCOMPARE(ConversationKey::fallbackId({}, {"Bash"}, "user", "Hi"), QStringLiteral("1bc5f160-dcae-48ad-bab2-eb2c47cf4fab"));
        // Only the first 4096 characters of the system prompt count.
        QCOMPARE(ConversationKey::fallbackId(QString(5000, 'S'), {}, "user", "x"), QStringLiteral("c9aab065-6e55-43a6-9d3e-e7a027649a09"));
        // Neither system nor tools: no identity.
        QCOMPARE(ConversationKey::fallbackId({}, {}, "user", "Hi"), QString());
    }

    void continuationId()
    {
        QCOMPARE(ConversationKey::continuationId(Session), QStringLiteral("2a040d77-9430-4c2f-2267-e35a87d5734a"));
    }

    void fromRequest()
    {
        const QString userId = QString::fromUtf8(QJsonDocument(QJsonObject{{"device_id", "d"}, {"account_uuid", "a"}, {"session_id", Session}}).toJson(QJsonDocument::Compact));
        const QJsonObject session{{"model", "m"}, {"metadata", QJsonObject{{"user_id", userId}}}, {"system", "ignored when there is a session"},
                                  {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Hi"}}}}};
        const ConversationKey s = ConversationKey::fromRequest(session);
        QCOMPARE(s.source, ConversationKey::Source::Session);
        QCOMPARE(s.key(), Session);
        QCOMPARE(s.conversationId, Session);
        QCOMPARE(s.agentContinuationId, QStringLiteral("2a040d77-9430-4c2f-2267-e35a87d5734a"));

        // System blocks joined by "\n", tool names, and the first message's top-level text blocks concatenated.
        const QJsonObject fallback = json(R"({"model":"m","system":[{"type":"text","text":"You are Claude Code."},{"type":"text","text":"Be brief."}],
            "tools":[{"name":"Read"},{"name":"Bash"},{"name":"Edit"}],
            "messages":[{"role":"user","content":[{"type":"text","text":"Hel"},{"type":"image","source":{}},{"type":"text","text":"lo"}]},
                        {"role":"assistant","content":"later turns do not count"}]})");
        const ConversationKey f = ConversationKey::fromRequest(fallback);
        QCOMPARE(f.source, ConversationKey::Source::Fallback);
        QCOMPARE(f.key(), QStringLiteral("70abe3bb-2aef-4f13-8c41-149d569f8f11"));
        QCOMPARE(f.agentContinuationId, ConversationKey::continuationId(f.conversationId));

        const QJsonObject bare = json(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})");
        const ConversationKey b1 = ConversationKey::fromRequest(bare);
        const ConversationKey b2 = ConversationKey::fromRequest(bare);
        QCOMPARE(b1.source, ConversationKey::Source::None);
        QVERIFY(b1.key().isEmpty());
        QVERIFY(b1.conversationId != b2.conversationId);   // fresh ids, no affinity
        QCOMPARE(b1.conversationId.size(), 36);
    }
};

QTEST_GUILESS_MAIN(TestConversationKey)
#include "tst_conversationkey.moc"
