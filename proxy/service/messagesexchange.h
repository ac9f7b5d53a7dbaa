#pragma once
// One POST /v1/messages (or an OpenAI face's request, converted to one) from arrival to the last byte: picks an account, sends the converted request
// upstream, decodes the event stream as it arrives and forwards each event at once (SSE) or
// assembles the whole message. Retries and fails over only while nothing has reached the client.
#include "anthropic/requestconverter.h"
#include "anthropic/responseassembler.h"
#include "codec/eventstreamdecoder.h"
#include "service/forwardingtimes.h"
#include "service/inactivitytimer.h"
#include "storage/requestrecord.h"
#include "anthropic/responseformat.h"
#include "server/httpresponse.h"
#include "upstream/upstreamerror.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

class QTcpSocket;

namespace kt {

struct Config;
class AccountPool;
class ChunkedStream;
class UpstreamCall;
class UpstreamConnectionPool;
class KiroMcpClient;
class WebSearchLoop;

class MessagesExchange : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxTransientRetries = 2;   // extra attempts on accounts that already failed transiently

    MessagesExchange(const Config &config, AccountPool *accounts, QNetworkProxy upstreamProxy,
                     UpstreamConnectionPool *upstreamConnections, ConvertedRequest request, QTcpSocket *client, RequestRecord record, HttpHeaders responseHeaders,
                     std::unique_ptr<ResponseFormat> format = {}, QObject *parent = nullptr);   // no format: Anthropic's
    ~MessagesExchange() override;

    void start();
    void shutdown(); // the server is stopping: end the response with an error now

Q_SIGNALS:
    void finished(const kt::RequestRecord &record);

private:
    void attempt();
    void waitForSlot(qint64 accountId);
    void stopWaitingForSlot();
    void releaseSlot();
    void sendUpstream(qint64 accountId, const QString &accessToken);
    void onUpstreamData();
    void onUpstreamFinished();
    void onHeaderTimeout();
    void onIdleTimeout();
    void onPing();
    void handleFailure(const UpstreamFailure &failure);
    void processFrames();
    void commitStream();
    void sendEvents(const QList<SseEvent> &events);
    void flushEvents();
    void endStream(const QByteArray &last);
    void completeSuccess();
    bool continueWithWebSearch(const QList<SseEvent> &roundEvents);
    void deliver(const QList<SseEvent> &events);
    void failMidStream(const ApiError &error);
    void respondError(const ApiError &error);
    void respondPoolExhausted(const ApiError &error);
    void onClientGone();
    void releaseUpstream();
    std::unique_ptr<ResponseAssembler> makeAssembler() const;
    void collectCredits();
    void finish(int status, const QString &error);

    const Config &m_config;
    AccountPool *m_accounts;
    QNetworkProxy m_upstreamProxy;
    QPointer<UpstreamConnectionPool> m_upstreamConnections;
    ConvertedRequest m_request;
    QPointer<QTcpSocket> m_client;
    ChunkedStream *m_stream = nullptr;
    RequestRecord m_record;
    HttpHeaders m_responseHeaders;
    std::unique_ptr<ResponseFormat> m_format;
    WebSearchLoop *m_searchLoop = nullptr;   // m_format when the request offers web search
    KiroMcpClient *m_mcp = nullptr;
    QElapsedTimer m_clock;
    QString m_messageId;

    QPointer<UpstreamCall> m_call;
    qint64 m_accountId = 0;
    QString m_accessToken;
    QString m_rejectedToken;
    QSet<qint64> m_excluded;
    QSet<qint64> m_refreshedAccounts;
    std::optional<UpstreamFailure> m_lastFailure;
    bool m_upstreamOk = false;       // current attempt answered 200
    bool m_timedOut = false;
    bool m_committed = false;        // bytes have reached the client: no more retries
    bool m_done = false;
    bool m_batching = false;         // events wait in m_pending until the upstream read is decoded
    QByteArray m_pending;
    int m_transientRetries = 0;
    bool m_retrySameAccount = false;
    int m_sameAccountRetries = 0;   // not counted against maxAttempts, which bounds the failover
    int m_retryAfterSeconds = 0;     // when the pool is exhausted: until the first account frees up

    std::unique_ptr<EventStreamDecoder> m_decoder;
    EventStreamMessage m_frame;      // the decoded frame, reused from frame to frame
    std::unique_ptr<ResponseAssembler> m_assembler;
    QTimer m_headerTimer;
    InactivityTimer m_idleTimer;
    InactivityTimer m_pingTimer;
    QTimer m_backoffTimer;
    qint64 m_slot = 0;              // the account counting this request in flight (AccountPool::select)
    qint64 m_waitingFor = 0;        // the conversation's account, at its limits, this request waits for
    QMetaObject::Connection m_slotFreed;   // to AccountPool::slotFreed, while waiting
    QTimer m_slotTimer;
    QElapsedTimer m_slotWait;       // since the wait began (bounded by accountLimitWaitMs)
    bool m_slotWaitOver = false;
    ForwardingTimes m_forwarding;
};

} // namespace kt
