#include "management/managementservice.h"

#include "management/corestate.h"
#include "config/config.h"
#include "pool/accountpool.h"
#include "pool/overageswitch.h"
#include "storage/requestlog.h"

#include <QJsonArray>
#include <QPointer>
#include <memory>

namespace kt {

ManagementService::ManagementService(const Config &config, AccountPool *pool, OverageSwitch *overage, CoreState *state)
    : m_config(config), m_pool(pool), m_overage(overage), m_state(state)
{
}

ApiError ManagementService::noAccount(const QString &id)
{
    return ApiError::notFound(QStringLiteral("no account with id '%1'").arg(id.left(40)));
}

QList<Account> ManagementService::accounts() const
{
    return m_pool->accounts();
}

ManagementService::AccountResult ManagementService::account(qint64 id) const
{
    if (std::optional<Account> a = m_pool->account(id))
        return *a;
    return noAccount(QString::number(id));
}

std::variant<ManagementService::Added, ApiError> ManagementService::addAccount(Credential credential, const QString &name)
{
    if (!name.trimmed().isEmpty()) {   // empty: the pool derives one from the login
        AccountChanges named;
        named.name = name;
        if (const QString problem = named.problem(); !problem.isEmpty())
            return ApiError::invalidRequest(problem);
    }
    credential.id = 0;
    const int before = m_pool->size();
    const auto added = m_pool->addAccount(credential, name);
    if (const QString *e = std::get_if<QString>(&added))
        return ApiError::invalidRequest(*e);
    const qint64 id = std::get<qint64>(added);
    return Added{*m_pool->account(id), m_pool->size() > before};
}

ImportReport ManagementService::importAccounts(const QByteArray &json, bool dryRun)
{
    return m_pool->importAccounts(json, dryRun);
}

ApiError ManagementService::importError(const ImportReport &report)
{
    return ApiError::invalidRequest(QStringLiteral("cannot import: %1").arg(report.error));
}

void ManagementService::validateImported(const ImportReport &report, std::function<void(QJsonObject)> done)
{
    struct Pending {
        std::function<void(QJsonObject)> done;
        QJsonObject json;
        int waiting = 0;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(done), report.toJson(), 0});
    QList<QPair<int, qint64>> targets;
    for (const ImportEntryResult &e : report.entries) {
        if (e.status == QLatin1String("added") || e.status == QLatin1String("updated"))
            targets.append({e.index, e.accountId});
    }
    pending->waiting = int(targets.size());
    if (targets.isEmpty())
        return pending->done(pending->json);
    for (const auto &target : targets) {
        const int index = target.first;
        m_pool->refreshQuota(target.second, [pending, index](bool ok, const QString &error) {
            QJsonArray entries = pending->json.value(QStringLiteral("entries")).toArray();
            QJsonObject entry = entries.at(index).toObject();
            entry.insert(QStringLiteral("validation"), ok ? QStringLiteral("ok") : QStringLiteral("failed: %1").arg(error));
            entries.replace(index, entry);
            pending->json.insert(QStringLiteral("entries"), entries);
            if (--pending->waiting == 0)
                pending->done(pending->json);
        });
    }
}

ManagementService::AccountResult ManagementService::changeAccount(qint64 id, const AccountChanges &changes)
{
    if (!m_pool->account(id))
        return noAccount(QString::number(id));
    if (const QString problem = m_pool->changeAccount(id, changes); !problem.isEmpty())
        return ApiError::invalidRequest(problem);
    return account(id);
}

std::optional<ApiError> ManagementService::removeAccount(qint64 id)
{
    if (!m_pool->account(id))
        return noAccount(QString::number(id));
    if (!m_pool->removeAccount(id))
        return ApiError::api(QStringLiteral("account %1 could not be removed (see the log)").arg(id));
    return std::nullopt;
}

ManagementService::AccountResult ManagementService::setEnabled(qint64 id, bool enabled)
{
    if (!m_pool->account(id))
        return noAccount(QString::number(id));
    m_pool->setEnabled(id, enabled);
    return account(id);
}

std::function<void(bool, const QString &)> ManagementService::reportAccount(AccountPool *pool, qint64 id, const QString &failure,
                                                                          AccountDone done)
{
    return [pool = QPointer<AccountPool>(pool), id, failure, done = std::move(done)](bool ok, const QString &error) {
        if (!pool)
            return;   // shutting down: nobody waits for the answer
        const std::optional<Account> a = pool->account(id);
        if (!a)
            return done(noAccount(QString::number(id)));
        if (!ok)
            return done(ApiError::api(failure.isEmpty() ? error : failure.arg(error)));
        done(*a);
    };
}

void ManagementService::refreshUsage(qint64 id, AccountDone done)
{
    if (!m_pool->account(id))
        return done(noAccount(QString::number(id)));
    m_pool->refreshQuota(id, reportAccount(m_pool, id, QStringLiteral("could not read the usage of account %1: %2").arg(id), std::move(done)));
}

int ManagementService::refreshAllUsage()
{
    m_pool->refreshAllQuota();
    return m_pool->size();
}

void ManagementService::refreshModels(qint64 id, AccountDone done)
{
    if (!m_pool->account(id))
        return done(noAccount(QString::number(id)));
    m_pool->refreshModels(id, reportAccount(m_pool, id, QStringLiteral("could not read the models of account %1: %2").arg(id), std::move(done)));
}

void ManagementService::refreshUsageAndModels(qint64 id)
{
    if (id == 0)
        m_pool->refreshAllQuota();
    else
        m_pool->refreshQuota(id);
    if (m_config.modelRefreshHours <= 0)
        return;
    for (const Account &a : m_pool->accounts()) {
        if ((id == 0 || a.id() == id) && a.state != AccountState::Disabled)
            m_pool->refreshModels(a.id());
    }
}

void ManagementService::setOverage(qint64 id, bool enabled, bool chargesAcknowledged, AccountDone done)
{
    if (!m_pool->account(id))
        return done(noAccount(QString::number(id)));
    if (enabled && !chargesAcknowledged)
        return done(ApiError::invalidRequest(QStringLiteral(
            "overage bills usage beyond the plan's credits to the Kiro account (up to its cap): send \"acknowledgeCharges\": true to turn it on")));
    m_overage->set(id, enabled, reportAccount(m_pool, id, QString(), std::move(done)));
}

QString ManagementService::strategy() const
{
    return poolStrategyName(m_pool->strategy());
}

QStringList ManagementService::strategies()
{
    return poolStrategyNames();
}

std::optional<ApiError> ManagementService::setStrategy(const QString &name)
{
    if (const QString problem = m_pool->setStrategy(name); !problem.isEmpty())
        return ApiError::invalidRequest(problem);
    return std::nullopt;
}

ConfigFile::Result ManagementService::saveSettings(const QJsonObject &changes)
{
    if (m_config.configFile.isEmpty())
        return {ConfigFile::Outcome::Failed, QStringLiteral("the proxy was started without a config file")};
    return ConfigFile::merge(m_config.configFile, changes);
}

ManagementStatus ManagementService::status()
{
    ManagementStatus s;
    s.listening = m_state->isListening();
    s.host = m_config.host;
    s.port = m_state->port();
    s.startedAt = m_state->startedAt();
    s.strategy = strategy();
    s.secretBackend = m_state->secretBackend();
    s.inFlight = m_state->inFlight();
    for (AccountState state : {AccountState::Active, AccountState::Cooldown, AccountState::Invalid, AccountState::Disabled})
        s.accountsByState.insert(accountStateName(state), 0);
    const QList<Account> all = m_pool->accounts();
    s.accounts = int(all.size());
    for (const Account &a : all)
        ++s.accountsByState[accountStateName(a.state)];
    s.conversations = m_pool->conversationStats();
    s.totals = logStats().value(QStringLiteral("totals")).toObject();
    return s;
}

QList<RequestRecord> ManagementService::logs(const LogFilter &filter, int *total)
{
    const RequestLog *log = m_state->requestLog();
    if (total)
        *total = log ? log->count(filter) : 0;
    return log ? log->query(filter) : QList<RequestRecord>();
}

QJsonObject ManagementService::logStats(const QDateTime &since)
{
    const RequestLog *log = m_state->requestLog();
    return log ? log->stats(since) : QJsonObject{{QStringLiteral("totals"), QJsonObject()}};
}

QJsonObject ManagementService::conversations()
{
    return m_pool->conversationStats();
}

} // namespace kt
