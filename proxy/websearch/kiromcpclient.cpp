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
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        qCWarning(lcWebSearch) << "web search: no answer within" << m_timeout.interval() << "ms";
        complete(WebSearchOutcome::failed(QStringLiteral("unavailable")));
    });
}

void KiroMcpClient::search(const Credential &credential, const QString &accessToken, const QString &machineId,
                           const QString &query, std::function<void(const WebSearchOutcome &)> done)
{
    m_done = std::move(done);
    if (query.trimmed().isEmpty())
        return complete(WebSearchOutcome::failed(QStringLiteral("invalid_tool_input")));
    m_call = new UpstreamCall(m_proxy, this);
    connect(m_call, &UpstreamCall::finished, this, [this] {
        UpstreamCall *call = m_call;
        const int status = call->failed() ? 0 : call->status();
        const WebSearchOutcome outcome = WebSearchResults::parseMcpReply(status, call->readAll());
        if (!outcome.errorCode.isEmpty())
            qCWarning(lcWebSearch) << "web search failed:" << outcome.errorCode << "HTTP" << status << call->errorString();
        complete(outcome);
    });
    const int timeoutMs = m_config.upstreamIdleTimeoutMs > 0 ? m_config.upstreamIdleTimeoutMs : 120000;
    m_timeout.start(timeoutMs);
    m_call->post(KiroRequests::mcp(m_config, credential, accessToken, machineId), WebSearchResults::mcpRequestBody(query));
}

void KiroMcpClient::complete(const WebSearchOutcome &outcome)
{
    m_timeout.stop();
    if (m_call)
        UpstreamCall::discard(std::exchange(m_call, nullptr), this);
    if (auto done = std::exchange(m_done, nullptr))
        done(outcome);
}

} // namespace kt
