#include "anthropic/conversationkey.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

namespace kt {

namespace {

constexpr int kMaxSeedChars = 4096;

bool isUuid(const QString &text)
{
    return text.size() == 36 && !QUuid::fromString(text).isNull();
}

QString uuidText(QByteArray bytes, bool forceV4)
{
    bytes.truncate(16);
    if (forceV4) {
        bytes[6] = char((quint8(bytes[6]) & 0x0f) | 0x40);
        bytes[8] = char((quint8(bytes[8]) & 0x3f) | 0x80);
    }
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString normalized(const QString &uuid)
{
    return uuidText(QUuid::fromString(uuid).toRfc4122(), true);
}

// The first maxChars code points (a surrogate pair counts as one, as in the peers' char counts).
QString leftChars(const QString &text, int maxChars)
{
    qsizetype i = 0;
    for (int n = 0; i < text.size() && n < maxChars; ++n)
        i += text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
    return text.left(i);
}

int charCount(const QString &text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++n)
        i += text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
    return n;
}

} // namespace

QString ConversationKey::sessionFromUserId(const QString &userId)
{
    if (isUuid(userId))
        return normalized(userId);
    if (userId.trimmed().startsWith(QLatin1Char('{'))) {
        const QJsonObject o = QJsonDocument::fromJson(userId.toUtf8()).object();
        for (const char *key : {"session_id", "id"}) {
            const QString id = o.value(QLatin1String(key)).toString();
            if (isUuid(id))
                return normalized(id);
        }
    }
    const qsizetype pos = userId.indexOf(QLatin1String("session_"));
    if (pos >= 0) {
        const QString candidate = userId.mid(pos + 8, 36);
        if (isUuid(candidate))
            return normalized(candidate);
    }
    return {};
}

QString ConversationKey::fallbackId(const QString &system, QStringList toolNames, const QString &firstRole, const QString &firstText)
{
    if (system.isEmpty() && toolNames.isEmpty())
        return {};
    std::sort(toolNames.begin(), toolNames.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("fallback-conversation:");
    hash.addData(leftChars(system, kMaxSeedChars).toUtf8());
    hash.addData("|tools=");
    for (const QString &name : std::as_const(toolNames)) {
        hash.addData(name.toUtf8());
        hash.addData(",");
    }
    hash.addData("|first=");
    hash.addData((firstRole + QLatin1Char(':') + leftChars(firstText, kMaxSeedChars)).toUtf8());
    return uuidText(hash.result(), true);
}

QString ConversationKey::continuationId(const QString &conversationId)
{
    return uuidText(QCryptographicHash::hash("agent-continuation:" + conversationId.toUtf8(), QCryptographicHash::Sha256), false);
}

QString ConversationKey::systemText(const QJsonValue &system)
{
    if (system.isString())
        return system.toString();
    QStringList parts;
    for (const QJsonValue &block : system.toArray())
        parts.append(block.toObject().value(QLatin1String("text")).toString());
    return parts.join(QLatin1Char('\n'));
}

QString ConversationKey::messageText(const QJsonValue &content, int maxChars)
{
    if (content.isString())
        return leftChars(content.toString(), maxChars);
    QString out;
    int remaining = maxChars;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonValue text = block.toObject().value(QLatin1String("text"));
        if (remaining <= 0)
            break;
        if (!text.isString())
            continue;
        const QString piece = leftChars(text.toString(), remaining);
        remaining -= charCount(piece);
        out += piece;
    }
    return out;
}

ConversationKey ConversationKey::fromRequest(const QJsonObject &request)
{
    ConversationKey out;
    const QJsonValue userId = request.value(QLatin1String("metadata")).toObject().value(QLatin1String("user_id"));
    out.conversationId = sessionFromUserId(userId.toString());
    if (!out.conversationId.isEmpty()) {
        out.source = Source::Session;
    } else {
        QStringList tools;
        for (const QJsonValue &tool : request.value(QLatin1String("tools")).toArray())
            tools.append(tool.toObject().value(QLatin1String("name")).toString());
        const QJsonObject first = request.value(QLatin1String("messages")).toArray().at(0).toObject();
        out.conversationId = fallbackId(systemText(request.value(QLatin1String("system"))), tools,
                                        first.value(QLatin1String("role")).toString(),
                                        messageText(first.value(QLatin1String("content")), kMaxSeedChars));
        out.source = out.conversationId.isEmpty() ? Source::None : Source::Fallback;
    }
    if (out.conversationId.isEmpty())
        out.conversationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    out.agentContinuationId = ConversationKey::continuationId(out.conversationId);
    return out;
}

} // namespace kt
