#include "management/managementstatus.h"

namespace kt {

QJsonObject ManagementStatus::toJson(const QDateTime &now) const
{
    QJsonObject byState{{QStringLiteral("total"), accounts}};
    for (auto it = accountsByState.begin(); it != accountsByState.end(); ++it)
        byState.insert(it.key(), it.value());
    return {{QStringLiteral("status"), listening ? QStringLiteral("running") : QStringLiteral("stopped")},
            {QStringLiteral("version"), QStringLiteral(KIROTRAY_VERSION)},
            {QStringLiteral("startedAt"), startedAt.isValid() ? QJsonValue(startedAt.toString(Qt::ISODate)) : QJsonValue()},
            {QStringLiteral("uptimeSeconds"), startedAt.isValid() ? double(startedAt.secsTo(now)) : 0.0},
            {QStringLiteral("listen"), QJsonObject{{QStringLiteral("host"), host}, {QStringLiteral("port"), port}}},
            {QStringLiteral("strategy"), strategy},
            {QStringLiteral("secretStore"), secretBackend},
            {QStringLiteral("inFlight"), inFlight},
            {QStringLiteral("accounts"), byState},
            {QStringLiteral("conversations"), conversations},
            {QStringLiteral("totals"), totals}};
}

} // namespace kt
