#pragma once
// The local Anthropic-compatible HTTP API: guards every request (Host, Origin, API key), routes
// /v1/* and /api/*, and runs each POST /v1/messages as a MessagesExchange. Lives on the proxy thread.
#include "management/corestate.h"
#include "config/config.h"
#include "server/clientconnection.h"
#include "storage/requestrecord.h"

#include "accounts/account.h"
#include "accounts/importreport.h"
#include "anthropic/requestconverter.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class QTcpSocket;

namespace kt {

class AccountPool;
class AccountRepository;
class AdminApi;
class Database;
class HttpServer;
class RequestLog;
class SecretStore;
class SignIn;
class ManagementService;
class MessagesExchange;
class NetworkManagerPool;
class OverageSwitch;
class UpstreamConnectionPool;
class RequestGuard;

class ProxyServer : public QObject, public CoreState
{
    Q_OBJECT
public:
    explicit ProxyServer(const Config &config, QObject *parent = nullptr);
    ~ProxyServer() override;

    QString start();     // starts listening; returns an error message, empty on success
    void stop();         // stops listening and ends in-flight requests
    bool isListening() const override { return m_port != 0; }
    quint16 port() const override { return m_port; }
    const Config &config() const { return m_config; }
    AccountPool *accounts() const { return m_accounts; }
    SignIn *signIn() const { return m_signIn; }
    OverageSwitch *overage() const { return m_overage; }
    ManagementService *management() const { return m_management.get(); }
    int inFlight() const override;
    // Opens the database and the secret store in the data directory (once; later calls return the
    // first outcome), loads the pool and, on the very first start, imports credentials.json and the
    // REFRESH_TOKEN environment credential. Without a data directory the pool lives in memory.
    QString openStorage();
    RequestLog *requestLog() override;   // writes the finished requests still waiting for the next batch first
    QString secretBackend() const override;
    QDateTime startedAt() const override { return m_startedAt; }

Q_SIGNALS:
    void requestFinished(const kt::RequestRecord &record);
    // Coalesced (at most every 100 ms): the whole pool after any change, secrets stripped.
    void accountsSnapshot(const QList<kt::Account> &accounts, const QString &strategy);
    void notification(const QString &kind, const QString &message);

private:
    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleMessages(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord record);
    void handleCountTokens(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record);
    void handleModels(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record);
    // The pool's model for the body's "model" (no model when it is absent or not a string: the validator says why).
    std::variant<ConversionOptions, ApiError> conversionOptions(const QJsonObject &body) const;
    void complete(const RequestRecord &record);
    void flushRequestLog();
    QString migrateFirstStart();
    void restoreWriteBack();
    void emitSnapshot();
    bool corsAllowed(const QHttpServerRequest &request) const;
    QList<QPair<QByteArray, QByteArray>> responseHeaders(const QHttpServerRequest &request) const;
    ConnectionLimits connectionLimits() const;
    void applyOpenFileLimit();
    // Beyond the streams: connections waiting for their 503 (8), the upstream pool's spares (4),
    // token refreshes and quota reads, the log; the last 8 are never handed to a client.
    static constexpr int ReserveDescriptors = 32;
    static constexpr int LastDescriptors = 8;
    std::optional<ApiError> refusalBeforeBody(const RequestHead &head) const;   // for Expect: 100-continue

    Config m_config;
    HttpServer *m_http = nullptr;
    NetworkManagerPool *m_network;
    UpstreamConnectionPool *m_upstreamConnections;   // keep-alive sockets for generateAssistantResponse
    AccountPool *m_accounts;
    SignIn *m_signIn;
    OverageSwitch *m_overage;
    std::unique_ptr<RequestGuard> m_guard;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountRepository> m_repository;
    std::unique_ptr<RequestLog> m_log;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ManagementService> m_management;
    std::unique_ptr<AdminApi> m_admin;
    std::optional<QString> m_storageResult;   // set once openStorage() ran
    QDateTime m_startedAt;
    QTimer m_snapshotTimer;
    static constexpr int LogFlushIntervalMs = 250;
    static constexpr int MaxPendingLogRecords = 256;
    QTimer m_logTimer;
    QList<RequestRecord> m_pendingLog;   // finished /v1/messages requests, written by flushRequestLog()
    QList<QPointer<MessagesExchange>> m_exchanges;
    static constexpr int TrimAfterIdleMs = 2000;
    QTimer m_trimTimer;   // once no request has been in flight for a while: releaseFreeMemory()
    quint16 m_port = 0;
};

} // namespace kt
