// AccountPool, part 6: loading the stored accounts. The first page is read before the pool serves,
// the rest one page per event-loop turn, so that a pool of 10,000 accounts answers its first request
// as soon as one of 10 does; whatever needs every account completes the load first (ensureLoaded()).
#include "pool/accountpool.h"

#include "config/config.h"
#include "storage/poolstorage.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

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
    m_loading = first.size() >= std::max(1, m_config.accountLoadPage);
    m_accounts.replace(std::move(first));
    if (const auto s = parsePoolStrategy(m_storage->setting(QStringLiteral("strategy"))))
        m_selector.setStrategy(*s);
    if (m_loading) {
        m_selector.invalidate();
        listChanged();
        expireCooldowns();
        m_loadTimer.start();
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
    QList<Account> page = m_storage->loadPage(m_loadedThrough, std::max(1, m_config.accountLoadPage), &warnings, error);
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
    const bool last = !error.isEmpty() || page.size() < std::max(1, m_config.accountLoadPage);
    if (std::exchange(m_loadReserved, true) == false)   // counting reads every row's page: not before serving
        m_accounts.reserve(m_storage->count());
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
    m_loadTimer.start();
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
