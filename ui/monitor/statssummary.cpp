#include "monitor/statssummary.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace kt {

namespace {

QDateTime hourStart(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    return QDateTime(local.date(), QTime(local.time().hour(), 0));
}

qint64 number(const QJsonObject &o, const char *key)
{
    return qint64(o.value(QLatin1String(key)).toDouble());
}

} // namespace

double StatsSummary::successRateToday() const
{
    if (requestsToday <= 0)
        return -1;
    return double(requestsToday - errorsToday) * 100.0 / double(requestsToday);
}

StatsSummary StatsSummary::fromStats(const QJsonObject &stats, const QDateTime &now)
{
    StatsSummary s;
    s.requestsTotal = number(stats.value(QLatin1String("totals")).toObject(), "requests");
    const QDateTime midnight(now.toLocalTime().date(), QTime(0, 0));
    for (const QJsonValue &v : stats.value(QLatin1String("perHour")).toArray()) {
        const QJsonObject o = v.toObject();
        const QDateTime hour = QDateTime::fromString(o.value(QLatin1String("hour")).toString(), Qt::ISODate);
        if (!hour.isValid() || hour.toLocalTime() < midnight)
            continue;
        s.requestsToday += number(o, "requests");
        s.errorsToday += number(o, "errors");
        s.inputTokensToday += number(o, "inputTokens");
        s.outputTokensToday += number(o, "outputTokens");
        s.creditsToday += o.value(QLatin1String("credits")).toDouble();
    }
    return s;
}

QList<HourBucket> StatsSummary::lastHours(const QJsonObject &stats, const QDateTime &now, int count)
{
    QList<HourBucket> buckets;
    if (count <= 0)
        return buckets;
    const QDateTime last = hourStart(now);
    for (int i = count - 1; i >= 0; --i) {
        HourBucket b;
        b.hour = last.addSecs(-3600LL * i);
        buckets.append(b);
    }
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < buckets.size(); ++i)
        index.insert(buckets.at(i).hour.toSecsSinceEpoch(), i);
    for (const QJsonValue &v : stats.value(QLatin1String("perHour")).toArray()) {
        const QJsonObject o = v.toObject();
        const QDateTime hour = QDateTime::fromString(o.value(QLatin1String("hour")).toString(), Qt::ISODate);
        if (!hour.isValid())
            continue;
        const auto it = index.constFind(hourStart(hour).toSecsSinceEpoch());
        if (it == index.constEnd())
            continue;
        HourBucket &b = buckets[*it];
        b.requests += number(o, "requests");
        b.errors += number(o, "errors");
        b.inputTokens += number(o, "inputTokens");
        b.outputTokens += number(o, "outputTokens");
    }
    return buckets;
}

QList<AccountBucket> StatsSummary::perAccount(const QJsonObject &stats)
{
    QList<AccountBucket> out;
    for (const QJsonValue &v : stats.value(QLatin1String("perAccount")).toArray()) {
        const QJsonObject o = v.toObject();
        AccountBucket b;
        b.accountId = number(o, "accountId");
        if (b.accountId <= 0)
            continue;
        b.accountName = o.value(QLatin1String("accountName")).toString();
        b.requests = number(o, "requests");
        b.errors = number(o, "errors");
        b.tokens = number(o, "inputTokens") + number(o, "outputTokens");
        b.credits = o.value(QLatin1String("credits")).toDouble();
        out.append(b);
    }
    std::stable_sort(out.begin(), out.end(), [](const AccountBucket &a, const AccountBucket &b) { return a.requests > b.requests; });
    return out;
}

QList<ModelBucket> StatsSummary::perServedModel(const QJsonObject &stats)
{
    QList<ModelBucket> out;
    for (const QJsonValue &v : stats.value(QLatin1String("perServedModel")).toArray()) {
        const QJsonObject o = v.toObject();
        ModelBucket b;
        b.model = o.value(QLatin1String("servedModel")).toString();
        if (b.model.isEmpty())
            continue;
        b.requests = number(o, "requests");
        b.tokens = number(o, "inputTokens") + number(o, "outputTokens");
        b.credits = o.value(QLatin1String("credits")).toDouble();
        out.append(b);
    }
    std::stable_sort(out.begin(), out.end(), [](const ModelBucket &a, const ModelBucket &b) { return a.requests > b.requests; });
    return out;
}

} // namespace kt
