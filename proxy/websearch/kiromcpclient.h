#pragma once
// One web search on Kiro's MCP endpoint (POST {apiBase}/mcp, JSON-RPC tools/call web_search,
// docs/protocol.md#web-search-mcp) with an account's token. Its URL follows the upstream base-URL override,
// so tests reach the fake upstream. Each attempt has Config::webSearchTimeoutMs. A 5xx or a network error is tried again up to
// Config::webSearchRetries times, Config::webSearchRetryDelayMs apart (doubling). Never fails the
// request: every failure is an error code.
#include "anthropic/websearchresults.h"

#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace kt {

struct Config;
struct Credential;
class UpstreamCall;

class KiroMcpClient : public QObject
{
    Q_OBJECT
public:
    KiroMcpClient(const Config &config, QNetworkProxy proxy, QObject *parent = nullptr);

    // Calls done once (in this object's thread), unless this object is deleted first. One search at a time.
    void search(const Credential &credential, const QString &accessToken, const QString &machineId,
                const QString &query, std::function<void(const WebSearchOutcome &)> done);

private:
    void attempt();
    void answered();
    void complete(const WebSearchOutcome &outcome);

    const Config &m_config;
    QNetworkProxy m_proxy;
    QPointer<UpstreamCall> m_call;
    QTimer m_timeout;
    QTimer m_retry;
    QNetworkRequest m_request;
    QByteArray m_body;
    int m_retries = 0;   // done for the current search
    std::function<void(const WebSearchOutcome &)> m_done;
};

} // namespace kt
