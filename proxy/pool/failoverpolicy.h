#pragma once
// The failover rules (docs/reliability.md, docs/protocol.md#account-pool-and-failover) as pure state transitions of one Account: throttling and quota
// put it in a cooldown that ends by itself, suspension and refused refresh tokens make it invalid,
// server and network errors only count. Only the user ever disables an account.
#include "accounts/account.h"
#include "accounts/upstreamoutcome.h"

#include <QDateTime>

namespace kt {

class FailoverPolicy
{
public:
    explicit FailoverPolicy(int cooldownSeconds = 300) : m_cooldownSeconds(cooldownSeconds) {}

    int cooldownSeconds() const { return m_cooldownSeconds; }

    // Applies one upstream answer; returns true when the account's state (not only its counters) changed.
    bool apply(Account &account, UpstreamOutcome outcome, const QString &detail, int retryAfterSeconds,
               const QDateTime &now) const;
    // A token refresh failed: `permanent` (invalid_grant) makes the account invalid, anything else counts.
    bool applyRefreshFailure(Account &account, bool permanent, const QString &error, const QDateTime &now) const;
    // A fresh quota reading: 0 % left (without overage) cools the account down until the reset; a reading
    // with allowance left ends a quota cooldown.
    bool applyQuota(Account &account, const QDateTime &now) const;
    // An expired cooldown turns back into active.
    static bool expireCooldown(Account &account, const QDateTime &now);
    // When an exhausted quota comes back: the reported reset if it lies ahead, else the 1st of next month 00:00 UTC.
    static QDateTime quotaReset(const Account &account, const QDateTime &now);

    static QString reasonThrottled() { return QStringLiteral("throttled"); }
    static QString reasonQuota() { return QStringLiteral("quota exhausted"); }

private:
    static bool canChangeState(const Account &account);
    static void cooldown(Account &account, const QDateTime &until, const QString &reason);

    int m_cooldownSeconds;
};

} // namespace kt
