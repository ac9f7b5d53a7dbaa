#include "websearch/kiromcpclient.h"

#include "config/config.h"
#include "upstream/kirorequests.h"
#include "upstream/upstreamcall.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWebSearch, "kirotray.websearch")

namespace kt {

KiroMcpClient::KiroMcpClient(const Config &config, QNetworkProxy proxy, QObject *parent)
    : QObject(parent), m_config(config), m_proxy(std::move(proxy))
{
    m_timeout.setSingleShot(true);
    m_retry.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        qCWarning(lcWebSearch) << "web search: no answer within" << m_timeout.interval() << "ms";
        complete(WebSearchOutcome::failed(QStringLiteral("unavailable")));
    });
    connect(&m_retry, &QTimer::timeout, this, &KiroMcpClient::attempt);
}

void KiroMcpClient::search(const Credential &credential, const QString &accessToken, const QString &machineId,
                           const QString &query, std::function<void(const WebSearchOutcome &)> done)
{
    m_done = std::move(done);
    if (query.trimmed().isEmpty())
        return complete(WebSearchOutcome::failed(QStringLiteral("invalid_tool_input")));
    m_request = KiroRequests::mcp(m_config, credential, accessToken, machineId);
    m_body = WebSearchResults::mcpRequestBody(query);
    m_retries = 0;
    attempt();
}

void KiroMcpClient::attempt()
{
    m_call = new UpstreamCall(m_proxy, this);
    connect(m_call, &UpstreamCall::finished, this, &KiroMcpClient::answered);
    m_timeout.start(m_config.webSearchTimeoutMs);
    m_call->post(m_request, m_body);
}

void KiroMcpClient::answered()
{
    UpstreamCall *call = m_call;
    const int status = call->failed() ? 0 : call->status();
    const WebSearchOutcome outcome = WebSearchResults::parseMcpReply(status, call->readAll());
    if (outcome.errorCode.isEmpty())
        return complete(outcome);
    const bool transient = status == 0 || status >= 500;
    qCWarning(lcWebSearch) << "web search failed:" << outcome.errorCode << "HTTP" << status << call->errorString()
                           << (transient && m_retries < m_config.webSearchRetries ? "(trying again)" : "");
    if (!transient || m_retries >= m_config.webSearchRetries)
        return complete(outcome);
    m_timeout.stop();
    UpstreamCall::discard(std::exchange(m_call, nullptr), this);
    m_retry.start(m_config.webSearchRetryDelayMs << qMin(m_retries++, 10));
}

void KiroMcpClient::complete(const WebSearchOutcome &outcome)
{
    m_timeout.stop();
    m_retry.stop();
    if (m_call)
        UpstreamCall::discard(std::exchange(m_call, nullptr), this);
    if (auto done = std::exchange(m_done, nullptr))
        done(outcome);
}

} // namespace kt
