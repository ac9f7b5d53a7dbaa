#pragma once
// A reading the upstream gives of each account (its usage, its model catalogue), kept fresh by a
// StaggeredRefresh and fetched with the account's access token, which is refreshed and the call made
// once more when the upstream refuses it. A subclass makes the call and says what the reading means.
#include "pool/staggeredrefresh.h"

#include <QObject>

namespace kt {

struct Account;
class PoolAccounts;
class TokenBroker;

class AccountReadings : public QObject
{
    Q_OBJECT
public:
    using Done = StaggeredRefresh::Done;

    void setPeriod(qint64 ms) { m_refresh.setPeriod(ms); }   // 0: no background refresh
    void accountsChanged();                                  // the list of accounts changed
    void refresh(qint64 id, Done done = {}) { m_refresh.request(id, std::move(done)); }

protected:
    // How the call ended, from the upstream's status and message: false when the subclass stops there
    // (the token was refused and the call is made again, or the account is gone and done heard it).
    using Ended = std::function<bool(int httpStatus, const QString &upstreamMessage)>;

    AccountReadings(PoolAccounts &accounts, TokenBroker &tokens, int maxParallel, QObject *parent);
    virtual QDateTime readAt(const Account &a) const = 0;   // invalid: never read
    virtual void call(qint64 id, const Account &a, const QString &token, const Ended &ended, const Done &done) = 0;
    virtual void tokenFailed(qint64 id, const QString &error) { Q_UNUSED(id) Q_UNUSED(error) }
    virtual bool readsNewAccountsAtOnce() const { return false; }

    PoolAccounts &m_accounts;
    StaggeredRefresh m_refresh;

private:
    void fetch(qint64 id, const Done &done);

    TokenBroker &m_tokens;
};

} // namespace kt
