#pragma once
// Builds Kiro's history and currentMessage from validated Anthropic messages (docs/protocol.md#history-merging): merges
// same-role runs, pairs every tool_use with a tool_result and keeps the strict user/assistant alternation.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kt {

class HistoryBuilder {
public:
    struct Result {
        QJsonArray history;             // alternates user/assistant, starts with user, ends with assistant
        QJsonObject currentMessage;     // {"userInputMessage":{…,"userInputMessageContext":{toolResults?}}}
        QStringList historyToolNames;   // Kiro-side names of the tool uses kept in history, first-seen order
        QStringList referencedToolNames;   // tool_name of every tool_reference block (tools loaded by tool search)
    };

    // messages must have passed RequestValidator. systemContent (may be empty) becomes the leading
    // instruction pair. Tool names over the Kiro limit are shortened and recorded in toolNameMap.
    static Result build(const QJsonArray &messages, const QString &systemContent, const QString &kiroModelId,
                        QHash<QString, QString> &toolNameMap);
};

} // namespace kt
