// AccountPool, part 3: what a usage reading (QuotaScheduler) means for the account: its quota, its
// subscription and Kiro's overage setting, a cooldown when it is used up, a suspension.
#include "pool/accountpool.h"

#include "util/clock.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

// The account may be gone by the time its reading arrives, or go while it is applied (a listener of
// accountChanged may remove it): it is looked up again after each signal.
void AccountPool::applyQuota(qint64 id, const QuotaFetchResult &r)
{
    Account *acc = find(id);
    if (!acc)
        return;
    const QDateTime now = Clock::current().now();
    if (r.ok) {
        const QString levelBefore = acc->quota.level();
        acc->quota = r.quota;
        if (!r.quota.subscription.isEmpty())
            acc->credential.subscriptionTitle = r.quota.subscription;
        if (r.quota.overage.known())   // Kiro's own setting wins over the stored flag
            acc->overageEnabled = r.quota.overage.enabled();
        m_policy.applyQuota(*acc, now);
        const bool turnedRed = acc->quota.level() == QLatin1String("red") && levelBefore != QLatin1String("red");
        const QString name = acc->name;
        const double remaining = acc->quota.remainingPercent();
        changed(*acc, true, false);
        if (turnedRed)
            Q_EMIT notify(QStringLiteral("quota-low"),
                          QStringLiteral("Kiro account '%1' has %2 % of its quota left").arg(name).arg(remaining, 0, 'f', 1));
        return;
    }
    acc->quota.error = r.error;
    const QString name = acc->name;
    if (r.httpStatus == 403 && r.upstreamMessage.contains(QLatin1String("suspend"), Qt::CaseInsensitive)) {
        const AccountState before = acc->state;
        changed(*acc, m_policy.apply(*acc, UpstreamOutcome::Forbidden, r.upstreamMessage, 0, now), false);
        acc = find(id);
        if (acc && acc->state == AccountState::Invalid && before != AccountState::Invalid)
            Q_EMIT notify(QStringLiteral("account-invalid"),
                          QStringLiteral("Kiro account '%1' is unusable: %2").arg(acc->name, acc->stateReason));
    } else {
        changed(*acc, false, false);
    }
    qCInfo(lcAccounts).noquote() << QStringLiteral("usage of account %1 not refreshed: %2").arg(name, r.error);
}

} // namespace kt
