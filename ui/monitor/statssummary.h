#pragma once
// Reads the request statistics the service reports (RequestLog::stats JSON) into what the
// dashboard and the tray tooltip show: today's totals, the last hours, and per-account and per-model counters.
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kt {

struct HourBucket {
    QDateTime hour;            // start of the hour, local time
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
};

struct AccountBucket {
    qint64 accountId = 0;
    QString accountName;
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 tokens = 0;         // input + output
    double credits = 0;
};

struct ModelBucket {
    QString model;             // the Kiro model that served the requests
    qint64 requests = 0;
    qint64 tokens = 0;         // input + output
    double credits = 0;
};

struct StatsSummary {
    qint64 requestsToday = 0;
    qint64 errorsToday = 0;
    qint64 inputTokensToday = 0;
    qint64 outputTokensToday = 0;
    double creditsToday = 0;
    qint64 requestsTotal = 0;

    // 0..100, or -1 when there was no request today.
    double successRateToday() const;

    // Totals of the hours that start at or after local midnight of `now`.
    static StatsSummary fromStats(const QJsonObject &stats, const QDateTime &now);
    // The `count` hours ending with the one containing `now`, oldest first, gaps filled with zeros.
    static QList<HourBucket> lastHours(const QJsonObject &stats, const QDateTime &now, int count);
    // Per-account counters, busiest first; requests without an account are left out.
    static QList<AccountBucket> perAccount(const QJsonObject &stats);
    // Per served model (perServedModel), busiest first; requests no model served are left out.
    static QList<ModelBucket> perServedModel(const QJsonObject &stats);
};

} // namespace kt
