#pragma once
// The core as one object on the proxy thread: builds and owns the network, the account pool, sign-in,
// the overage switch, the storage (database, secret store, request log and its writer), the
// management service and the HTTP server, and says what the management faces read (CoreState).
#include "config/config.h"
#include "management/corestate.h"
#include "storage/requestrecord.h"

#include "accounts/account.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

namespace kt {

class AccountPool;
class AccountRepository;
class Database;
class ManagementService;
class NetworkManagerPool;
class OverageSwitch;
class ProxyServer;
class RequestLog;
class RequestLogWriter;
class SecretStore;
class SignIn;
class UpstreamConnectionPool;

class ProxyCore : public QObject, public CoreState
{
    Q_OBJECT
public:
    // secrets: the store start-up chose (and adopted) for this data directory; null: openStorage()
    // chooses one by config.secretStore.
    explicit ProxyCore(const Config &config, std::shared_ptr<SecretStore> secrets = {}, QObject *parent = nullptr);
    ~ProxyCore() override;

    QString start();   // opens the storage and listens; returns an error message, empty on success
    void stop();       // stops listening and ends in-flight requests
    // Opens the database and the secret store in the data directory (once; later calls return the
    // first outcome), loads the pool and, on the very first start, imports credentials.json and the
    // REFRESH_TOKEN environment credential. Without a data directory the pool lives in memory.
    QString openStorage();

    const Config &config() const { return m_config; }
    NetworkManagerPool *network() const { return m_network; }
    UpstreamConnectionPool *upstreamConnections() const { return m_upstreamConnections; }
    AccountPool *accounts() const { return m_accounts; }
    SignIn *signIn() const { return m_signIn; }
    OverageSwitch *overage() const { return m_overage; }
    ManagementService *management() const { return m_management.get(); }
    RequestLogWriter *logWriter() const { return m_logWriter; }
    ProxyServer *server() const { return m_server; }

    RequestLog *requestLog() override;
    bool isListening() const override;
    quint16 port() const override;
    QDateTime startedAt() const override;
    QString secretBackend() const override;
    int inFlight() const override;

Q_SIGNALS:
    void requestFinished(const kt::RequestRecord &record);
    // Coalesced (at most every 100 ms), secrets stripped: the whole pool after the list changed
    // (accounts added, removed, reordered, the strategy), else only the accounts that changed in place.
    void accountsSnapshot(const QList<kt::Account> &accounts, const QString &strategy);
    void accountsPatched(const QList<kt::Account> &changed);
    void notification(const QString &kind, const QString &message);

private:
    QString attachStorage();
    void emitSnapshot();

    Config m_config;
    NetworkManagerPool *m_network;
    UpstreamConnectionPool *m_upstreamConnections;   // keep-alive sockets for generateAssistantResponse
    AccountPool *m_accounts;
    SignIn *m_signIn;
    OverageSwitch *m_overage;
    RequestLogWriter *m_logWriter;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountRepository> m_repository;
    std::unique_ptr<RequestLog> m_log;
    std::shared_ptr<SecretStore> m_chosenSecrets;   // by start-up, if it did
    std::shared_ptr<SecretStore> m_secrets;         // in use once the storage is attached
    std::unique_ptr<ManagementService> m_management;
    ProxyServer *m_server;
    std::optional<QString> m_storageResult;   // set once openStorage() ran
    QTimer m_snapshotTimer;
    QSet<qint64> m_changedIds;        // since the last snapshot or patch
    bool m_wholeListChanged = false;  // since the last snapshot
};

} // namespace kt
