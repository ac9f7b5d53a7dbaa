#pragma once
// Turns Anthropic tool definitions into Kiro toolSpecifications (docs/protocol.md#tool-specifications): names over 63 chars are
// shortened deterministically, descriptions capped, schemas made acceptable, history tools backfilled.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kt {

class ToolConverter {
public:
    static constexpr int MaxNameLength = 63;
    static constexpr int MaxDescriptionLength = 10000;

    // first 54 chars + "_" + first 8 hex digits of sha256(UTF-8 name); only for names over 63 chars.
    static QString shortenName(const QString &name);

    // The name Kiro sees; records shortened -> original in shortToOriginal when it had to shorten.
    static QString kiroName(const QString &name, QHash<QString, QString> &shortToOriginal);

    // Converts a validated "tools" array. Web search server tools (type "web_search*") are dropped,
    // and so are deferred tools ("defer_loading": true) unless loadedNames holds their name: a
    // deferred tool is loaded by a tool_reference block or by being used in the history.
    static QJsonArray convertTools(const QJsonArray &anthropicTools, QHash<QString, QString> &shortToOriginal,
                                   const QStringList &loadedNames = {});

    // Root-level hygiene: type a non-empty string (default "object"), properties an object,
    // required an array of strings, additionalProperties a bool or object (default true).
    static QJsonObject sanitizeSchema(const QJsonValue &schema);

    // Appends a placeholder definition for every history tool name missing from tools
    // (case-insensitive, as Kiro compares them).
    static void addHistoryPlaceholders(QJsonArray &kiroTools, const QStringList &historyToolNames);

    static QJsonObject placeholderTool(const QString &name);
    static bool isWebSearchTool(const QJsonObject &anthropicTool);
    static bool isDeferred(const QJsonObject &anthropicTool);
};

} // namespace kt
