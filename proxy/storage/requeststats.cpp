// RequestLog::stats: the statistics read back from request_stats (per hour x account x model x served
// model), which append() maintains and pruning never touches.
#include "storage/database.h"
#include "storage/requestlog.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <cmath>
#include <functional>

namespace kt {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

// "2025-01-01T12:00:00Z", the form the rest of the API uses.
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC().toString(Qt::ISODate);
}

const QString kSums = QStringLiteral(
    "SUM(requests), SUM(success), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(credits)");

// Sums of fractional credits carry binary noise (0.30000000000000004): six decimals are plenty.
double tidy(double v)
{
    return std::round(v * 1e6) / 1e6;
}

// The six counters starting at `column`: {"requests","success","errors","inputTokens","outputTokens","credits"}.
QJsonObject counters(const QSqlQuery &q, int column)
{
    QJsonObject o;
    o.insert(QLatin1String("requests"), q.value(column).toLongLong());
    o.insert(QLatin1String("success"), q.value(column + 1).toLongLong());
    o.insert(QLatin1String("errors"), q.value(column + 2).toLongLong());
    o.insert(QLatin1String("inputTokens"), q.value(column + 3).toLongLong());
    o.insert(QLatin1String("outputTokens"), q.value(column + 4).toLongLong());
    o.insert(QLatin1String("credits"), tidy(q.value(column + 5).toDouble()));
    return o;
}

// One array entry per group: `keys` are the leading selected columns (read by `label`), the counters follow.
QJsonArray grouped(QSqlQuery &q, const QString &keys, int keyCount, const QString &tail,
                   const std::function<void(QJsonObject &, const QSqlQuery &)> &label)
{
    QJsonArray out;
    if (!q.exec(QStringLiteral("SELECT %1, %2 FROM request_stats%3").arg(keys, kSums, tail)))
        return out;
    while (q.next()) {
        QJsonObject o = counters(q, keyCount);
        label(o, q);
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject RequestLog::stats(const QDateTime &since) const
{
    const qint64 fromHour = since.isValid() ? (since.toMSecsSinceEpoch() / kHourMs) * kHourMs : 0;
    const QString where = since.isValid() ? QStringLiteral(" WHERE hour >= %1").arg(fromHour) : QString();
    QJsonObject result;
    result.insert(QLatin1String("since"), since.isValid()
                      ? QJsonValue(isoTime(fromHour))
                      : QJsonValue());

    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    QJsonObject totals = {{QLatin1String("requests"), 0}, {QLatin1String("success"), 0}, {QLatin1String("errors"), 0},
                          {QLatin1String("inputTokens"), 0}, {QLatin1String("outputTokens"), 0},
                          {QLatin1String("credits"), 0}};
    if (q.exec(QStringLiteral("SELECT COUNT(*), %1 FROM request_stats%2").arg(kSums, where)) && q.next()
        && q.value(0).toLongLong() > 0)
        totals = counters(q, 1);
    result.insert(QLatin1String("totals"), totals);

    // SQLite takes the bare account_name from the row holding MAX(hour): the name most recently used.
    result.insert(QLatin1String("perAccount"),
                  grouped(q, QStringLiteral("account_id, account_name, MAX(hour)"), 3,
                          where + QStringLiteral(" GROUP BY account_id ORDER BY SUM(requests) DESC, account_id"),
                          [](QJsonObject &o, const QSqlQuery &row) {
                              o.insert(QLatin1String("accountId"), row.value(0).toLongLong());
                              o.insert(QLatin1String("accountName"), row.value(1).toString());
                          }));
    const auto byModel = [&](const char *column, const char *key) {
        return grouped(q, QLatin1String(column), 1,
                       where + QStringLiteral(" GROUP BY %1 ORDER BY SUM(requests) DESC, %1").arg(QLatin1String(column)),
                       [key](QJsonObject &o, const QSqlQuery &row) { o.insert(QLatin1String(key), row.value(0).toString()); });
    };
    result.insert(QLatin1String("perModel"), byModel("model", "model"));
    result.insert(QLatin1String("perServedModel"), byModel("served_model", "servedModel"));

    const auto byTime = [&](qint64 bucketMs, const char *key) {
        return grouped(q, QStringLiteral("(hour / %1) * %1").arg(bucketMs), 1, where + QStringLiteral(" GROUP BY 1 ORDER BY 1"),
                       [key](QJsonObject &o, const QSqlQuery &row) {
                           o.remove(QLatin1String("success"));
                           o.insert(QLatin1String(key), isoTime(row.value(0).toLongLong()));
                       });
    };
    result.insert(QLatin1String("perHour"), byTime(kHourMs, "hour"));
    result.insert(QLatin1String("perDay"), byTime(kDayMs, "day"));
    return result;
}

} // namespace kt
