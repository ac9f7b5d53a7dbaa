// AccountPool, part 1: accounts in memory and in storage, selection, failover, cooldowns.
// Management (imports, edits) is in accountpoolmanagement.cpp, readings in accountpoolquota.cpp
// and accountpoolmodels.cpp.
#include "pool/accountpool.h"

#include "storage/poolstorage.h"
#include "config/config.h"
#include "accounts/accountsecrets.h"
#include "util/clock.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcAccounts, "kirotray.accounts")

namespace kt {

namespace {

QString nameOf(const Account &a)
{
    return PoolAccounts::nameOf(a);
}

QString secretIdentity(const Credential &c)
{
    return PoolAccounts::identity(c);
}

} // namespace

AccountPool::AccountPool(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_accounts(config), m_tokens(config, network, m_accounts), m_policy(config.cooldownSeconds),
      m_bindings(qint64(config.conversationTtlMinutes) * 60 * 1000),
      m_quota(config, network, m_accounts, m_tokens, MaxParallelQuotaFetches),
      m_models(config, network, m_accounts, m_tokens, MaxParallelQuotaFetches)
{
    m_load.setLimits(config.accountMaxConcurrent, config.accountRequestsPerMinute);
    qRegisterMetaType<kt::Account>();
    // Parented so that they follow the pool to the proxy thread.
    for (QObject *child : std::initializer_list<QObject *>{&m_tokens, &m_flushTimer, &m_cooldownTimer, &m_loadTimer, &m_quota, &m_models})
        child->setParent(this);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, &AccountPool::flushCounters);
    m_cooldownTimer.setSingleShot(true);
    connect(&m_cooldownTimer, &QTimer::timeout, this, &AccountPool::expireCooldowns);
    m_loadTimer.setSingleShot(true);
    m_loadTimer.setInterval(0);
    connect(&m_loadTimer, &QTimer::timeout, this, &AccountPool::loadNextPage);
    connect(&Clock::current(), &Clock::moved, this, &AccountPool::expireCooldowns);   // a test moved time on
    connect(&m_tokens, &TokenBroker::refreshed, this, &AccountPool::tokensRefreshed);
    connect(&m_tokens, &TokenBroker::refreshFailed, this, &AccountPool::refreshFailed);
    connect(&m_tokens, &TokenBroker::cannotRefresh, this, &AccountPool::cannotRefresh);
    connect(&m_quota, &QuotaScheduler::read, this, &AccountPool::applyQuota);
    connect(&m_models, &ModelCatalogues::read, this, &AccountPool::applyModels);
    m_quota.setPeriodMinutes(config.quotaRefreshMinutes);
    m_models.setPeriodHours(config.modelRefreshHours);
    // Every change that matters to selection is signalled: the selector's index follows them.
    connect(this, &AccountPool::accountChanged, this, [this](qint64 id) {
        m_selector.update(m_accounts.list(), m_accounts.indexOf(id).value_or(-1));
        trackCooldown(id);
    });
    connect(this, &AccountPool::accountsChanged, this, [this] { m_selector.invalidate(); });
}

AccountPool::~AccountPool()
{
    flushDirty();
}

// The list of accounts changed (replaced, added to, removed from): the readings follow it.
void AccountPool::listChanged()
{
    m_quota.accountsChanged();
    rebuildModelIndex();
    rebuildCooldowns();
}

void AccountPool::setCredentials(const QList<Credential> &credentials, const QString &filePath, bool fileWasArray)
{
    QList<Account> accounts;
    m_loading = false;   // an in-memory pool replaces what was being loaded
    m_loadTimer.stop();
    m_nextMemoryId = 1;
    for (const Credential &c : credentials)
        m_nextMemoryId = std::max(m_nextMemoryId, c.id + 1);
    const QDateTime now = Clock::current().now();
    for (const Credential &c : credentials) {
        Account a;
        a.credential = c;
        if (a.credential.id <= 0)
            a.credential.id = m_nextMemoryId++;
        a.name = c.displayName();
        a.state = c.disabled ? AccountState::Disabled : AccountState::Active;
        a.createdAt = now;
        a.refreshTokenHash = secretIdentity(c);
        accounts.append(a);
    }
    m_accounts.replace(std::move(accounts));
    m_writeBack.setFile(filePath, fileWasArray);
    listChanged();
    Q_EMIT credentialsChanged();
    Q_EMIT accountsChanged();
}

void AccountPool::setWriteBackFile(const QString &path, bool asArray, const QSet<qint64> &ids)
{
    m_writeBack.setFile(path, asArray, ids);
}

QString AccountPool::setting(const QString &key, const QString &fallback) const
{
    return m_storage ? m_storage->setting(key, fallback) : fallback;
}

void AccountPool::setSetting(const QString &key, const QString &value)
{
    QString error;
    if (m_storage && !m_storage->setSetting(key, value, &error))
        qCWarning(lcAccounts).noquote() << "cannot save setting" << key << ":" << error;
}

QList<Credential> AccountPool::credentials() const
{
    ensureLoaded();
    QList<Credential> out;
    out.reserve(m_accounts.size());
    for (const Account &a : m_accounts)
        out.append(a.credential);
    return out;
}

QList<Account> AccountPool::accounts() const
{
    ensureLoaded();
    QList<Account> out = m_accounts.list();
    const qint64 nowMs = Clock::current().now().toMSecsSinceEpoch();
    for (Account &a : out) {
        AccountSecrets::strip(a.credential);
        fillLoad(a, nowMs);
    }
    return out;
}

std::optional<Account> AccountPool::account(qint64 id) const
{
    const Account *a = findAny(id);
    if (!a)
        return std::nullopt;
    Account copy = *a;
    AccountSecrets::strip(copy.credential);
    fillLoad(copy, Clock::current().now().toMSecsSinceEpoch());
    return copy;
}

// While loading, a request the loaded accounts cannot serve waits for the rest to load.
std::optional<qint64> AccountPool::select(const QSet<qint64> &excluded, const QString &model, const QString &conversation,
                                          qint64 *busyAccount)
{
    qint64 busy = 0;
    qint64 *wait = busyAccount ? &busy : nullptr;
    std::optional<qint64> id = selectLoaded(excluded, model, conversation, wait);
    if (!id && !busy && m_loading) {
        ensureLoaded();
        id = selectLoaded(excluded, model, conversation, wait);
    }
    if (busy)
        *busyAccount = busy;
    if (id)
        paceLoading();
    return id;
}

std::optional<qint64> AccountPool::selectLoaded(const QSet<qint64> &excluded, const QString &model, const QString &conversation,
                                                qint64 *busyAccount)
{
    const QDateTime now = Clock::current().now();
    const ModelAccounts allowed = offering(model);
    std::optional<qsizetype> index;
    qint64 busy = 0;
    if (!conversation.isEmpty() && m_bindings.ttlMs() > 0)
        index = boundAccount(conversation, excluded, allowed, now, &busy);
    if (busy && busyAccount) {
        *busyAccount = busy;
        return std::nullopt;
    }
    if (!index) {
        index = m_selector.pick(m_accounts.list(), excluded, now, allowed, &m_load, model);
        if (index && !conversation.isEmpty() && m_bindings.ttlMs() > 0)
            m_bindings.bind(conversation, m_accounts.at(*index).id(), m_setbacks.value(m_accounts.at(*index).id()), now);
    }
    if (!index)
        return std::nullopt;
    Account &a = m_accounts[*index];
    // An ended cooldown needs no immediate write: a stored expired cooldown reads back as active.
    const bool cooledDown = FailoverPolicy::expireCooldown(a, now);
    ++a.requestCount;
    a.lastUsed = now;
    const qint64 id = a.id();
    m_load.acquire(id, now.toMSecsSinceEpoch());
    if (cooledDown) {
        changed(a, false, false);
    } else {
        m_selector.counted(*index, id, a.requestCount);   // O(log n) for least used, O(1) otherwise
        countersChanged(id);
    }
    return id;
}

void AccountPool::release(qint64 id)
{
    m_load.release(id);
    paceLoading();
    countersChanged(id);
    Q_EMIT slotFreed(id);
}

// A request counted or ended: the row is saved and the change announced with the others within a second.
void AccountPool::countersChanged(qint64 id)
{
    mark(id, m_storage ? Dirty | Unannounced : Unannounced);   // also without storage: the announcement waits for the timer
}

void AccountPool::mark(qint64 id, quint8 marks)
{
    if (!m_storage)
        marks &= quint8(~(Dirty | SecretDirty));
    if (!marks)
        return;
    if (m_accounts.mark(id, marks) == quint8(0))
        m_marked.push_back(id);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void AccountPool::fillLoad(Account &a, qint64 nowMs) const
{
    a.inFlight = m_load.inFlight(a.id());
    a.maxInFlight = m_load.maxConcurrent();
    a.requestsLastMinute = m_load.startedLastMinute(a.id(), nowMs);
    a.maxRequestsPerMinute = m_load.perMinute();
}

std::optional<QDateTime> AccountPool::firstAdmittedAt(const QString &model) const
{
    ensureLoaded();
    const QDateTime now = Clock::current().now();
    const ModelAccounts allowed = offering(model);
    std::optional<qint64> soonest;
    for (const Account &a : m_accounts) {
        if (!a.isSelectable(now) || !allowed.contains(a.id()))
            continue;
        const qint64 ms = m_load.msUntilAdmitted(a.id(), now.toMSecsSinceEpoch());
        if (ms == 0)
            return std::nullopt;   // one takes a request now
        const qint64 wait = ms < 0 ? 1000 : ms;
        soonest = soonest ? std::min(*soonest, wait) : wait;
    }
    if (!soonest)
        return std::nullopt;
    return now.addMSecs(*soonest);
}

bool AccountPool::hasSelectable(const QSet<qint64> &excluded, const QString &model) const
{
    const QDateTime now = Clock::current().now();
    const ModelAccounts allowed = offering(model);
    for (const Account &a : m_accounts) {
        if (a.isSelectable(now) && !excluded.contains(a.id()) && allowed.contains(a.id()))
            return true;
    }
    if (!m_loading)
        return false;
    ensureLoaded();   // one not loaded yet may be
    return hasSelectable(excluded, model);
}

const Credential *AccountPool::credential(qint64 id) const
{
    const Account *a = findAny(id);
    return a ? &a->credential : nullptr;
}

QString AccountPool::machineId(qint64 id) const
{
    findAny(id);
    return m_accounts.machineId(id);
}

QString AccountPool::accountName(qint64 id) const
{
    const Account *a = findAny(id);
    return a ? nameOf(*a) : QString();
}

// A new refresh token is saved before anyone hears of it. A new access token or profile alone is
// saved with the next flush, within a second: at 10,000 accounts the file store rewrites every secret
// per write, and a restart that lost them only refreshes again.
void AccountPool::tokensRefreshed(qint64 id, bool lasting)
{
    Account *a = find(id);
    if (!a)
        return;
    if (!lasting)
        mark(id, SecretDirty);
    changed(*a, false, lasting);
    if (m_writeBack.covers(id))
        writeBack();
}

void AccountPool::refreshFailed(qint64 id, bool permanent, const QString &error)
{
    Account *a = find(id);
    if (!a)
        return;
    const bool invalid = m_policy.applyRefreshFailure(*a, permanent, error, Clock::current().now());
    const QString notice = QStringLiteral("Kiro account '%1' was signed out: %2").arg(nameOf(*a), a->stateReason);
    changed(*a, invalid, false);
    if (invalid)
        Q_EMIT notify(QStringLiteral("account-invalid"), notice);
}

void AccountPool::cannotRefresh(qint64 id, const QString &message)
{
    Account *a = find(id);
    if (!a)
        return;
    ++a->errorCount;
    a->lastError = message;
    changed(*a, false, false);
}

void AccountPool::report(qint64 id, UpstreamOutcome outcome, const QString &detail, int retryAfterSeconds)
{
    Account *a = find(id);
    if (!a)
        return;
    const AccountState before = a->state;
    const bool stateChanged = m_policy.apply(*a, outcome, detail, retryAfterSeconds, Clock::current().now());
    const AccountState after = a->state;
    const QString name = nameOf(*a), reason = a->stateReason;
    changed(*a, stateChanged, false);   // a listener may remove the account: `a` is not used after this
    if (stateChanged && after != before)
        qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 is now %2%3").arg(name, accountStateName(after),
                                                                                   reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason));
    if (after == AccountState::Invalid && before != AccountState::Invalid)
        Q_EMIT notify(QStringLiteral("account-invalid"), QStringLiteral("Kiro account '%1' is unusable: %2").arg(name, reason));
}

std::optional<QDateTime> AccountPool::firstAvailableAt(const QString &model) const
{
    ensureLoaded();
    const QDateTime now = Clock::current().now();
    const ModelAccounts allowed = offering(model);
    std::optional<QDateTime> first;
    for (const Account &a : m_accounts) {
        if (a.state == AccountState::Disabled || a.state == AccountState::Invalid || a.credential.disabled || !allowed.contains(a.id()))
            continue;
        QDateTime until;
        if (a.state == AccountState::Cooldown && a.cooldownUntil > now)
            until = a.cooldownUntil;
        if (a.quota.exhausted() && !a.overageEnabled && a.quota.resetAt.isValid() && a.quota.resetAt > now)
            until = std::max(until, a.quota.resetAt);
        if (until.isValid() && (!first || until < *first))
            first = until;
    }
    if (const auto admitted = firstAdmittedAt(model); admitted && (!first || *admitted < *first))
        first = admitted;
    return first;
}

ApiError AccountPool::unavailableError(const QString &model)
{
    ensureLoaded();
    const QDateTime now = Clock::current().now();
    if (m_accounts.isEmpty())
        return ApiError::unavailable(QStringLiteral("no Kiro account is configured: add credentials.json to the data directory or import an account"));
    const ModelAccounts allowed = offering(model);
    // When only some accounts offer the model, every message speaks of those.
    const QString which = allowed.restricted() && allowed.size() < m_accounts.size()
        ? QStringLiteral("Kiro account offering model '%1'").arg(model) : QStringLiteral("Kiro account");
    const QString all = allowed.restricted() && allowed.size() < m_accounts.size()
        ? QStringLiteral("all %1 Kiro account(s) offering model '%2'").arg(allowed.size()).arg(model) : QStringLiteral("all Kiro accounts");
    ApiError error;
    int considered = 0, disabled = 0, invalid = 0, signedOut = 0;
    QStringList reasons;
    for (const Account &a : std::as_const(m_accounts)) {
        if (!allowed.contains(a.id()))
            continue;
        ++considered;
        if (a.state == AccountState::Disabled || a.credential.disabled) {
            ++disabled;
        } else if (a.state == AccountState::Invalid) {
            ++invalid;
            signedOut += a.stateReason.startsWith(QLatin1String("refresh token refused")) ? 1 : 0;
            if (reasons.size() < 5)
                reasons.append(QStringLiteral("'%1': %2").arg(nameOf(a), a.stateReason));
        }
    }
    if (hasSelectable({}, model) && firstAdmittedAt(model)) {
        const qint64 seconds = std::max<qint64>(1, (now.msecsTo(*firstAdmittedAt(model)) + 999) / 1000);
        QStringList limits;
        if (m_load.maxConcurrent() > 0)
            limits << QStringLiteral("%1 requests at once").arg(m_load.maxConcurrent());
        if (m_load.perMinute() > 0)
            limits << QStringLiteral("%1 requests per minute").arg(m_load.perMinute());
        error = ApiError::rateLimit(QStringLiteral("%1 are at their limit (%2 per account); one takes a request again "
                                                   "in about %3 s").arg(all, limits.join(QStringLiteral(", "))).arg(seconds));
    } else if (const auto first = firstAvailableAt(model)) {
        const qint64 seconds = std::max<qint64>(1, now.secsTo(*first));
        error = ApiError::rateLimit(QStringLiteral("%1 are cooling down (throttled or out of quota); the first one "
                                                   "frees up at %2 (in %3 s)").arg(all, first->toString(Qt::ISODate)).arg(seconds));
    } else if (disabled == considered) {
        error = ApiError::unavailable(QStringLiteral("no %1 is available: all are disabled").arg(which));
    } else if (invalid > 0 && invalid + disabled == considered) {
        const QString list = reasons.join(QStringLiteral("; "));
        error = signedOut == invalid
            ? ApiError::authentication(QStringLiteral("no %1 can sign in: %2").arg(which, list))
            : ApiError::unavailable(QStringLiteral("no %1 is usable: %2").arg(which, list));
    } else {
        error = ApiError::unavailable(QStringLiteral("no %1 is available right now").arg(which));
    }
    if (!m_lastExhaustedNotice.isValid() || m_lastExhaustedNotice.secsTo(now) >= 60) {
        m_lastExhaustedNotice = now;
        Q_EMIT notify(QStringLiteral("pool-exhausted"), error.message);
    }
    return error;
}

void AccountPool::persist(Account &account, bool withSecrets)
{
    m_accounts.unmark(account.id(), withSecrets ? quint8(Dirty | SecretDirty) : quint8(Dirty));
    if (!m_storage)
        return;
    QString error;
    if (!m_storage->save(account, withSecrets, &error))
        qCWarning(lcAccounts).noquote() << QStringLiteral("cannot save account %1: %2").arg(nameOf(account), error);
}

void AccountPool::flushCounters()
{
    flushDirty();
    const std::vector<qint64> marked = std::exchange(m_marked, {});
    for (qint64 id : marked) {   // a listener may remove accounts or mark them again
        const quint8 before = m_accounts.unmark(id, Unannounced);
        if (before & Unannounced)
            Q_EMIT accountChanged(id);
        if (before & (Dirty | SecretDirty))   // marked while a listener ran: it stays listed for the next flush
            m_marked.push_back(id);
    }
}

void AccountPool::flushDirty()
{
    if (m_marked.empty() || !m_storage)
        return;
    QList<const Account *> secrets;
    for (qint64 id : m_marked) {
        if (const Account *a = find(id); a && (m_accounts.unmark(id, SecretDirty) & SecretDirty))
            secrets.append(a);
    }
    if (!secrets.isEmpty()) {   // secrets first, then rows, as save() does
        const QHash<qint64, QString> failed = m_storage->writeSecrets(secrets);
        for (auto it = failed.cbegin(); it != failed.cend(); ++it)
            qCWarning(lcAccounts).noquote() << QStringLiteral("cannot save the tokens of account %1: %2").arg(it.key()).arg(it.value());
    }
    m_storage->beginBatch();   // one commit for them all
    for (qint64 id : m_marked) {
        if (Account *a = find(id); a && (m_accounts.unmark(id, Dirty) & Dirty))
            persist(*a, false);
    }
    endBatch();
}

void AccountPool::endBatch()
{
    QString error;
    if (!m_storage->endBatch(&error))
        qCWarning(lcAccounts).noquote() << QStringLiteral("cannot save the accounts: %1").arg(error);
}

// Counters alone are saved within a second (batched); a state or a secret is saved before anyone hears of it.
void AccountPool::changed(Account &account, bool stateChanged, bool withSecrets)
{
    if (stateChanged && account.state != AccountState::Active)
        ++m_setbacks[account.id()];
    if (stateChanged || withSecrets)
        persist(account, withSecrets);
    else
        markDirty(account.id());
    m_accounts.unmark(account.id(), Unannounced);
    Q_EMIT accountChanged(account.id());   // the selector's index and the cooldown schedule follow it first
}

void AccountPool::placeCooldown(qint64 id)
{
    const Account *a = find(id);
    if (a && a->state == AccountState::Cooldown)
        m_cooldowns.set(id, a->cooldownUntil);
    else
        m_cooldowns.remove(id);
}

void AccountPool::trackCooldown(qint64 id)
{
    placeCooldown(id);
    if (m_cooldowns.first() != m_cooldownTimerFor)
        scheduleCooldownCheck();
}

void AccountPool::rebuildCooldowns()
{
    m_cooldowns.clear();
    for (const Account &a : std::as_const(m_accounts)) {
        if (a.state == AccountState::Cooldown)
            m_cooldowns.set(a.id(), a.cooldownUntil);
    }
    scheduleCooldownCheck();
}

// O(log n): the timer goes off when the first cooldown ends (in an hour at most, then it is set again).
void AccountPool::scheduleCooldownCheck()
{
    m_cooldownTimerFor = m_cooldowns.first();
    if (!m_cooldownTimerFor) {
        m_cooldownTimer.stop();
        return;
    }
    const QDateTime &next = *m_cooldownTimerFor;
    const qint64 ms = next.isValid() ? std::clamp<qint64>(Clock::current().now().msecsTo(next) + 20, 0, 3600 * 1000) : 0;
    m_cooldownTimer.start(int(ms));
}

// The accounts whose cooldown has ended, in the order they end: saved together, then signalled.
void AccountPool::expireCooldowns()
{
    const QDateTime now = Clock::current().now();
    const QList<qint64> due = m_cooldowns.endedBy(now);
    QList<qint64> ended;
    if (m_storage && !due.isEmpty())
        m_storage->beginBatch();   // at start-up every cooldown that ended meanwhile: one commit
    for (qint64 id : due) {
        Account *a = find(id);
        if (a && FailoverPolicy::expireCooldown(*a, now)) {
            qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 is active again").arg(nameOf(*a));
            persist(*a, false);
            ended.append(id);
        }
        placeCooldown(id);
    }
    if (m_storage && !due.isEmpty())
        endBatch();
    scheduleCooldownCheck();
    for (qint64 id : std::as_const(ended)) {   // a listener may remove accounts: signalled after the loop
        if (find(id))
            Q_EMIT accountChanged(id);
    }
}

void AccountPool::writeBack()
{
    ensureLoaded();   // the file holds every account it covers
    if (m_writeBack.write(m_accounts.list()))
        Q_EMIT credentialsChanged();
}

} // namespace kt
