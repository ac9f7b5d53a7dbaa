#pragma once
// Which conversation a request belongs to (docs/protocol.md#conversation-identity): Claude Code's
// session in metadata.user_id, else a hash of system prompt, tool names and first message. It names
// the conversation upstream (conversationId, agentContinuationId) and keeps it on one account.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kt {

class ConversationKey
{
public:
    enum class Source { Session, Fallback, None };

    Source source = Source::None;
    QString conversationId;        // a fresh random UUID when the request names no conversation
    QString agentContinuationId;

    // The account-affinity key: the conversationId, empty when the request names no conversation.
    QString key() const { return source == Source::None ? QString() : conversationId; }

    static ConversationKey fromRequest(const QJsonObject &request);
    // The session UUID of metadata.user_id (a bare UUID, {"session_id"|"id":"<uuid>"} or
    // "…session_<uuid>…"), lowercase with the v4 version and variant bits set; empty when none.
    static QString sessionFromUserId(const QString &userId);
    // SHA-256("fallback-conversation:" + system[..4096] + "|tools=" + sorted names each followed by ","
    // + "|first=" + role + ":" + first message text[..4096]) as a v4-form UUID; empty without system and tools.
    static QString fallbackId(const QString &system, QStringList toolNames, const QString &firstRole, const QString &firstText);
    static QString continuationId(const QString &conversationId);   // SHA-256("agent-continuation:" + id), as a UUID
    static QString systemText(const QJsonValue &system);            // text blocks joined by "\n"
    static QString messageText(const QJsonValue &content, int maxChars);   // top-level text blocks, concatenated
};

} // namespace kt
