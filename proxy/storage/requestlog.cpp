#include "storage/requestlog.h"

#include "storage/database.h"
#include "util/clock.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace kt {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

bool isSuccess(int status)
{
    return status >= 200 && status < 400;
}

// " WHERE ..." for the filter's conditions (empty when none) and the values to bind, in order.
QString whereClause(const LogFilter &f, QVariantList &binds)
{
    QStringList conditions;
    if (f.accountId != 0) {
        conditions << QStringLiteral("account_id = ?");
        binds << f.accountId;
    }
    if (f.status > 0 && f.status < 10) {
        conditions << QStringLiteral("status >= ? AND status < ?");
        binds << f.status * 100 << (f.status + 1) * 100;
    } else if (f.status != 0) {
        conditions << QStringLiteral("status = ?");
        binds << f.status;
    }
    if (!f.model.isEmpty()) {
        conditions << QStringLiteral("model = ?");
        binds << f.model;
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND "));
}

bool fail(QString *error, const QString &what, const QSqlQuery &q)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, q.lastError().text());
    return false;
}

} // namespace

RequestLog::RequestLog(Database &db, int keep) : m_db(db), m_keep(std::max(1, keep)) {}

void RequestLog::setKeep(int keep)
{
    m_keep = std::max(1, keep);
}

bool RequestLog::append(const RequestRecord &record, QString *error)
{
    return append(QList<RequestRecord>{record}, error);
}

bool RequestLog::append(const QList<RequestRecord> &records, QString *error)
{
    if (records.isEmpty())
        return true;
    QSqlDatabase connection = m_db.db();
    if (!connection.transaction()) {
        if (error)
            *error = QStringLiteral("request log: %1").arg(connection.lastError().text());
        return false;
    }
    const auto rollback = [&](const QString &what, const QSqlQuery &q) {
        fail(error, what, q);
        connection.rollback();
        return false;
    };

    QSqlQuery insert(connection);
    insert.prepare(QStringLiteral(
        "INSERT INTO request_log (time, method, path, account_id, account_name, model, stream, status,"
        " input_tokens, output_tokens, duration_ms, ttfb_ms, attempts, error, face, web_searches, served_model, credits, conversation)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery stats(connection);
    stats.prepare(QStringLiteral(
        "INSERT INTO request_stats (hour, account_id, model, served_model, account_name, requests, success, errors,"
        " input_tokens, output_tokens, duration_ms, credits) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(hour, account_id, model, served_model) DO UPDATE SET account_name = excluded.account_name,"
        " requests = requests + 1, success = success + excluded.success, errors = errors + excluded.errors,"
        " input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,"
        " duration_ms = duration_ms + excluded.duration_ms, credits = credits + excluded.credits"));
    for (const RequestRecord &r : records) {
        const qint64 timeMs = (r.time.isValid() ? r.time : Clock::current().now()).toMSecsSinceEpoch();
        const QString model = r.model.isNull() ? QStringLiteral("") : r.model;
        const QString accountName = r.accountName.isNull() ? QStringLiteral("") : r.accountName;
        const QString servedModel = r.servedModel.isNull() ? QStringLiteral("") : r.servedModel;
        const double credits = std::isfinite(r.credits) ? std::max(0.0, r.credits) : 0.0;
        int i = 0;
        for (const QVariant &v : QVariantList{timeMs, r.method, r.path, r.accountId, accountName, model, int(r.stream),
                                              r.status, r.inputTokens, r.outputTokens, r.durationMs, r.ttfbMs,
                                              r.attempts, r.error, r.face.isEmpty() ? QStringLiteral("anthropic") : r.face, r.webSearches,
                                              servedModel, credits,
                                              r.conversation.isNull() ? QStringLiteral("") : r.conversation})
            insert.bindValue(i++, v);
        if (!insert.exec())
            return rollback(QStringLiteral("request log insert"), insert);

        const bool ok = isSuccess(r.status);
        i = 0;
        for (const QVariant &v : QVariantList{(timeMs / kHourMs) * kHourMs, r.accountId, model, servedModel, accountName,
                                              int(ok), int(!ok), r.inputTokens, r.outputTokens, r.durationMs, credits})
            stats.bindValue(i++, v);
        if (!stats.exec())
            return rollback(QStringLiteral("request statistics"), stats);
    }

    QSqlQuery prune(connection);
    prune.prepare(QStringLiteral(
        "DELETE FROM request_log WHERE id <= (SELECT id FROM request_log ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    prune.addBindValue(m_keep);
    if (!prune.exec())
        return rollback(QStringLiteral("request log pruning"), prune);

    if (!connection.commit()) {
        if (error)
            *error = QStringLiteral("request log commit: %1").arg(connection.lastError().text());
        connection.rollback();
        return false;
    }
    return true;
}

QList<RequestRecord> RequestLog::query(const LogFilter &filter) const
{
    QList<RequestRecord> records;
    QVariantList binds;
    const QString where = whereClause(filter, binds);
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
                  "SELECT time, method, path, account_id, account_name, model, stream, status, input_tokens,"
                  " output_tokens, duration_ms, ttfb_ms, attempts, error, face, web_searches, served_model, credits, conversation"
                  " FROM request_log%1"
                  " ORDER BY id DESC LIMIT ? OFFSET ?")
                  .arg(where));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    q.addBindValue(std::clamp(filter.limit, 1, 1000));
    q.addBindValue(std::max(0, filter.offset));
    if (!q.exec())
        return records;
    while (q.next()) {
        RequestRecord r;
        r.time = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), QTimeZone::utc());
        r.method = q.value(1).toString();
        r.path = q.value(2).toString();
        r.accountId = q.value(3).toLongLong();
        r.accountName = q.value(4).toString();
        r.model = q.value(5).toString();
        r.stream = q.value(6).toInt() != 0;
        r.status = q.value(7).toInt();
        r.inputTokens = q.value(8).toInt();
        r.outputTokens = q.value(9).toInt();
        r.durationMs = q.value(10).toLongLong();
        r.ttfbMs = q.value(11).toLongLong();
        r.attempts = q.value(12).toInt();
        r.error = q.value(13).toString();
        r.face = q.value(14).toString();
        r.webSearches = q.value(15).toInt();
        r.servedModel = q.value(16).toString();
        r.credits = q.value(17).toDouble();
        r.conversation = q.value(18).toString();
        records.append(r);
    }
    return records;
}

int RequestLog::count(const LogFilter &filter) const
{
    QVariantList binds;
    const QString where = whereClause(filter, binds);
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM request_log%1").arg(where));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toInt();
}

} // namespace kt
