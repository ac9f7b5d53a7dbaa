#pragma once
// The request log (the newest `keep` rows, default 1000) and the statistics beside it, which are
// aggregated per hour, account and model at append time so that they survive the log's pruning.
#include "storage/requestrecord.h"
#include "storage/logfilter.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace kt {

class Database;

class RequestLog
{
public:
    explicit RequestLog(Database &db, int keep = 1000);

    // One transaction: the row, the statistics, and pruning to the newest `keep` rows.
    bool append(const RequestRecord &record, QString *error = nullptr);
    // The same for several records, in order, in one transaction (all or none).
    bool append(const QList<RequestRecord> &records, QString *error = nullptr);
    QList<RequestRecord> query(const LogFilter &filter) const;   // newest first
    int count(const LogFilter &filter) const;                     // rows matching (limit/offset ignored)
    // {"since":ISO|null,
    //  "totals":{"requests","success","errors","inputTokens","outputTokens","credits"},
    //  "perAccount":[{"accountId","accountName",...same counters}],
    //  "perModel":[{"model",...same counters}],            (the model the client asked for)
    //  "perServedModel":[{"servedModel",...same counters}], (the Kiro model that served it; "" before schema 6)
    //  "perHour":[{"hour":ISO,"requests","errors","inputTokens","outputTokens","credits"}],  (oldest first)
    //  "perDay":[{"day":ISO (UTC midnight),...as perHour}]}
    // `since` counts whole hours: the hour containing `since` is included.
    QJsonObject stats(const QDateTime &since = {}) const;
    void setKeep(int keep);   // >= 1; takes effect at the next append
    int keep() const { return m_keep; }

private:
    Database &m_db;
    int m_keep;
};

} // namespace kt
