#pragma once
// The proxy as the rest of the program sees it: owns the worker thread the HTTP server, upstream
// requests and account work run on; commands are queued to that thread, results come back as signals.
#include "accounts/account.h"
#include "accounts/accountchanges.h"
#include "anthropic/apierror.h"
#include "config/config.h"
#include "config/configfile.h"
#include "signin/signinrequest.h"
#include "signin/signinstatus.h"
#include "storage/requestrecord.h"
#include "storage/logfilter.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace kt {

class ProxyCore;
class SecretStore;

class ProxyService : public QObject
{
    Q_OBJECT
public:
    // secrets: the store start-up chose for config.dataDir (null: the core chooses when it opens the storage).
    explicit ProxyService(const Config &config, std::shared_ptr<SecretStore> secrets = {}, QObject *parent = nullptr);
    ~ProxyService() override;

    const Config &config() const { return m_config; }
    bool isRunning() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString baseUrl() const;

    // Where tokens and the API key are kept once the proxy has opened its storage: "keychain" or
    // "file" (then in secretsFilePath()); empty before. secretBackendChanged() says when it is known.
    QString secretBackend() const { return m_secretBackend; }
    QString secretsFilePath() const;

    // Blocks until the server listens or fails; for start-up paths that have nothing else to do.
    QString startAndWait();

public Q_SLOTS:
    void start();
    void stop();

    // Account pool, request log and statistics for the UI. Each call is queued to the proxy thread
    // (opening the data directory's storage first if the proxy never started); results arrive as signals.
    void requestAccounts();                                   // → accountsUpdated
    void importAccounts(const QByteArray &json, bool dryRun); // → importFinished (and accountsUpdated)
    void setAccountEnabled(qint64 id, bool enabled);
    void removeAccount(qint64 id);
    void updateAccount(qint64 id, const kt::AccountChanges &changes);  // refused values are logged (the UI offers only valid ones)
    void setStrategy(const QString &name);                    // "round-robin" | "random" | "least-used" | "priority"
    void refreshQuota(qint64 id);                             // 0 = all accounts
    // At Kiro → overageFinished; turning it on needs chargesAcknowledged (the user agreed to the costs).
    void setOverage(qint64 id, bool enabled, bool chargesAcknowledged);
    // Merges config.json keys (null removes one) into the config file, on the proxy thread → settingsSaved.
    void saveSettings(int tag, const QJsonObject &changes);
    void queryLogs(int tag, const kt::LogFilter &filter);     // → logsReady
    void queryStats(int tag);                                 // → statsReady
    // Sign-in (SignIn on the proxy thread): → signInStarted(tag, status or error), then signInChanged.
    void startSignIn(int tag, const kt::SignInRequest &request);
    void cancelSignIn(const QString &loginId);
    void completeSignIn(const QString &loginId, const QUrl &redirect);   // → signInChanged, or signInError

Q_SIGNALS:
    void started(quint16 port);
    void startFailed(const QString &error);
    void stopped();
    void requestFinished(const kt::RequestRecord &record);
    // Secrets stripped; coalesced, at most every 100 ms. The whole pool after its list changed and on
    // request; only the accounts that changed in place (same ids, same order) when that is all.
    void accountsUpdated(const QList<kt::Account> &accounts, const QString &strategy);
    void accountsPatched(const QList<kt::Account> &changed);
    void importFinished(const QJsonObject &report);          // ImportReport::toJson()
    void logsReady(int tag, const QList<kt::RequestRecord> &records);
    void statsReady(int tag, const QJsonObject &stats);
    void settingsSaved(int tag, kt::ConfigFile::Outcome outcome, const QString &error);   // error empty: saved
    void overageFinished(qint64 id, bool enabled, const QString &error);   // error empty: done
    void notification(const QString &kind, const QString &message);   // "account-invalid" | "pool-exhausted" | "quota-low"
    void secretBackendChanged(const QString &backend);
    void signInStarted(int tag, const kt::SignInStatus &status, const QString &error);   // error empty = started
    void signInChanged(const kt::SignInStatus &status);
    void signInError(const QString &loginId, const QString &error);

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    void onStarted(quint16 port);
    static void logRefusal(const std::variant<Account, ApiError> &result, qint64 id);   // the UI offers only valid values
    void reportSecretBackend();   // on the proxy thread: tells the service's thread where secrets are
    // Runs `work` on the proxy thread once storage is open (errors are logged there).
    void onProxyThread(std::function<void()> work);

    Config m_config;
    QThread *m_thread;
    ProxyCore *m_server;
    quint16 m_port = 0;
    QString m_secretBackend;
    std::atomic_bool m_forwardingAccounts = false;
    std::atomic_bool m_forwardingRequests = false;
};

} // namespace kt
