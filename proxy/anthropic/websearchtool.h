#pragma once
// Anthropic's web search server tool ({"type":"web_search_20250305","name":"web_search",
// "max_uses":8,"allowed_domains"|"blocked_domains":[…]}) as a request asked for it. Kiro has no
// server tools: the model gets an ordinary tool {"query": string} and KiroTray runs each call on
// Kiro's MCP web search (docs/protocol.md#web-search-mcp, KGP's loop).
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace kt {

struct WebSearchTool {
    static constexpr int DefaultMaxUses = 5;   // when the request gives no max_uses

    QString name = QStringLiteral("web_search");
    int maxUses = DefaultMaxUses;
    QStringList allowedDomains;
    QStringList blockedDomains;

    // The first "web_search*" server tool of a request's tools, if any.
    static std::optional<WebSearchTool> from(const QJsonArray &tools);
    // The ordinary tool the model is offered in its place.
    QJsonObject asClientTool() const;
    // Whether a result URL passes the domain filters (a domain also matches its subdomains).
    bool allows(const QString &url) const;
};

} // namespace kt
