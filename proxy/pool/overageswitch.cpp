#include "pool/overageswitch.h"

#include "accounts/accountchanges.h"
#include "config/config.h"
#include "pool/accountpool.h"
#include "upstream/jsonexchange.h"
#include "upstream/kirorequests.h"

namespace kt {

OverageSwitch::OverageSwitch(const Config &config, NetworkManagerPool *network, AccountPool *pool, QObject *parent)
    : QObject(parent), m_config(config), m_network(network), m_pool(pool)
{
}

void OverageSwitch::set(qint64 id, bool enabled, Done done)
{
    const Credential *credential = m_pool->credential(id);
    if (!credential)
        return done(false, QStringLiteral("no account with id %1").arg(id));
    // Kiro needs the profile ARN here (docs/protocol.md#usage-limits); social logins carry one, others may not.
    if (credential->profileArn.isEmpty())
        return done(false, QStringLiteral("account %1 has no profile ARN, which Kiro needs to change overage").arg(id));
    m_pool->withAccessToken(id, {}, this, [this, id, enabled, done](std::variant<QString, ApiError> token) {
        const Credential *credential = m_pool->credential(id);
        if (const auto *error = std::get_if<ApiError>(&token); error || !credential)
            return done(false, error ? error->message : QStringLiteral("no account with id %1").arg(id));
        QByteArray body;
        const QNetworkRequest request = KiroRequests::setUserPreference(m_config, *credential, std::get<QString>(token),
                                                                        m_pool->machineId(id), enabled, &body);
        JsonExchange::send(m_network, request, body, m_config.upstreamConnectTimeoutMs, this, [this, id, enabled, done](const JsonReply &reply) {
            if (reply.httpStatus < 200 || reply.httpStatus >= 300) {
                const QString why = reply.httpStatus == 0 ? (reply.timedOut ? QStringLiteral("no answer in time") : reply.transportError)
                                                          : QStringLiteral("%1 %2").arg(reply.httpStatus).arg(reply.upstreamMessage());
                return done(false, QStringLiteral("Kiro did not change the overage of account %1: %2").arg(id).arg(why.trimmed()));
            }
            AccountChanges changes;
            changes.overageEnabled = enabled;
            m_pool->changeAccount(id, changes);
            // The new reading replaces the status, cap and charges; when it fails the change still stands.
            m_pool->refreshQuota(id, [done](bool, const QString &) { done(true, {}); });
        });
    });
}

} // namespace kt
