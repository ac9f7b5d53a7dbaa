#include "anthropic/historybuilder.h"

#include "anthropic/toolconverter.h"

#include <QSet>

namespace kt {

namespace {

const QString kSystemAck = QStringLiteral("I will follow these instructions.");
const QString kToolResultsOnly = QStringLiteral("Tool results provided.");
const QString kEmptyUser = QStringLiteral("Continue");
const QString kEmptyAssistant = QStringLiteral("OK");

struct ToolResult {
    QString id;
    QString text;
    bool isError = false;
};

struct ToolUse {
    QString id;
    QString name;
    QJsonObject input;
};

// One merged run of same-role messages.
struct Turn {
    bool user = true;
    QStringList parts;          // user texts (joined "\n") or assistant contents (joined "\n\n")
    QJsonArray images;
    QList<ToolResult> results;
    bool hadResults = false;    // before orphan removal: decides the placeholder text
    QList<ToolUse> uses;
};

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

void appendText(QStringList &parts, const QString &text)
{
    if (!text.trimmed().isEmpty())
        parts.append(text);
}

QJsonObject imageJson(const QJsonObject &block)
{
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    const QString mediaType = str(source, "media_type");
    return QJsonObject{{QStringLiteral("format"), mediaType.mid(mediaType.indexOf(QLatin1Char('/')) + 1)},
                       {QStringLiteral("source"), QJsonObject{{QStringLiteral("bytes"), str(source, "data")}}}};
}

QString documentText(const QJsonObject &block)
{
    return str(block.value(QLatin1String("source")).toObject(), "data");
}

// Text of a tool_result; images inside it travel on the enclosing user message, and the names of
// tools loaded by tool_reference blocks (tool search) are collected in referenced.
QString toolResultText(const QJsonValue &content, QJsonArray &images, QStringList &referenced)
{
    if (content.isString())
        return content.toString();
    QStringList texts;
    const QJsonArray items = content.toArray();
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QString type = str(item, "type");
        if (type == QLatin1String("text"))
            texts.append(str(item, "text"));
        else if (type == QLatin1String("document"))
            texts.append(documentText(item));
        else if (type == QLatin1String("image"))
            images.append(imageJson(item));
        else if (type == QLatin1String("tool_reference")) {
            const QString name = str(item, "tool_name");
            texts.append(QStringLiteral("Tool %1 loaded.").arg(name));
            if (!referenced.contains(name))
                referenced.append(name);
        }
    }
    return texts.join(QLatin1Char('\n'));
}

void addUserContent(Turn &turn, const QJsonValue &content, QStringList &referenced)
{
    if (content.isString()) {
        appendText(turn.parts, content.toString());
        return;
    }
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString type = str(block, "type");
        if (type == QLatin1String("text")) {
            appendText(turn.parts, str(block, "text"));
        } else if (type == QLatin1String("image")) {
            turn.images.append(imageJson(block));
        } else if (type == QLatin1String("document")) {
            appendText(turn.parts, documentText(block));
        } else if (type == QLatin1String("tool_result")) {
            turn.hadResults = true;
            const QString text = toolResultText(block.value(QLatin1String("content")), turn.images, referenced);
            turn.results.append({str(block, "tool_use_id"), text, block.value(QLatin1String("is_error")).toBool()});
        }
    }
}

// One assistant message: "<thinking>…</thinking>\n\n" + text, tool uses collected separately.
QString addAssistantContent(Turn &turn, const QJsonValue &content, QHash<QString, QString> &toolNameMap)
{
    if (content.isString())
        return content.toString();
    QString thinking;
    QString text;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString type = str(block, "type");
        if (type == QLatin1String("text"))
            text += str(block, "text");
        else if (type == QLatin1String("thinking"))
            thinking += str(block, "thinking");
        else if (type == QLatin1String("tool_use"))
            turn.uses.append({str(block, "id"), ToolConverter::kiroName(str(block, "name"), toolNameMap),
                              block.value(QLatin1String("input")).toObject()});
    }
    if (thinking.isEmpty())
        return text;
    const QString wrapped = QStringLiteral("<thinking>") + thinking + QStringLiteral("</thinking>");
    return text.isEmpty() ? wrapped : wrapped + QStringLiteral("\n\n") + text;
}

// Kiro rejects a tool_use without a later tool_result and a tool_result without an earlier
// tool_use, so orphans on either side are dropped (an interrupted turn leaves such tool uses).
void reconcileToolPairs(QList<Turn> &turns)
{
    QSet<QString> declared;
    QSet<QString> open;
    for (Turn &turn : turns) {
        if (turn.user) {
            turn.results.removeIf([&open](const ToolResult &r) { return !open.remove(r.id); });
        } else {
            turn.uses.removeIf([&](const ToolUse &u) {
                if (declared.contains(u.id))
                    return true;
                declared.insert(u.id);
                open.insert(u.id);
                return false;
            });
        }
    }
    for (Turn &turn : turns) {
        if (!turn.user)
            turn.uses.removeIf([&open](const ToolUse &u) { return open.contains(u.id); });
    }
}

QJsonObject userMessage(const QString &content, const QString &modelId)
{
    return QJsonObject{{QStringLiteral("content"), content},
                       {QStringLiteral("modelId"), modelId},
                       {QStringLiteral("origin"), QStringLiteral("AI_EDITOR")}};
}

QJsonObject wrapUser(const QJsonObject &message)
{
    return QJsonObject{{QStringLiteral("userInputMessage"), message}};
}

QJsonObject userJson(const Turn &turn, const QString &modelId, bool current)
{
    QString content = turn.parts.join(QLatin1Char('\n'));
    if (content.isEmpty())
        content = turn.hadResults ? kToolResultsOnly : kEmptyUser;
    QJsonObject message = userMessage(content, modelId);
    if (!turn.images.isEmpty())
        message.insert(QStringLiteral("images"), turn.images);

    QJsonObject context;
    if (!turn.results.isEmpty()) {
        QJsonArray results;
        for (const ToolResult &r : turn.results) {
            QJsonObject result{{QStringLiteral("toolUseId"), r.id},
                               {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("text"), r.text}}}},
                               {QStringLiteral("status"), r.isError ? QStringLiteral("error") : QStringLiteral("success")}};
            if (r.isError)
                result.insert(QStringLiteral("isError"), true);
            results.append(result);
        }
        context.insert(QStringLiteral("toolResults"), results);
    }
    if (current || !context.isEmpty())
        message.insert(QStringLiteral("userInputMessageContext"), context);
    return wrapUser(message);
}

QJsonObject assistantJson(const QString &content, const QList<ToolUse> &uses = {})
{
    QJsonObject message{{QStringLiteral("content"), content}};
    if (!uses.isEmpty()) {
        QJsonArray toolUses;
        for (const ToolUse &u : uses)
            toolUses.append(QJsonObject{{QStringLiteral("toolUseId"), u.id},
                                        {QStringLiteral("name"), u.name},
                                        {QStringLiteral("input"), u.input}});
        message.insert(QStringLiteral("toolUses"), toolUses);
    }
    return QJsonObject{{QStringLiteral("assistantResponseMessage"), message}};
}

QJsonObject assistantJson(const Turn &turn)
{
    QString content = turn.parts.join(QStringLiteral("\n\n"));
    if (content.isEmpty())
        content = turn.uses.isEmpty() ? kEmptyAssistant : QStringLiteral(" ");
    return assistantJson(content, turn.uses);
}

} // namespace

HistoryBuilder::Result HistoryBuilder::build(const QJsonArray &messages, const QString &systemContent,
                                             const QString &kiroModelId, QHash<QString, QString> &toolNameMap)
{
    // Prefill is unsupported: everything after the last user message is dropped.
    qsizetype lastUser = messages.size() - 1;
    while (lastUser >= 0 && messages.at(lastUser).toObject().value(QLatin1String("role")).toString() != QLatin1String("user"))
        --lastUser;

    Result result;
    QList<Turn> turns;
    for (qsizetype i = 0; i <= lastUser; ++i) {
        const QJsonObject message = messages.at(i).toObject();
        const bool user = str(message, "role") == QLatin1String("user");
        if (turns.isEmpty() || turns.last().user != user) {
            Turn turn;
            turn.user = user;
            turns.append(turn);
        }
        Turn &turn = turns.last();
        const QJsonValue content = message.value(QLatin1String("content"));
        if (user)
            addUserContent(turn, content, result.referencedToolNames);
        else
            appendText(turn.parts, addAssistantContent(turn, content, toolNameMap));
    }

    if (turns.isEmpty()) // the validator guarantees a user message; stay safe anyway
        turns.append(Turn{});
    reconcileToolPairs(turns);
    const Turn current = turns.takeLast();

    if (!systemContent.isEmpty()) {
        result.history.append(wrapUser(userMessage(systemContent, kiroModelId)));
        result.history.append(assistantJson(kSystemAck));
    }
    if (!turns.isEmpty() && !turns.first().user)
        result.history.append(wrapUser(userMessage(kEmptyUser, kiroModelId)));
    // Merged turns alternate and the one before `current` is an assistant turn, so the history
    // already ends with an assistant entry.
    for (const Turn &turn : std::as_const(turns)) {
        result.history.append(turn.user ? userJson(turn, kiroModelId, false) : assistantJson(turn));
        for (const ToolUse &u : turn.uses) {
            if (!result.historyToolNames.contains(u.name))
                result.historyToolNames.append(u.name);
        }
    }
    result.currentMessage = userJson(current, kiroModelId, true);
    return result;
}

} // namespace kt
