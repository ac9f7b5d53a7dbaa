// AccountPool, part 6: loading the stored accounts. The first page (at most FirstPageMax) is read
// before the pool serves, the rest one page per event-loop turn (one per Config::accountLoadBusyMs
// while a request holds an account), so that a pool of 10,000 accounts answers its first requests as
// soon as one of 10 does; whatever needs every account completes the load first (ensureLoaded()).
#include "pool/accountpool.h"

#include "config/config.h"
#include "storage/poolstorage.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

namespace {

constexpr qint64 MaxReserved = 100000;   // untouched memory costs nothing; a stray huge id must not reserve gigabytes
// Before serving, at most this many: a fresh process reads 25 accounts and their secrets in about the
// time it reads 10 (100 took 2-3 ms more); the others follow Config::accountLoadPage at a time.
constexpr int FirstPageMax = 25;

int pageSize(const Config &config, qint64 loadedThrough)
{
    const int page = std::max(1, config.accountLoadPage);
    return loadedThrough == 0 ? std::min(page, FirstPageMax) : page;
}

} // namespace

QString AccountPool::attachStorage(AccountRepository *repository, SecretStore *secrets)
{
    auto storage = std::make_unique<PoolStorage>(repository, secrets);
    std::swap(m_storage, storage);
    m_loadedThrough = 0;
    QString error;
    QList<Account> first = readPage(&error);
    if (!error.isEmpty()) {
        std::swap(m_storage, storage);
        return error;
    }
    m_loadTimer.stop();
    m_loadReserved = false;
    m_loading = first.size() >= pageSize(m_config, 0);
    m_accounts.replace(std::move(first));
    if (const auto s = parsePoolStrategy(m_storage->setting(QStringLiteral("strategy"))))
        m_selector.setStrategy(*s);
    if (m_loading) {
        m_selector.invalidate();
        listChanged();
        expireCooldowns();
        m_loadTimer.start(pageInterval());
        qCInfo(lcAccounts).noquote() << QStringLiteral("%1 account(s) loaded, loading the others, strategy %2")
                                            .arg(m_accounts.size()).arg(poolStrategyName(strategy()));
    } else {
        finishLoad();
    }
    return {};
}

// An account whose secrets cannot be read is kept without them (its lastError says why).
QList<Account> AccountPool::readPage(QString *error)
{
    QStringList warnings;
    QList<Account> page = m_storage->loadPage(m_loadedThrough, pageSize(m_config, m_loadedThrough), &warnings, error);
    for (const QString &w : std::as_const(warnings))
        qCWarning(lcAccounts).noquote() << w;
    for (Account &a : page) {
        if (a.refreshTokenHash.isEmpty())
            a.refreshTokenHash = PoolAccounts::identity(a.credential);
        if (a.credential.disabled)
            a.state = AccountState::Disabled;
    }
    if (!page.isEmpty())
        m_loadedThrough = page.constLast().id();
    return page;
}

// A page joins as an import's accounts do: selectable at once, routed by their catalogues, their
// cooldowns scheduled. The background readings take them all in at the end.
void AccountPool::loadNextPage()
{
    if (!m_loading)
        return;
    QString error;
    QList<Account> page = readPage(&error);
    if (!error.isEmpty())
        qCWarning(lcAccounts).noquote() << QStringLiteral("cannot load the accounts after id %1: %2").arg(m_loadedThrough).arg(error);
    const bool last = !error.isEmpty() || page.size() < pageSize(m_config, 1);
    // Room for every account left, told by the ids left (deleted ones too): counting the rows reads every
    // page of the table, 10-20 ms at a fresh start at 10,000, in front of the first request.
    if (std::exchange(m_loadReserved, true) == false)
        m_accounts.reserve(m_accounts.size() + page.size() + std::clamp<qint64>(m_storage->lastId() - m_loadedThrough, 0, MaxReserved));
    for (Account &a : page) {
        const qint64 id = a.id();
        m_modelIndex.set(id, a.models);
        if (a.state == AccountState::Cooldown)
            m_cooldowns.set(id, a.cooldownUntil);
        m_accounts.append(std::move(a));
    }
    m_selector.invalidate();
    if (last) {
        finishLoad();
        return;
    }
    scheduleCooldownCheck();
    m_loadTimer.start(pageInterval());
}

// A page read between a request's steps holds each of them up (1-3 ms at a fresh start): while
// requests are in flight, pages are spaced out; the load still ends under steady traffic.
int AccountPool::pageInterval() const
{
    return m_load.inFlight() > 0 ? std::max(0, m_config.accountLoadBusyMs) : 0;
}

// A request took or gave back an account: the next page comes at the pace that now applies.
void AccountPool::paceLoading()
{
    if (m_loading && m_loadTimer.interval() != pageInterval())
        m_loadTimer.start(pageInterval());
}

void AccountPool::finishLoad()
{
    m_loading = false;
    m_loadTimer.stop();
    listChanged();
    qCInfo(lcAccounts).noquote() << QStringLiteral("%1 account(s) loaded, strategy %2").arg(m_accounts.size()).arg(poolStrategyName(strategy()));
    expireCooldowns();
    Q_EMIT accountsChanged();
}

// Loading is no change a reader can see (beyond accountsChanged()): a const reader may complete it.
void AccountPool::ensureLoaded() const
{
    auto *self = const_cast<AccountPool *>(this);
    while (self->m_loading)
        self->loadNextPage();
}

const Account *AccountPool::findAny(qint64 id) const
{
    const Account *a = find(id);
    if (a || !m_loading)
        return a;
    ensureLoaded();
    return find(id);
}

} // namespace kt
