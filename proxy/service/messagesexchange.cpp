#include "service/messagesexchange.h"

#include "pool/accountpool.h"
#include "anthropic/anthropicformat.h"
#include "config/config.h"
#include "server/chunkedstream.h"
#include "server/httpresponse.h"
#include "upstream/kirorequests.h"
#include "upstream/upstreamcall.h"
#include "upstream/upstreamconnectionpool.h"
#include "websearch/kiromcpclient.h"
#include "websearch/websearchloop.h"
#include "util/clock.h"
#include "util/jsontext.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QScopedValueRollback>
#include <QTcpSocket>
#include <QUuid>

Q_LOGGING_CATEGORY(lcExchange, "kirotray.upstream")

namespace kt {

MessagesExchange::MessagesExchange(const Config &config, AccountPool *accounts, QNetworkProxy upstreamProxy,
                                   UpstreamConnectionPool *upstreamConnections, ConvertedRequest request, QTcpSocket *client, RequestRecord record,
                                   HttpHeaders responseHeaders, std::unique_ptr<ResponseFormat> format, QObject *parent)
    : QObject(parent), m_config(config), m_accounts(accounts), m_upstreamProxy(std::move(upstreamProxy)),
      m_upstreamConnections(upstreamConnections), m_request(std::move(request)),
      m_client(client), m_record(std::move(record)), m_responseHeaders(std::move(responseHeaders)),
      m_format(format ? std::move(format) : std::make_unique<AnthropicFormat>())
{
    if (m_request.webSearch) {
        auto loop = std::make_unique<WebSearchLoop>(m_request, std::move(m_format));
        m_searchLoop = loop.get();
        m_format = std::move(loop);
    }
    m_clock.start();
    m_messageId = QStringLiteral("msg_") + QUuid::createUuid().toString(QUuid::Id128);
    m_record.model = m_request.requestedModel;
    m_record.servedModel = m_request.kiroModelId;
    m_record.stream = m_request.stream;
    m_record.inputTokens = m_request.estimatedInputTokens;
    m_record.conversation = m_request.conversation.key();
    m_stream = new ChunkedStream(client, this);
    connect(m_stream, &ChunkedStream::clientDisconnected, this, &MessagesExchange::onClientGone);
    for (QTimer *t : {&m_headerTimer, &m_backoffTimer, &m_slotTimer})
        t->setSingleShot(true);
    connect(&m_slotTimer, &QTimer::timeout, this, &MessagesExchange::attempt);
    connect(&m_headerTimer, &QTimer::timeout, this, &MessagesExchange::onHeaderTimeout);
    connect(&m_idleTimer, &InactivityTimer::timeout, this, &MessagesExchange::onIdleTimeout);
    connect(&m_pingTimer, &InactivityTimer::timeout, this, &MessagesExchange::onPing);
    connect(&m_backoffTimer, &QTimer::timeout, this, &MessagesExchange::attempt);
}

MessagesExchange::~MessagesExchange()
{
    releaseUpstream();
}

void MessagesExchange::start()
{
    if (!m_client || m_client->state() != QAbstractSocket::ConnectedState)
        return onClientGone();
    if (m_request.stream && m_config.pingIntervalMs > 0)
        m_pingTimer.start(m_config.pingIntervalMs);
    attempt();
}

void MessagesExchange::attempt()
{
    if (m_done)
        return;
    if (m_record.attempts - m_sameAccountRetries >= std::max(1, m_config.maxAttempts))
        return respondError(m_lastFailure ? m_lastFailure->clientError : ApiError::api(QStringLiteral("too many upstream attempts")));
    std::optional<qint64> id;
    stopWaitingForSlot();
    if (!m_rejectedToken.isEmpty() || std::exchange(m_retrySameAccount, false)) {
        id = m_accountId; // same account once more: with a refreshed token, or after a transient failure
    } else {
        releaseSlot();
        qint64 busy = 0;
        const bool mayWait = m_config.accountLimitWaitMs > 0 && !m_slotWaitOver;
        id = m_accounts->select(m_excluded, m_request.kiroModelId, m_request.conversation.key(), mayWait ? &busy : nullptr);
        if (busy)
            return waitForSlot(busy);
        m_slot = id.value_or(0);
    }
    // A network failure or a 5xx says little about the account: with no other account left, the ones
    // already tried get a bounded number of second chances.
    const bool transient = m_lastFailure && m_lastFailure->retryable
        && (m_lastFailure->outcome == UpstreamOutcome::NetworkError || m_lastFailure->outcome == UpstreamOutcome::ServerError);
    if (!id && transient && m_transientRetries < MaxTransientRetries) {
        id = m_accounts->select({}, m_request.kiroModelId);
        m_slot = id.value_or(0);
        m_transientRetries += id ? 1 : 0;
    }
    if (!id) {
        // Nothing selectable at all: the pool says why (cooldowns, lost logins, invalid accounts).
        // Otherwise every remaining account failed for this request: its last failure says most.
        if (!m_lastFailure)
            return respondPoolExhausted(m_accounts->unavailableError(m_request.kiroModelId));
        if (!m_accounts->hasSelectable({}, m_request.kiroModelId)) {
            // This request used up the pool: its own failure stays the answer (402 stays billing_error)
            // unless the pool's says more (when the first account frees up, which login was lost).
            const ApiError error = m_accounts->unavailableError(m_request.kiroModelId);
            const bool samePoolStory = error.httpStatus == m_lastFailure->clientError.httpStatus;
            return respondPoolExhausted(samePoolStory ? error : m_lastFailure->clientError);
        }
        return respondError(m_lastFailure->clientError);
    }
    m_accountId = *id;
    m_record.accountId = m_accountId;
    m_record.accountName = m_accounts->accountName(m_accountId);
    ++m_record.attempts;
    const QString rejected = std::exchange(m_rejectedToken, QString());
    m_accounts->withAccessToken(m_accountId, rejected, this, [this](std::variant<QString, ApiError> token) {
        if (m_done)
            return;
        if (const auto *error = std::get_if<ApiError>(&token)) {
            UpstreamFailure failure;
            failure.outcome = UpstreamOutcome::TokenRejected;
            failure.retryable = true;
            failure.clientError = *error;   // the pool already counted the failed refresh against the account
            m_excluded.insert(m_accountId);
            m_lastFailure = failure;
            return attempt();
        }
        sendUpstream(m_accountId, std::get<QString>(token));
    });
}

void MessagesExchange::stopWaitingForSlot()
{
    m_waitingFor = 0;
    if (m_slotFreed)
        disconnect(std::exchange(m_slotFreed, {}));
}

// The conversation's account is at its per-account limits: wait for one of its requests to end (or
// its minute to move on), up to accountLimitWaitMs in all; then any account will do.
void MessagesExchange::waitForSlot(qint64 accountId)
{
    if (!m_slotWait.isValid())
        m_slotWait.start();
    const qint64 left = m_config.accountLimitWaitMs - m_slotWait.elapsed();
    if (left <= 0) {
        m_slotWaitOver = true;
        return attempt();
    }
    m_waitingFor = accountId;
    // Only a waiting exchange listens: every release would otherwise call every exchange in flight.
    if (!m_slotFreed) {
        m_slotFreed = connect(m_accounts, &AccountPool::slotFreed, this, [this](qint64 id) {
            if (id == m_waitingFor && !m_done)
                m_slotTimer.start(0);   // after the releasing request has finished its own work
        });
    }
    m_slotTimer.start(int(std::min<qint64>(left, 1000)));   // a per-minute limit frees up without a release
    if (m_slotWait.elapsed() + std::min<qint64>(left, 1000) >= m_config.accountLimitWaitMs)
        m_slotWaitOver = true;
}

void MessagesExchange::releaseSlot()
{
    if (m_slot != 0)
        m_accounts->release(std::exchange(m_slot, 0));
}

void MessagesExchange::sendUpstream(qint64 accountId, const QString &accessToken)
{
    const Credential *credential = m_accounts->credential(accountId);
    if (!credential)
        return attempt();
    m_accessToken = accessToken;
    QJsonObject body = m_request.kiroBody;
    if (!credential->profileArn.isEmpty() && credential->authMethod == AuthMethod::Social)
        body.insert(QStringLiteral("profileArn"), credential->profileArn);
    const QNetworkRequest request = KiroRequests::generateAssistantResponse(m_config, *credential, accessToken,
                                                                            m_accounts->machineId(accountId));
    m_upstreamOk = false;
    m_timedOut = false;
    m_decoder = std::make_unique<EventStreamDecoder>();
    collectCredits();
    m_assembler = makeAssembler();
    if (m_committed) // a ping already opened the stream: message_start is out, don't send it twice
        m_assembler->start();

    if (m_config.upstreamConnectTimeoutMs > 0)
        m_headerTimer.start(m_config.upstreamConnectTimeoutMs);
    m_call = new UpstreamCall(m_upstreamProxy, this);
    m_call->setConnectionPool(m_upstreamConnections, m_config.upstreamKeepAlive);
    connect(m_call, &UpstreamCall::readyRead, this, &MessagesExchange::onUpstreamData);
    connect(m_call, &UpstreamCall::finished, this, &MessagesExchange::onUpstreamFinished);
    m_call->post(request, compactJson(body));
}

std::unique_ptr<ResponseAssembler> MessagesExchange::makeAssembler() const
{
    ResponseAssembler::Options options;
    options.messageId = m_messageId;
    options.requestedModel = m_request.requestedModel;
    options.kiroModelId = m_request.kiroModelId;
    options.contextWindow = m_request.contextWindow;
    options.thinkingEnabled = m_request.thinkingEnabled;
    options.estimatedInputTokens = m_request.estimatedInputTokens;
    options.toolNameMap = m_request.toolNameMap;
    options.wholeMessage = !m_request.stream || m_searchLoop;
    return std::make_unique<ResponseAssembler>(options);
}

// Every upstream reply is metered, including failed attempts and earlier web search rounds.
void MessagesExchange::collectCredits()
{
    if (m_assembler)
        m_record.credits += m_assembler->meter().takeCredits();
}

void MessagesExchange::releaseUpstream()
{
    m_headerTimer.stop();
    m_idleTimer.stop();
    if (m_call)
        UpstreamCall::discard(std::exchange(m_call, nullptr), this);
}

void MessagesExchange::onUpstreamData()
{
    if (!m_call || m_done)
        return;
    if (m_call->status() != 200)
        return; // the error body is read whole in onUpstreamFinished()
    if (!m_upstreamOk) {
        m_upstreamOk = true;
        m_headerTimer.stop();
    }
    if (m_config.upstreamIdleTimeoutMs > 0)
        m_idleTimer.start(m_config.upstreamIdleTimeoutMs);
    m_forwarding.received(m_call->receivedAtNs());
    m_decoder->feed(m_call->body());
    m_call->consumeBody();
    processFrames();
}

// Every event decoded from one read of the upstream leaves in one write to the client: when the
// proxy falls behind, several frames arrive together, and one send for all of them keeps its cost
// per event near a plain relay's.
void MessagesExchange::processFrames()
{
    const QScopedValueRollback<bool> batching(m_batching, true);
    int batched = 0;
    while (!m_done && m_decoder->next(m_frame)) {
        const QList<SseEvent> events = m_assembler->onMessage(m_frame);
        if (const auto failure = m_assembler->failure()) {
            if (!m_committed) {
                // An exception before the client saw a byte (e.g. throttling): as good as an HTTP error.
                UpstreamFailure f;
                f.outcome = failure->httpStatus == 429 ? UpstreamOutcome::Throttled : UpstreamOutcome::ServerError;
                f.retryable = failure->httpStatus == 429 || failure->httpStatus >= 500;
                f.clientError = *failure;
                releaseUpstream();
                return handleFailure(f);
            }
            return failMidStream(*failure);
        }
        if (m_request.stream && !events.isEmpty()) {
            commitStream();
            sendEvents(events);
            ++batched;
        }
    }
    if (m_done)
        return;
    flushEvents();
    m_forwarding.forwarded(batched);
    if (m_decoder->error() != EventStreamDecoder::Error::None)
        failMidStream(ApiError::api(QStringLiteral("the Kiro upstream sent a corrupt event stream (%1)").arg(m_decoder->errorString())));
}

void MessagesExchange::onUpstreamFinished()
{
    if (!m_call || m_done)
        return;
    UpstreamCall *call = m_call;
    const int status = call->status();
    const bool transportFailed = call->failed();
    const QString errorText = call->errorString();
    if (status == 200) {
        m_forwarding.received(call->receivedAtNs());
        m_decoder->feed(call->body());
        call->consumeBody();
        processFrames();
        if (m_done)
            return;
        releaseUpstream();
        if (transportFailed || m_decoder->pendingBytes() > 0) {
            const QString why = m_timedOut ? QStringLiteral("the Kiro upstream went silent for %1 s mid-stream").arg(m_config.upstreamIdleTimeoutMs / 1000)
                                           : QStringLiteral("the connection to the Kiro upstream broke mid-stream");
            if (!m_committed) {   // nothing reached the client yet (a whole answer is still being gathered)
                m_accounts->report(m_accountId, UpstreamOutcome::NetworkError, why);
                return handleFailure(classifyTransportFailure(why, m_timedOut));
            }
            return failMidStream(ApiError::api(why));
        }
        return completeSuccess();
    }
    const QByteArray body = call->readAll().left(64 * 1024);
    const QByteArray retryAfter = call->rawHeader("Retry-After");
    releaseUpstream();
    if (status == 0) {
        const QString why = m_timedOut ? QStringLiteral("no answer within %1 s").arg(m_config.upstreamConnectTimeoutMs / 1000) : errorText;
        qCWarning(lcExchange) << "upstream transport failure:" << why;
        m_accounts->report(m_accountId, UpstreamOutcome::NetworkError, why);
        return handleFailure(classifyTransportFailure(why, m_timedOut));
    }
    const UpstreamFailure failure = classifyHttpFailure(status, body, retryAfter);
    qCInfo(lcExchange) << "upstream answered" << status << "for account" << m_record.accountName;
    // A first token rejection is the normal end of a token's life: refreshed and retried below, not
    // held against the account. A fresh token refused again is.
    if (!(failure.tokenRejected && !m_refreshedAccounts.contains(m_accountId)))
        m_accounts->report(m_accountId, failure.outcome, upstreamMessage(body), failure.retryAfterSeconds);
    handleFailure(failure);
}

void MessagesExchange::handleFailure(const UpstreamFailure &failure)
{
    m_lastFailure = failure;
    if (!failure.retryable || m_committed)
        return respondError(failure.clientError);
    if (failure.tokenRejected && !m_refreshedAccounts.contains(m_accountId)) {
        m_refreshedAccounts.insert(m_accountId);
        m_rejectedToken = m_accessToken;
        return attempt();
    }
    // A transient failure (5xx, 408, connection) before the first byte: the same account again after
    // retryBaseMs, 2x, 4x... (+ 0-50 % jitter) while the budget allows (Config, docs/reliability.md#retries).
    const bool transient = failure.outcome == UpstreamOutcome::NetworkError || failure.outcome == UpstreamOutcome::ServerError;
    const int base = m_config.retryBaseMs << std::min(m_sameAccountRetries, 10);
    const int delayMs = base + QRandomGenerator::global()->bounded(base / 2 + 1);
    if (transient && m_sameAccountRetries < m_config.retrySameAccount && m_clock.elapsed() + delayMs <= m_config.retryBudgetMs) {
        ++m_transientRetries;
        ++m_sameAccountRetries;
        m_retrySameAccount = true;
        return m_backoffTimer.start(delayMs);
    }
    m_excluded.insert(m_accountId);
    // Another account can take over at once; asking an account that just failed again waits a little.
    if (transient && !m_accounts->hasSelectable(m_excluded, m_request.kiroModelId))
        return m_backoffTimer.start(qMin(200 * (1 << qMin(m_record.attempts, 4)), 2000));
    attempt();
}

void MessagesExchange::commitStream()
{
    if (m_committed)
        return;
    m_committed = true;
    m_record.ttfbMs = m_clock.elapsed();
    HttpHeaders headers = m_responseHeaders;
    headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    headers.append(qMakePair(QByteArray("X-Accel-Buffering"), QByteArray("no")));
    m_stream->begin(200, m_format->streamContentType(), headers);
    if (!m_assembler) // committed by a ping before any upstream attempt got going
        m_assembler = makeAssembler();
    sendEvents(m_assembler->start());
}

void MessagesExchange::sendEvents(const QList<SseEvent> &events)
{
    m_format->appendStreamEvents(m_pending, events);
    if (m_pingTimer.isActive())
        m_pingTimer.start(m_config.pingIntervalMs);
    if (!m_batching)
        flushEvents();
}

void MessagesExchange::flushEvents()
{
    if (m_pending.isEmpty())
        return;
    m_stream->write(m_pending);
    m_pending.resize(0);   // keeps its capacity for the next read's events
}

void MessagesExchange::endStream(const QByteArray &last)
{
    m_pending += last;
    m_stream->end(m_pending);
    m_pending = QByteArray();
}

void MessagesExchange::onPing()
{
    if (m_done)
        return;
    commitStream();
    m_stream->write(m_format->streamPing());
}

void MessagesExchange::onHeaderTimeout()
{
    m_timedOut = true;
    if (m_call)
        m_call->abort(); // finishes at once with status 0 → onUpstreamFinished
}

void MessagesExchange::onIdleTimeout()
{
    m_timedOut = true;
    if (m_call)
        m_call->abort();
}

void MessagesExchange::completeSuccess()
{
    const QList<SseEvent> events = m_assembler->finish();
    if (const auto failure = m_assembler->failure())
        return failMidStream(*failure);
    m_accounts->report(m_accountId, UpstreamOutcome::Success);
    if (m_searchLoop && continueWithWebSearch(events))
        return;
    deliver(events);
}

// The round asked for web searches: its events go out (the loop holds back the message's end), the
// searches run on this account, and then either the next round starts or the answer ends.
bool MessagesExchange::continueWithWebSearch(const QList<SseEvent> &roundEvents)
{
    if (!m_searchLoop->startRound(m_assembler->message()))
        return false;
    if (m_request.stream) {
        commitStream();
        sendEvents(roundEvents);
    }
    auto search = [this](const QString &query, WebSearchLoop::SearchDone done) {
        const Credential *credential = m_accounts->credential(m_accountId);
        if (!credential)
            return done(WebSearchOutcome::failed(QStringLiteral("unavailable")));
        if (!m_mcp)
            m_mcp = new KiroMcpClient(m_config, m_upstreamProxy, this);
        m_mcp->search(*credential, m_accessToken, m_accounts->machineId(m_accountId), query, std::move(done));
    };
    m_searchLoop->search(search, [this](const QList<SseEvent> &events, std::optional<ConvertedRequest> nextRound) {
        m_record.webSearches = m_searchLoop->searchCount();
        if (m_done)
            return;
        if (!nextRound)
            return deliver(events);
        if (m_request.stream)
            sendEvents(events);
        m_request = std::move(*nextRound);
        sendUpstream(m_accountId, m_accessToken);
    });
    return true;
}

void MessagesExchange::deliver(const QList<SseEvent> &events)
{
    m_record.inputTokens = m_assembler->inputTokens();
    m_record.outputTokens = m_searchLoop ? m_searchLoop->outputTokens(m_assembler->outputTokens()) : m_assembler->outputTokens();
    if (m_request.stream) {
        commitStream();
        m_format->appendStreamEvents(m_pending, events);
        endStream(m_format->streamEnd());
    } else if (m_client) {
        m_record.ttfbMs = m_clock.elapsed();
        writeJson(m_client, 200, m_format->body(m_assembler->message()), m_responseHeaders);
    }
    finish(200, {});
}

void MessagesExchange::failMidStream(const ApiError &error)
{
    releaseUpstream();
    qCWarning(lcExchange) << "request failed after the upstream answered:" << error.message;
    if (m_request.stream && m_committed) {
        endStream(m_format->streamError(error));
        return finish(200, error.message);
    }
    respondError(error);
}

void MessagesExchange::respondPoolExhausted(const ApiError &error)
{
    if (error.httpStatus == 429 || error.httpStatus == 402) {
        if (const auto first = m_accounts->firstAvailableAt(m_request.kiroModelId))
            m_retryAfterSeconds = int(std::clamp<qint64>(Clock::current().now().secsTo(*first), 1, 86400));
    }
    respondError(error);
}

void MessagesExchange::respondError(const ApiError &error)
{
    releaseUpstream();
    if (m_committed) {
        endStream(m_format->streamError(error));
        return finish(200, error.message);
    }
    HttpHeaders headers = m_responseHeaders;
    if (m_retryAfterSeconds > 0)
        headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(m_retryAfterSeconds)));
    else if (m_lastFailure && m_lastFailure->retryAfterSeconds > 0)
        headers.append(qMakePair(QByteArray("Retry-After"), QByteArray(QByteArray::number(m_lastFailure->retryAfterSeconds))));
    if (m_client)
        m_record.ttfbMs = m_clock.elapsed();
    writeJson(m_client, error.httpStatus, m_format->errorBody(error), headers);
    finish(error.httpStatus, error.message);
}

void MessagesExchange::shutdown()
{
    if (m_done)
        return;
    respondError(ApiError::unavailable(QStringLiteral("KiroTray is shutting down")));
}

void MessagesExchange::onClientGone()
{
    if (m_done)
        return;
    releaseUpstream();
    finish(499, QStringLiteral("client disconnected"));
}

void MessagesExchange::finish(int status, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_pingTimer.stop();
    m_backoffTimer.stop();
    m_slotTimer.stop();
    stopWaitingForSlot();
    releaseSlot();
    releaseUpstream();
    m_record.status = status;
    m_record.error = error;
    m_record.durationMs = m_clock.elapsed();
    collectCredits();
    if (m_forwarding.isEnabled() && m_request.stream)
        qCDebug(lcForwarding).noquote() << m_forwarding.summary();
    Q_EMIT finished(m_record);
    deleteLater();
}

} // namespace kt
