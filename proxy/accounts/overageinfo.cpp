#include "accounts/overageinfo.h"

#include <QJsonArray>

#include <cmath>

namespace kt {

namespace {

double money(const QJsonObject &o, const char *key)
{
    const double v = o.value(QLatin1String(key)).toDouble(0);
    return std::isfinite(v) && v > 0 ? v : 0;
}

} // namespace

QJsonObject OverageInfo::toJson() const
{
    return {{QStringLiteral("status"), known() ? QJsonValue(status) : QJsonValue()},
            {QStringLiteral("enabled"), known() ? QJsonValue(enabled()) : QJsonValue()},
            {QStringLiteral("capability"), capability},
            {QStringLiteral("cap"), cap},
            {QStringLiteral("rate"), rate},
            {QStringLiteral("charges"), charges}};
}

OverageInfo OverageInfo::fromJson(const QJsonObject &o)
{
    OverageInfo info;
    info.status = o.value(QLatin1String("status")).toString();
    info.capability = o.value(QLatin1String("capability")).toString();
    info.cap = money(o, "cap");
    info.rate = money(o, "rate");
    info.charges = money(o, "charges");
    return info;
}

OverageInfo OverageInfo::fromUsageLimits(const QJsonObject &response)
{
    OverageInfo info;
    info.status = response.value(QLatin1String("overageConfiguration")).toObject()
                      .value(QLatin1String("overageStatus")).toString().toUpper();
    info.capability = response.value(QLatin1String("subscriptionInfo")).toObject()
                          .value(QLatin1String("overageCapability")).toString();
    // The cap, rate and charges of the first breakdown that has any (docs/protocol.md#usage-limits).
    for (const QJsonValue &v : response.value(QLatin1String("usageBreakdownList")).toArray()) {
        const QJsonObject b = v.toObject();
        if (money(b, "overageCap") > 0 || money(b, "overageRate") > 0 || money(b, "currentOverages") > 0) {
            info.cap = money(b, "overageCap");
            info.rate = money(b, "overageRate");
            info.charges = money(b, "currentOverages");
            break;
        }
    }
    return info;
}

} // namespace kt
