#pragma once
// Kiro MCP web search replies (docs/protocol.md#web-search-mcp) and the Anthropic blocks made of them:
// the client's web_search_tool_result content and the text the model reads as the tool result.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace kt {

struct WebSearchTool;

struct WebSearchHit {
    QString title;
    QString url;
    QString snippet;
    qint64 publishedMs = 0;   // 0: unknown
};

struct WebSearchOutcome {
    QList<WebSearchHit> hits;
    QString errorCode;        // Anthropic's web_search_tool_result_error code; empty on success

    static WebSearchOutcome failed(const QString &code) { return {{}, code}; }
};

namespace WebSearchResults {

// JSON-RPC body of a tools/call web_search request.
QByteArray mcpRequestBody(const QString &query);
// An MCP HTTP reply: HTTP errors, JSON-RPC errors, isError and unreadable text become error codes
// ("too_many_requests" for 429, otherwise "unavailable").
WebSearchOutcome parseMcpReply(int httpStatus, const QByteArray &body);
// Drops the hits the tool's domain filters exclude.
WebSearchOutcome filtered(WebSearchOutcome outcome, const WebSearchTool &tool);
// A web_search_tool_result block's content: [{"type":"web_search_result",…}] or
// {"type":"web_search_tool_result_error","error_code":…}. The snippet travels in encrypted_content,
// which the client sends back unchanged in later turns.
QJsonValue blockContent(const WebSearchOutcome &outcome);
// What the model reads for such a content (from this proxy or sent back by a client): the results
// numbered from firstNumber on, and how to cite them (CitationMarkers).
QString modelText(const QJsonValue &blockContent, int firstNumber = 1);

} // namespace WebSearchResults
} // namespace kt
