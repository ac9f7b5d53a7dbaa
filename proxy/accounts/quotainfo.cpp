#include "accounts/quotainfo.h"

#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace kt {

namespace {

QDateTime fromEpochSeconds(const QJsonValue &v)
{
    if (!v.isDouble())
        return {};
    const double s = v.toDouble();
    if (!std::isfinite(s) || s <= 0 || s > 1e11)
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(s * 1000), QTimeZone::utc());
}

// The precise (fractional) field when present, else the rounded one.
double number(const QJsonObject &o, const char *precise, const char *rounded)
{
    const QJsonValue p = o.value(QLatin1String(precise));
    if (p.isDouble() && std::isfinite(p.toDouble()))
        return std::max(0.0, p.toDouble());
    const QJsonValue r = o.value(QLatin1String(rounded));
    if (r.isDouble() && std::isfinite(r.toDouble()))
        return std::max(0.0, r.toDouble());
    return 0;
}

bool isActive(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().compare(QLatin1String("ACTIVE"), Qt::CaseInsensitive) == 0;
}

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseTime(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

// Sums of fractional usage carry binary noise (16.869999999999997): six decimals are plenty.
double tidy(double v)
{
    return std::round(v * 1e6) / 1e6;
}

} // namespace

double QuotaInfo::remainingPercent() const
{
    const double total = totalLimit();
    if (!known || total <= 0)
        return 100.0;
    // Rounded to a millionth of a percent so that 70 used of 100 is exactly 30 %, not 30.000000000000004.
    const double percent = std::round((total - totalUsed()) / total * 100.0 * 1e6) / 1e6;
    return std::clamp(percent, 0.0, 100.0);
}

QString QuotaInfo::level() const
{
    if (!known || totalLimit() <= 0)
        return QStringLiteral("unknown");
    const double remaining = remainingPercent();
    if (remaining > 30.0)
        return QStringLiteral("green");
    if (remaining >= 10.0)
        return QStringLiteral("yellow");
    return QStringLiteral("red");
}

QJsonObject QuotaInfo::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("known"), known);
    o.insert(QLatin1String("used"), tidy(used));
    o.insert(QLatin1String("limit"), tidy(limit));
    o.insert(QLatin1String("trialUsed"), tidy(trialUsed));
    o.insert(QLatin1String("trialLimit"), tidy(trialLimit));
    o.insert(QLatin1String("trialExpiry"), timeOrNull(trialExpiry));
    o.insert(QLatin1String("bonusUsed"), tidy(bonusUsed));
    o.insert(QLatin1String("bonusLimit"), tidy(bonusLimit));
    o.insert(QLatin1String("totalUsed"), tidy(totalUsed()));
    o.insert(QLatin1String("totalLimit"), tidy(totalLimit()));
    o.insert(QLatin1String("remaining"), tidy(std::max(0.0, totalLimit() - totalUsed())));
    o.insert(QLatin1String("remainingPercent"), round2(remainingPercent()));
    o.insert(QLatin1String("level"), level());
    o.insert(QLatin1String("resetAt"), timeOrNull(resetAt));
    o.insert(QLatin1String("subscription"), subscription);
    o.insert(QLatin1String("overage"), overage.toJson());
    o.insert(QLatin1String("fetchedAt"), timeOrNull(fetchedAt));
    o.insert(QLatin1String("error"), error);
    return o;
}

QuotaInfo QuotaInfo::fromJson(const QJsonObject &o)
{
    QuotaInfo q;
    q.known = o.value(QLatin1String("known")).toBool();
    q.used = o.value(QLatin1String("used")).toDouble();
    q.limit = o.value(QLatin1String("limit")).toDouble();
    q.trialUsed = o.value(QLatin1String("trialUsed")).toDouble();
    q.trialLimit = o.value(QLatin1String("trialLimit")).toDouble();
    q.trialExpiry = parseTime(o.value(QLatin1String("trialExpiry")));
    q.bonusUsed = o.value(QLatin1String("bonusUsed")).toDouble();
    q.bonusLimit = o.value(QLatin1String("bonusLimit")).toDouble();
    q.resetAt = parseTime(o.value(QLatin1String("resetAt")));
    q.subscription = o.value(QLatin1String("subscription")).toString();
    q.overage = OverageInfo::fromJson(o.value(QLatin1String("overage")).toObject());
    q.fetchedAt = parseTime(o.value(QLatin1String("fetchedAt")));
    q.error = o.value(QLatin1String("error")).toString();
    return q;
}

QuotaInfo QuotaInfo::fromUsageLimits(const QJsonObject &response, const QDateTime &now)
{
    QuotaInfo q;
    q.fetchedAt = now.toUTC();
    q.subscription = response.value(QLatin1String("subscriptionInfo")).toObject()
                         .value(QLatin1String("subscriptionTitle")).toString();
    q.resetAt = fromEpochSeconds(response.value(QLatin1String("nextDateReset")));
    q.overage = OverageInfo::fromUsageLimits(response);

    const QJsonArray breakdowns = response.value(QLatin1String("usageBreakdownList")).toArray();
    if (breakdowns.isEmpty() || !breakdowns.first().isObject()) {
        q.error = QStringLiteral("the usage reply has no usageBreakdownList");
        return q;
    }
    const QJsonObject main = breakdowns.first().toObject();
    q.known = true;
    q.used = number(main, "currentUsageWithPrecision", "currentUsage");
    q.limit = number(main, "usageLimitWithPrecision", "usageLimit");
    if (!q.resetAt.isValid())
        q.resetAt = fromEpochSeconds(main.value(QLatin1String("nextDateReset")));

    const QJsonObject trial = main.value(QLatin1String("freeTrialInfo")).toObject();
    if (isActive(trial, "freeTrialStatus")) {
        q.trialUsed = number(trial, "currentUsageWithPrecision", "currentUsage");
        q.trialLimit = number(trial, "usageLimitWithPrecision", "usageLimit");
        q.trialExpiry = fromEpochSeconds(trial.value(QLatin1String("freeTrialExpiry")));
    }
    for (const QJsonValue &b : main.value(QLatin1String("bonuses")).toArray()) {
        const QJsonObject bonus = b.toObject();
        if (!isActive(bonus, "status"))
            continue;
        q.bonusUsed += number(bonus, "currentUsageWithPrecision", "currentUsage");
        q.bonusLimit += number(bonus, "usageLimitWithPrecision", "usageLimit");
    }
    return q;
}

} // namespace kt
