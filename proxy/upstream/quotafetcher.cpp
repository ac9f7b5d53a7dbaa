#include "upstream/quotafetcher.h"

#include "accounts/credential.h"
#include "config/config.h"
#include "upstream/jsonexchange.h"
#include "upstream/kirorequests.h"
#include "util/clock.h"

namespace kt {

QuotaFetcher::QuotaFetcher(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_network(network)
{
}

void QuotaFetcher::fetch(const Credential &credential, const QString &accessToken, const QString &machineId,
                         std::function<void(const QuotaFetchResult &)> done)
{
    const QNetworkRequest request = KiroRequests::usageLimits(m_config, credential, accessToken, machineId);
    JsonExchange::send(m_network, request, {}, m_config.upstreamConnectTimeoutMs, this, [done = std::move(done)](const JsonReply &reply) {
        QuotaFetchResult r;
        r.httpStatus = reply.httpStatus;
        if (r.httpStatus == 200) {
            r.quota = QuotaInfo::fromUsageLimits(reply.json, Clock::current().now());
            r.ok = r.quota.known;
            r.error = r.quota.error;
        } else if (r.httpStatus == 0) {
            r.error = reply.timedOut ? QStringLiteral("the usage service did not answer in time")
                                     : QStringLiteral("cannot reach the usage service: %1").arg(reply.transportError);
        } else {
            r.upstreamMessage = reply.upstreamMessage();
            r.error = QStringLiteral("the usage service answered %1%2")
                          .arg(r.httpStatus)
                          .arg(r.upstreamMessage.isEmpty() ? QString() : QStringLiteral(": ") + r.upstreamMessage);
        }
        done(r);
    });
}

} // namespace kt
