#pragma once
// The operations both management faces (the admin API under /api, the tray UI through ProxyService)
// forward to: accounts, strategy, usage and model refreshes, overage, settings (config.json), request
// log and status, with their validation. The faces translate their input (JSON, widgets) into these calls and their
// results back; neither checks a value itself. Lives on the proxy thread, like the pool.
#include "accounts/account.h"
#include "accounts/accountchanges.h"
#include "accounts/credential.h"
#include "accounts/importreport.h"
#include "anthropic/apierror.h"
#include "config/configfile.h"
#include "management/managementstatus.h"
#include "storage/logfilter.h"
#include "storage/requestrecord.h"

#include <QJsonObject>
#include <QList>
#include <functional>
#include <optional>
#include <variant>

namespace kt {

struct Config;
class AccountPool;
class CoreState;
class OverageSwitch;

class ManagementService
{
public:
    using AccountResult = std::variant<Account, ApiError>;
    using AccountDone = std::function<void(AccountResult)>;   // called once, on the proxy thread
    struct Added {
        Account account;
        bool created = false;   // false: an account with the same login was updated
    };

    ManagementService(const Config &config, AccountPool *pool, OverageSwitch *overage, CoreState *state);

    QList<Account> accounts() const;   // secrets stripped
    AccountResult account(qint64 id) const;
    std::variant<Added, ApiError> addAccount(Credential credential, const QString &name);
    // The report's error is set when the whole input is unusable (importError() maps it).
    ImportReport importAccounts(const QByteArray &json, bool dryRun);
    static ApiError importError(const ImportReport &report);
    // Every added or updated account refreshes its token and reads its usage; each entry of the
    // report's JSON then says "validation": "ok" or "failed: <why>".
    void validateImported(const ImportReport &report, std::function<void(QJsonObject)> done);
    AccountResult changeAccount(qint64 id, const AccountChanges &changes);
    std::optional<ApiError> removeAccount(qint64 id);
    AccountResult setEnabled(qint64 id, bool enabled);

    void refreshUsage(qint64 id, AccountDone done);
    int refreshAllUsage();   // how many accounts were asked
    void refreshModels(qint64 id, AccountDone done);
    // Usage of one account (0: all), and their model lists too unless model lists are turned off.
    void refreshUsageAndModels(qint64 id);
    // At Kiro; turning it on bills usage beyond the plan, so it needs chargesAcknowledged.
    void setOverage(qint64 id, bool enabled, bool chargesAcknowledged, AccountDone done);

    QString strategy() const;
    static QStringList strategies();
    std::optional<ApiError> setStrategy(const QString &name);   // any case

    // Merges `changes` (config.json keys; null removes one) into the config file the proxy was started
    // with. The running proxy keeps its settings until it restarts.
    ConfigFile::Result saveSettings(const QJsonObject &changes);

    ManagementStatus status();
    QList<RequestRecord> logs(const LogFilter &filter, int *total = nullptr);
    QJsonObject logStats(const QDateTime &since = {});   // RequestLog::stats(); {"totals":{}} without a log
    QJsonObject conversations();                         // AccountPool::conversationStats()

    static ApiError noAccount(const QString &id);

private:
    // Calls done with the account as it is once `ok` arrived, or the error naming what failed.
    static std::function<void(bool, const QString &)> reportAccount(AccountPool *pool, qint64 id, const QString &failure,
                                                                   AccountDone done);

    const Config &m_config;
    AccountPool *m_pool;
    OverageSwitch *m_overage;
    CoreState *m_state;
};

} // namespace kt
