#include "anthropic/websearchhistory.h"

#include "anthropic/websearchresults.h"

#include <QJsonObject>

namespace kt::WebSearchHistory {

namespace {

QJsonObject message(const QString &role, const QJsonArray &content)
{
    return {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

void expandAssistant(const QJsonArray &blocks, QJsonArray &out, int &resultsSoFar)
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
            const QJsonValue content = block.value(QLatin1String("content"));
            const QJsonObject result{{QStringLiteral("type"), QStringLiteral("tool_result")},
                                     {QStringLiteral("tool_use_id"), block.value(QLatin1String("tool_use_id"))},
                                     {QStringLiteral("content"), WebSearchResults::modelText(content, resultsSoFar + 1)}};
            resultsSoFar += int(content.toArray().size());
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
    int resultsSoFar = 0;
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        if (m.value(QLatin1String("role")).toString() != QLatin1String("assistant") || !hasServerBlocks(m.value(QLatin1String("content")))) {
            out.append(value);
            continue;
        }
        changed = true;
        expandAssistant(m.value(QLatin1String("content")).toArray(), out, resultsSoFar);
    }
    return changed ? out : messages;
}

QJsonArray results(const QJsonArray &messages)
{
    QJsonArray out;
    for (const QJsonValue &m : messages) {
        if (m.toObject().value(QLatin1String("role")).toString() != QLatin1String("assistant"))
            continue;
        for (const QJsonValue &block : m.toObject().value(QLatin1String("content")).toArray())
            if (block.toObject().value(QLatin1String("type")).toString() == QLatin1String("web_search_tool_result"))
                for (const QJsonValue &result : block.toObject().value(QLatin1String("content")).toArray())
                    out.append(result);
    }
    return out;
}

} // namespace kt::WebSearchHistory
