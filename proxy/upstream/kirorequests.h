#pragma once
// Builds the HTTP requests the Kiro backend expects: headers exactly as the Kiro IDE sends them
// (docs/protocol.md#endpoints-and-headers, #token-refresh), for chat, token refresh, usage limits and the model list.
#include <QByteArray>
#include <QNetworkRequest>

namespace kt {

struct Config;
struct Credential;

namespace KiroRequests {

QNetworkRequest generateAssistantResponse(const Config &config, const Credential &credential,
                                          const QString &accessToken, const QString &machineId);
// Kiro's MCP endpoint (tools/call web_search), docs/protocol.md#web-search-mcp.
QNetworkRequest mcp(const Config &config, const Credential &credential, const QString &accessToken, const QString &machineId);
QNetworkRequest usageLimits(const Config &config, const Credential &credential,
                            const QString &accessToken, const QString &machineId);
// POST .../setUserPreference with body {"overageConfiguration":{"overageStatus":…},"profileArn":…} (docs/protocol.md#usage-limits).
QNetworkRequest setUserPreference(const Config &config, const Credential &credential, const QString &accessToken,
                                  const QString &machineId, bool overageEnabled, QByteArray *body);
// docs/protocol.md#model-catalogue: GET .../ListAvailableModels?origin=AI_EDITOR&maxResults=50 ("rest", the default)
// or the AWS JSON-RPC POST with x-amz-target ("rpc"), by Config::modelListForm; *body is the POST body (empty for GET).
QNetworkRequest listAvailableModels(const Config &config, const Credential &credential, const QString &accessToken,
                                    const QString &machineId, const QString &nextToken, QByteArray *body);
QNetworkRequest socialRefresh(const Config &config, const Credential &credential, const QString &machineId);
QNetworkRequest oidcToken(const Config &config, const Credential &credential);
QByteArray socialRefreshBody(const Credential &credential);
QByteArray oidcTokenBody(const Credential &credential);
QByteArray osTag();

} // namespace KiroRequests
} // namespace kt
