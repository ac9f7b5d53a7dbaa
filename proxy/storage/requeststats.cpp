// RequestLog::stats: the statistics read back from request_stats (per hour x account x model),
// which append() maintains and pruning never touches.
#include "storage/database.h"
#include "storage/requestlog.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace kt {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

// "2025-01-01T12:00:00Z", the form the rest of the API uses.
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC().toString(Qt::ISODate);
}

const QString kSums = QStringLiteral("SUM(requests), SUM(success), SUM(errors), SUM(input_tokens), SUM(output_tokens)");

// The five counters starting at `column`, as {"requests","success","errors","inputTokens","outputTokens"}.
QJsonObject counters(const QSqlQuery &q, int column)
{
    QJsonObject o;
    o.insert(QLatin1String("requests"), q.value(column).toLongLong());
    o.insert(QLatin1String("success"), q.value(column + 1).toLongLong());
    o.insert(QLatin1String("errors"), q.value(column + 2).toLongLong());
    o.insert(QLatin1String("inputTokens"), q.value(column + 3).toLongLong());
    o.insert(QLatin1String("outputTokens"), q.value(column + 4).toLongLong());
    return o;
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
                          {QLatin1String("inputTokens"), 0}, {QLatin1String("outputTokens"), 0}};
    if (q.exec(QStringLiteral("SELECT COUNT(*), %1 FROM request_stats%2").arg(kSums, where)) && q.next()
        && q.value(0).toLongLong() > 0)
        totals = counters(q, 1);
    result.insert(QLatin1String("totals"), totals);

    // SQLite takes the bare account_name from the row holding MAX(hour): the name most recently used.
    QJsonArray perAccount;
    if (q.exec(QStringLiteral("SELECT account_id, account_name, MAX(hour), %1 FROM request_stats%2"
                              " GROUP BY account_id ORDER BY SUM(requests) DESC, account_id")
                   .arg(kSums, where))) {
        while (q.next()) {
            QJsonObject o = counters(q, 3);
            o.insert(QLatin1String("accountId"), q.value(0).toLongLong());
            o.insert(QLatin1String("accountName"), q.value(1).toString());
            perAccount.append(o);
        }
    }
    result.insert(QLatin1String("perAccount"), perAccount);

    QJsonArray perModel;
    if (q.exec(QStringLiteral("SELECT model, %1 FROM request_stats%2 GROUP BY model ORDER BY SUM(requests) DESC, model")
                   .arg(kSums, where))) {
        while (q.next()) {
            QJsonObject o = counters(q, 1);
            o.insert(QLatin1String("model"), q.value(0).toString());
            perModel.append(o);
        }
    }
    result.insert(QLatin1String("perModel"), perModel);

    QJsonArray perHour;
    if (q.exec(QStringLiteral("SELECT hour, %1 FROM request_stats%2 GROUP BY hour ORDER BY hour").arg(kSums, where))) {
        while (q.next()) {
            QJsonObject o = counters(q, 1);
            o.remove(QLatin1String("success"));
            o.insert(QLatin1String("hour"), isoTime(q.value(0).toLongLong()));
            perHour.append(o);
        }
    }
    result.insert(QLatin1String("perHour"), perHour);
    return result;
}

} // namespace kt
