#include "pool/accountreadings.h"

#include "pool/poolaccounts.h"
#include "pool/tokenbroker.h"

namespace kt {

namespace {

QString noAccount(qint64 id)
{
    return QStringLiteral("no account with id %1").arg(id);
}

} // namespace

AccountReadings::AccountReadings(PoolAccounts &accounts, TokenBroker &tokens, int maxParallel, QObject *parent)
    : QObject(parent), m_accounts(accounts),
      m_refresh(maxParallel, [this](qint64 id, Done done) { fetch(id, done); }, [this](qint64 id) { return m_accounts.readable(id); }),
      m_tokens(tokens)
{
    m_refresh.setParent(this);   // follows this object to the proxy thread
}

void AccountReadings::accountsChanged()
{
    QList<QPair<qint64, QDateTime>> read;
    read.reserve(m_accounts.size());
    for (const Account &a : m_accounts)
        read.append({a.id(), readAt(a)});
    m_refresh.setAccounts(read);
    if (!readsNewAccountsAtOnce() || m_refresh.periodMs() == 0)
        return;
    for (const Account &a : m_accounts) {
        if (!readAt(a).isValid() && !m_refresh.attempted(a.id()) && m_accounts.readable(a.id()))
            m_refresh.request(a.id());
    }
}

void AccountReadings::fetch(qint64 id, const Done &done)
{
    m_tokens.withToken(id, this, [this, id, done](std::variant<QString, ApiError> token, const std::function<bool()> &refused) {
        const Account *a = m_accounts.find(id);
        if (!a)
            return done(false, noAccount(id));
        if (const auto *error = std::get_if<ApiError>(&token)) {
            tokenFailed(id, error->message);
            return done(false, error->message);
        }
        call(id, *a, std::get<QString>(token), [this, id, done, refused](int httpStatus, const QString &upstreamMessage) {
            if (!m_accounts.find(id)) {
                done(false, noAccount(id));
                return false;
            }
            return !(TokenBroker::refusesToken(httpStatus, upstreamMessage) && refused());
        }, done);
    });
}

} // namespace kt
