#include "fakeoverage.h"

#include <QJsonArray>

namespace kt::fake {

QJsonObject FakeOverage::applyTo(QJsonObject usage) const
{
    if (!usage.contains(QStringLiteral("usageBreakdownList")))
        return usage;   // a test's own reply shape stays as it is
    usage.insert(QStringLiteral("overageConfiguration"), QJsonObject{{QStringLiteral("overageStatus"), status}});
    QJsonObject subscription = usage.value(QStringLiteral("subscriptionInfo")).toObject();
    subscription.insert(QStringLiteral("overageCapability"), QStringLiteral("OVERAGE_CAPABLE"));
    usage.insert(QStringLiteral("subscriptionInfo"), subscription);
    QJsonArray breakdowns = usage.value(QStringLiteral("usageBreakdownList")).toArray();
    if (!breakdowns.isEmpty()) {
        QJsonObject first = breakdowns.first().toObject();
        first.insert(QStringLiteral("overageCap"), 100.0);
        first.insert(QStringLiteral("overageRate"), 0.04);
        first.insert(QStringLiteral("currentOverages"), status == QLatin1String("ENABLED") ? 1.2 : 0.0);
        breakdowns.replace(0, first);
        usage.insert(QStringLiteral("usageBreakdownList"), breakdowns);
    }
    return usage;
}

FakeReply FakeOverage::setPreference(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    const QString wanted = body.value(QStringLiteral("overageConfiguration")).toObject()
                               .value(QStringLiteral("overageStatus")).toString();
    const auto bad = [](const QString &message) {
        return FakeReply::json(400, {{QStringLiteral("message"), message}, {QStringLiteral("__type"), QStringLiteral("ValidationException")}});
    };
    if (wanted != QLatin1String("ENABLED") && wanted != QLatin1String("DISABLED"))
        return bad(QStringLiteral("overageConfiguration.overageStatus must be ENABLED or DISABLED"));
    if (body.value(QStringLiteral("profileArn")).toString().isEmpty())
        return bad(QStringLiteral("profileArn is required"));
    if (!request.header("content-type").startsWith("application/json"))
        return bad(QStringLiteral("Content-Type must be application/json"));
    status = wanted;
    ++setCount;
    return FakeReply::json(200, {});
}

} // namespace kt::fake
