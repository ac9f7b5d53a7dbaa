// AccountPool, part 3: usage limits: on demand for one or all accounts (at most
// MaxParallelQuotaFetches at a time) and in the background, one account every interval / n.
#include "pool/accountpool.h"

#include "upstream/quotafetcher.h"
#include "util/clock.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

void AccountPool::setQuotaRefreshMinutes(int minutes)
{
    m_quotaRefresh.setPeriod(qint64(std::max(0, minutes)) * 60 * 1000);
}

bool AccountPool::refreshesInBackground(qint64 id) const
{
    const Account *a = find(id);
    return a && a->state != AccountState::Disabled && a->state != AccountState::Invalid;
}

void AccountPool::refreshQuota(qint64 id, QuotaCallback done)
{
    if (!find(id)) {
        if (done)
            done(false, QStringLiteral("no account with id %1").arg(id));
        return;
    }
    m_quotaRefresh.request(id, std::move(done));
}

void AccountPool::refreshAllQuota()
{
    for (const Account &a : std::as_const(m_accounts)) {
        if (a.state != AccountState::Disabled)
            m_quotaRefresh.request(a.id());
    }
}

void AccountPool::startQuotaFetch(qint64 id, QuotaCallback done, bool retriedAfterRefresh)
{
    const auto finish = [](const QuotaCallback &callback, bool ok, const QString &error) {
        if (callback)
            callback(ok, error);
    };
    if (!find(id))
        return finish(done, false, QStringLiteral("no account with id %1").arg(id));
    const QString rejected = retriedAfterRefresh ? find(id)->credential.accessToken : QString();
    withAccessToken(id, rejected, this, [this, id, done, retriedAfterRefresh, finish](std::variant<QString, ApiError> token) {
        Account *a = find(id);
        if (const auto *error = std::get_if<ApiError>(&token); error || !a) {
            const QString message = error ? error->message : QStringLiteral("no account with id %1").arg(id);
            if (a) {
                a->quota.error = message;
                Q_EMIT accountChanged(id);
            }
            return finish(done, false, message);
        }
        const QString accessToken = std::get<QString>(token);
        m_quota->fetch(a->credential, accessToken, machineId(id), [=, this](const QuotaFetchResult &r) {
            Account *acc = find(id);
            if (!acc)
                return finish(done, false, QStringLiteral("no account with id %1").arg(id));
            const QDateTime now = Clock::current().now();
            const QString lower = r.upstreamMessage.toLower();
            const bool tokenProblem = r.httpStatus == 401 || (r.httpStatus == 403 && lower.contains(QLatin1String("token")));
            if (tokenProblem && !retriedAfterRefresh && acc->credential.authMethod != AuthMethod::ApiKey
                && acc->credential.accessToken == accessToken)
                return startQuotaFetch(id, done, true);
            if (r.ok) {
                const QString levelBefore = acc->quota.level();
                acc->quota = r.quota;
                if (!r.quota.subscription.isEmpty())
                    acc->credential.subscriptionTitle = r.quota.subscription;
                if (r.quota.overage.known())   // Kiro's own setting wins over the stored flag
                    acc->overageEnabled = r.quota.overage.enabled();
                const bool stateChanged = m_policy.applyQuota(*acc, now);
                changed(*acc, true, false);
                if (stateChanged)
                    scheduleCooldownCheck();
                m_quotaRefresh.noteRead(id, acc->quota.fetchedAt);
                if (acc->quota.level() == QLatin1String("red") && levelBefore != QLatin1String("red"))
                    Q_EMIT notify(QStringLiteral("quota-low"),
                                  QStringLiteral("Kiro account '%1' has %2 % of its quota left")
                                      .arg(acc->name).arg(acc->quota.remainingPercent(), 0, 'f', 1));
                return finish(done, true, {});
            }
            acc->quota.error = r.error;
            if (r.httpStatus == 403 && lower.contains(QLatin1String("suspend"))) {
                const AccountState before = acc->state;
                changed(*acc, m_policy.apply(*acc, UpstreamOutcome::Forbidden, r.upstreamMessage, 0, now), false);
                if (acc->state == AccountState::Invalid && before != AccountState::Invalid)
                    Q_EMIT notify(QStringLiteral("account-invalid"),
                                  QStringLiteral("Kiro account '%1' is unusable: %2").arg(acc->name, acc->stateReason));
            } else {
                changed(*acc, false, false);
            }
            qCInfo(lcAccounts).noquote() << QStringLiteral("usage of account %1 not refreshed: %2").arg(acc->name, r.error);
            finish(done, false, r.error);
        });
    });
}

} // namespace kt
