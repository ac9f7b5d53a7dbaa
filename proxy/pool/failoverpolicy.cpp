#include "pool/failoverpolicy.h"

#include <QTimeZone>

namespace kt {

bool FailoverPolicy::canChangeState(const Account &account)
{
    // The user's own disabling and an earlier permanent verdict outrank whatever a late answer says.
    return account.state != AccountState::Disabled && account.state != AccountState::Invalid;
}

void FailoverPolicy::cooldown(Account &account, const QDateTime &until, const QString &reason)
{
    // Two answers for the same account can race: keep the later end.
    if (account.state == AccountState::Cooldown && account.cooldownUntil.isValid() && account.cooldownUntil > until)
        return;
    account.state = AccountState::Cooldown;
    account.cooldownUntil = until;
    account.stateReason = reason;
}

QDateTime FailoverPolicy::quotaReset(const Account &account, const QDateTime &now)
{
    if (account.quota.resetAt.isValid() && account.quota.resetAt > now)
        return account.quota.resetAt;
    const QDate today = now.toUTC().date();
    const QDate first = QDate(today.year(), today.month(), 1).addMonths(1);
    return QDateTime(first, QTime(0, 0), QTimeZone::utc());
}

bool FailoverPolicy::apply(Account &account, UpstreamOutcome outcome, const QString &detail, int retryAfterSeconds,
                           const QDateTime &now) const
{
    const AccountState before = account.state;
    const QDateTime beforeUntil = account.cooldownUntil;
    if (outcome == UpstreamOutcome::Success) {
        account.consecutiveErrors = 0;
        expireCooldown(account, now);
        return account.state != before;
    }
    ++account.errorCount;
    ++account.consecutiveErrors;
    if (!detail.isEmpty())
        account.lastError = detail.left(300);
    if (!canChangeState(account))
        return false;
    switch (outcome) {
    case UpstreamOutcome::Throttled: {
        const int seconds = retryAfterSeconds > 0 ? retryAfterSeconds : m_cooldownSeconds;
        cooldown(account, now.addSecs(seconds), reasonThrottled());
        break;
    }
    case UpstreamOutcome::QuotaExhausted:
        cooldown(account, quotaReset(account, now), reasonQuota());
        break;
    case UpstreamOutcome::Forbidden: {
        const bool suspended = detail.contains(QLatin1String("suspend"), Qt::CaseInsensitive);
        account.state = AccountState::Invalid;
        account.cooldownUntil = {};
        account.stateReason = (suspended ? QStringLiteral("suspended: ") : QStringLiteral("forbidden: ")) + detail.left(200);
        break;
    }
    case UpstreamOutcome::TokenRejected:
    case UpstreamOutcome::ServerError:
    case UpstreamOutcome::NetworkError:
    case UpstreamOutcome::Success:
        break;
    }
    return account.state != before || account.cooldownUntil != beforeUntil;
}

bool FailoverPolicy::applyRefreshFailure(Account &account, bool permanent, const QString &error, const QDateTime &) const
{
    ++account.errorCount;
    ++account.consecutiveErrors;
    account.lastError = error.left(300);
    if (!permanent || !canChangeState(account))
        return false;
    account.state = AccountState::Invalid;
    account.cooldownUntil = {};
    account.stateReason = QStringLiteral("refresh token refused: ") + error.left(200);
    return true;
}

bool FailoverPolicy::applyQuota(Account &account, const QDateTime &now) const
{
    if (!canChangeState(account) || !account.quota.known)
        return false;
    const bool exhausted = account.quota.exhausted() && !account.overageEnabled;
    if (exhausted) {
        const AccountState before = account.state;
        const QDateTime until = account.cooldownUntil;
        cooldown(account, quotaReset(account, now), reasonQuota());
        return account.state != before || account.cooldownUntil != until;
    }
    if (account.state == AccountState::Cooldown && account.stateReason == reasonQuota()) {
        account.state = AccountState::Active;
        account.cooldownUntil = {};
        account.stateReason.clear();
        return true;
    }
    return false;
}

bool FailoverPolicy::expireCooldown(Account &account, const QDateTime &now)
{
    if (account.state != AccountState::Cooldown || (account.cooldownUntil.isValid() && account.cooldownUntil > now))
        return false;
    account.state = AccountState::Active;
    account.cooldownUntil = {};
    account.stateReason.clear();
    return true;
}

} // namespace kt
