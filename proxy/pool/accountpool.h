#pragma once
// The accounts requests are served from, behind one face: picks one for each attempt by the configured
// strategy (AccountSelector, AccountLoad, ConversationBindings), learns from the upstream's answers
// (FailoverPolicy), applies what the quota and model readings say (QuotaScheduler, ModelCatalogues),
// imports, and persists it all. The accounts themselves are PoolAccounts, their tokens TokenBroker's.
#include "accounts/account.h"
#include "accounts/accountchanges.h"
#include "pool/accountload.h"
#include "pool/accountselector.h"
#include "pool/conversationbindings.h"
#include "pool/cooldownschedule.h"
#include "pool/credentialswriteback.h"
#include "pool/failoverpolicy.h"
#include "pool/modelcatalogues.h"
#include "pool/poolaccounts.h"
#include "pool/quotascheduler.h"
#include "pool/tokenbroker.h"
#include "accounts/importreport.h"
#include "accounts/machineid.h"
#include "accounts/poolstrategy.h"
#include "accounts/upstreamoutcome.h"
#include "anthropic/apierror.h"
#include "models/modelindex.h"
#include "models/modelresolver.h"
#include "util/clock.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace kt {

struct Config;
class AccountRepository;
class NetworkManagerPool;
class PoolStorage;
class SecretStore;

class AccountPool : public QObject
{
    Q_OBJECT
public:
    using TokenCallback = TokenBroker::TokenCallback;
    using QuotaCallback = std::function<void(bool ok, const QString &error)>;
    static constexpr int MaxParallelQuotaFetches = 4;

    AccountPool(const Config &config, NetworkManagerPool *network, QObject *parent = nullptr);
    ~AccountPool() override;

    // In-memory accounts (no storage attached): replaces every account; refreshed tokens are written
    // back to filePath (empty: nowhere).
    void setCredentials(const QList<Credential> &credentials, const QString &filePath, bool fileWasArray);
    // Loads the settings and the first stored accounts (a page, at most 25) with their secrets; the
    // rest follow one page per event-loop turn (accountpoolloading.cpp), requests are served from what
    // is loaded meanwhile, and accountsChanged() says when all are. From then on every change is
    // persisted (row and secret) before it is signalled. Returns an error when the accounts could not be read.
    QString attachStorage(AccountRepository *repository, SecretStore *secrets);
    bool hasStorage() const { return m_storage != nullptr; }
    bool loading() const { return m_loading; }   // stored accounts are still being loaded
    // Loads the rest at once. What needs every account (imports, edits, lists, counts) calls it first;
    // a request does only when the loaded accounts cannot serve it.
    void ensureLoaded() const;
    // Accounts whose refreshed tokens also go back into a kiro-rs credentials.json (compatibility).
    void setWriteBackFile(const QString &path, bool asArray, const QSet<qint64> &ids);
    QString setting(const QString &key, const QString &fallback = {}) const;
    void setSetting(const QString &key, const QString &value);

    int size() const { ensureLoaded(); return int(m_accounts.size()); }
    bool isEmpty() const { return m_accounts.isEmpty(); }   // also while loading: the first page is there
    QList<Credential> credentials() const;          // with secrets (proxy thread only)
    QList<Account> accounts() const;                // secrets stripped
    std::optional<Account> account(qint64 id) const; // secrets stripped

    // model: a resolved Kiro model id; only accounts whose catalogue lists it are picked (any account
    // when no catalogue lists it, e.g. an alias to a hidden model). Empty: any account.
    // conversation: its key (ConversationKey::key()); the account it is bound to serves it while that
    // account can, otherwise the strategy's choice does and the conversation is bound to it.
    // Accounts at their per-account limits are not picked. busyAccount: when given and the conversation's
    // account is usable but at a limit, nothing is selected and it names that account (wait for
    // slotFreed, then ask again; without busyAccount the strategy's choice takes over).
    // The selected account counts the request in flight until release().
    std::optional<qint64> select(const QSet<qint64> &excluded, const QString &model = {}, const QString &conversation = {},
                                 qint64 *busyAccount = nullptr);
    void release(qint64 id);   // a request select() counted is over (or moves to another account)
    // When an account usable for `model` but at its limits takes a request again (a running request
    // ending counts as one second from now); nothing when none is held back by its limits.
    std::optional<QDateTime> firstAdmittedAt(const QString &model = {}) const;
    bool hasSelectable(const QSet<qint64> &excluded = {}, const QString &model = {}) const;   // would select() find one (without counting it)
    const Credential *credential(qint64 id) const;
    QString machineId(qint64 id) const;
    QString accountName(qint64 id) const;   // display name, empty for an unknown id

    // Calls back with a usable access token, refreshing first when it is missing, near expiry or
    // equal to rejectedToken (the upstream refused it; a token already replaced by another request's
    // refresh is not refreshed twice). The callback is dropped if context is destroyed first.
    void withAccessToken(qint64 id, const QString &rejectedToken, QObject *context, TokenCallback callback)
    {
        m_tokens.withAccessToken(id, rejectedToken, context, std::move(callback));
    }
    void report(qint64 id, UpstreamOutcome outcome, const QString &detail = {}, int retryAfterSeconds = 0);
    int refreshesStarted() const { return m_tokens.refreshesStarted(); }
    // Why select() found nothing: 429 rate_limit_error naming when the first cooldown ends; 401 when every
    // usable account lost its login; otherwise 503 with the reason. Also notifies "pool-exhausted".
    ApiError unavailableError(const QString &model = {});
    std::optional<QDateTime> firstAvailableAt(const QString &model = {}) const;   // earliest end of a cooldown that blocks selection

    PoolStrategy strategy() const { return m_selector.strategy(); }
    void setStrategy(PoolStrategy strategy);
    QString setStrategy(const QString &name);   // by name (any case); returns what is wrong, empty on success
    void seedRandom(quint32 seed) { m_selector.seed(seed); }

    // Conversation affinity (accountpoolconversations.cpp): live bindings, hits and misses.
    QJsonObject conversationStats();
    int conversationBindings() { return m_bindings.size(Clock::current().now()); }

    ImportReport importAccounts(const QByteArray &json, bool dryRun);
    // Adds one account (or updates the one with the same refresh token). strict: refuse what cannot be
    // refreshed (no or a truncated refresh token); migrations of existing files pass false.
    std::variant<qint64, QString> addAccount(const Credential &credential, const QString &name, bool strict = true);
    // A fresh login from a sign-in: replaces the login of `replaceId` when given, else updates the account
    // with the same refresh token or the same email (and auth method), else adds one. *created says which.
    std::variant<qint64, QString> addSignedIn(const Credential &credential, std::optional<qint64> replaceId, bool *created);
    bool removeAccount(qint64 id);
    bool setEnabled(qint64 id, bool enabled);
    // Applies a user's edit; returns what is wrong (no such account, or a value AccountChanges refuses), empty on success.
    QString changeAccount(qint64 id, const AccountChanges &changes);
    bool updateAccount(qint64 id, std::optional<QString> name, std::optional<int> priority, std::optional<bool> overage)
    {
        return changeAccount(id, {std::move(name), priority, overage}).isEmpty();
    }

    void refreshQuota(qint64 id, QuotaCallback done = {}) { ensureLoaded(); m_quota.refresh(id, std::move(done)); }
    void refreshAllQuota() { ensureLoaded(); m_quota.refreshAll(); }
    // Background refresh: one account every interval/n, oldest reading first. 0 minutes turns it off.
    void setQuotaRefreshMinutes(int minutes) { m_quota.setPeriodMinutes(minutes); }

    // Model catalogues (accountpoolmodels.cpp): the union and per-model index, the resolution rule
    // (ModelResolver with Config::modelAliases), and fetching (on add, on refresh, every modelRefreshHours).
    const ModelIndex &modelIndex() const { ensureLoaded(); return m_modelIndex; }
    std::variant<ResolvedModel, ApiError> resolveModel(const QString &requested) const;
    void refreshModels(qint64 id, QuotaCallback done = {}) { ensureLoaded(); m_models.refresh(id, std::move(done)); }
    void setModelRefreshHours(int hours) { m_models.setPeriodHours(hours); }

Q_SIGNALS:
    void accountsChanged();
    // An account changed. Only its counters (requests, in flight, last used) changing is announced
    // within a second, once for many requests; anything else at once.
    void accountChanged(qint64 id);
    void notify(const QString &kind, const QString &message);   // "account-invalid" | "pool-exhausted" | "quota-low"
    void slotFreed(qint64 id);   // release(): the account may take one more request
    void credentialsChanged();

private:
    Account *find(qint64 id) { return m_accounts.find(id); }
    const Account *find(qint64 id) const { return m_accounts.find(id); }
    const Account *findAny(qint64 id) const;   // also one not loaded yet (the load completes first)
    // Loading in pages (accountpoolloading.cpp).
    QList<Account> readPage(QString *error);   // the next page after m_loadedThrough
    int pageInterval() const;
    void paceLoading();
    void loadNextPage();
    void finishLoad();
    std::optional<qint64> selectLoaded(const QSet<qint64> &excluded, const QString &model, const QString &conversation,
                                       qint64 *busyAccount);
    void listChanged();
    std::optional<qint64> findDuplicate(const Credential &credential) const;
    void tokensRefreshed(qint64 id, bool lasting);
    void refreshFailed(qint64 id, bool permanent, const QString &error);
    void cannotRefresh(qint64 id, const QString &message);
    void persist(Account &account, bool withSecrets);
    // PoolAccounts' marks: the row to save, the change to announce, the secret to save (an access
    // token alone: at the next flush, with every other, in one write of the secret store).
    enum Mark : quint8 { Dirty = 1, Unannounced = 2, SecretDirty = 4 };
    void mark(qint64 id, quint8 marks);
    void markDirty(qint64 id) { mark(id, Dirty); }
    void countersChanged(qint64 id);
    void flushDirty();
    void flushCounters();
    void endBatch();
    void changed(Account &account, bool stateChanged, bool withSecrets);
    void scheduleCooldownCheck();
    void expireCooldowns();
    void placeCooldown(qint64 id);   // its place in m_cooldowns follows the account's state
    void trackCooldown(qint64 id);   // the same, and the timer follows the first cooldown
    void rebuildCooldowns();
    void writeBack();
    std::variant<qint64, QString> store(const Credential &credential, const QString &name, bool *updated,
                                        std::optional<qint64> target = std::nullopt);
    struct Staged {
        qint64 id = 0;
        std::optional<Account> before;   // an account that was updated, as it was
    };
    std::variant<Staged, QString> stage(const Credential &credential, const QString &name,
                                        std::optional<qint64> target = std::nullopt);
    QHash<qint64, QString> commit(const QList<Staged> &staged);
    void applyQuota(qint64 id, const QuotaFetchResult &result);
    void applyModels(qint64 id, const ModelListResult &result);
    void rebuildModelIndex();
    std::optional<qsizetype> boundAccount(const QString &conversation, const QSet<qint64> &excluded,
                                          const ModelAccounts &allowed, const QDateTime &now, qint64 *busy);
    void fillLoad(Account &a, qint64 nowMs) const;
    // The accounts offering the model (no restriction for an empty model or one no account lists).
    ModelAccounts offering(const QString &model) const { return model.isEmpty() ? ModelAccounts() : m_modelIndex.accountsFor(model); }

    const Config &m_config;
    PoolAccounts m_accounts;
    TokenBroker m_tokens;
    FailoverPolicy m_policy;
    AccountSelector m_selector;
    ConversationBindings m_bindings;
    AccountLoad m_load;
    QHash<qint64, quint32> m_setbacks;   // per account: how often it went to cooldown, invalid or disabled
    std::unique_ptr<PoolStorage> m_storage;
    CredentialsWriteBack m_writeBack;
    // The accounts marked Dirty (to save) or Unannounced (counters changed, accountChanged not yet
    // emitted) since the last flush, each once per time it was marked from nothing.
    std::vector<qint64> m_marked;
    QTimer m_flushTimer;
    QTimer m_cooldownTimer;
    CooldownSchedule m_cooldowns;                  // the accounts cooling down, by end
    std::optional<QDateTime> m_cooldownTimerFor;   // the end m_cooldownTimer was set for
    QuotaScheduler m_quota;
    ModelIndex m_modelIndex;
    ModelCatalogues m_models;
    QDateTime m_lastExhaustedNotice;
    qint64 m_nextMemoryId = 1;
    QTimer m_loadTimer;            // the next page, at the event loop's next turn (pageInterval())
    bool m_loading = false;
    bool m_loadReserved = false;   // room made for every stored account
    qint64 m_loadedThrough = 0;    // the last stored id loaded
};

} // namespace kt
