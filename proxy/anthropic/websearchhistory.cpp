#include "anthropic/websearchhistory.h"

#include "anthropic/websearchresults.h"

#include <QJsonObject>

namespace kt::WebSearchHistory {

namespace {

QJsonObject message(const QString &role, const QJsonArray &content)
{
    return {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

void expandAssistant(const QJsonArray &blocks, QJsonArray &out)
{
    QJsonArray current;
    for (const QJsonValue &value : blocks) {
        QJsonObject block = value.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("server_tool_use")) {
            block.insert(QStringLiteral("type"), QStringLiteral("tool_use"));
            current.append(block);
        } else if (type == QLatin1String("web_search_tool_result")) {
            if (!current.isEmpty())
                out.append(message(QStringLiteral("assistant"), current));
            current = {};
            const QJsonObject result{{QStringLiteral("type"), QStringLiteral("tool_result")},
                                     {QStringLiteral("tool_use_id"), block.value(QLatin1String("tool_use_id"))},
                                     {QStringLiteral("content"), WebSearchResults::modelText(block.value(QLatin1String("content")))}};
            out.append(message(QStringLiteral("user"), {result}));
        } else {
            current.append(block);
        }
    }
    if (!current.isEmpty())
        out.append(message(QStringLiteral("assistant"), current));
}

bool hasServerBlocks(const QJsonValue &content)
{
    for (const QJsonValue &block : content.toArray()) {
        const QString type = block.toObject().value(QLatin1String("type")).toString();
        if (type == QLatin1String("server_tool_use") || type == QLatin1String("web_search_tool_result"))
            return true;
    }
    return false;
}

} // namespace

QJsonArray expand(const QJsonArray &messages)
{
    QJsonArray out;
    bool changed = false;
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        if (m.value(QLatin1String("role")).toString() != QLatin1String("assistant") || !hasServerBlocks(m.value(QLatin1String("content")))) {
            out.append(value);
            continue;
        }
        changed = true;
        expandAssistant(m.value(QLatin1String("content")).toArray(), out);
    }
    return changed ? out : messages;
}

} // namespace kt::WebSearchHistory
