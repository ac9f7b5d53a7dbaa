#pragma once
// Writes finished requests into the request log in batches, off the request path: a SQLite
// transaction per request would hold up every stream on the proxy thread, and the next request.
// A batch goes out after a quiet interval (no request finished during it; while requests keep
// finishing, at most MaxBusyIntervals intervals later), or once it is full; readers flush it first
// (log()). A burst of requests is thus not slowed by writing its own log.
#include "storage/requestrecord.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace kt {

class RequestLog;

class RequestLogWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int FlushIntervalMs = 250;
    static constexpr int MaxBusyIntervals = 8;
    static constexpr int MaxPending = 1024;   // a burst of 1,024 streams is written once

    explicit RequestLogWriter(QObject *parent = nullptr);
    ~RequestLogWriter() override;

    void setLog(RequestLog *log);   // null: records are dropped (no storage)
    void append(const RequestRecord &record);
    void flush();
    void flushWhenQuiet();   // the timer's: writes unless requests finished since the timer started
    RequestLog *log();   // every appended record written first
    int pending() const { return int(m_pending.size()); }

private:
    RequestLog *m_log = nullptr;
    QList<RequestRecord> m_pending;
    int m_appendedSinceTimer = 0;
    int m_busyIntervals = 0;
    QTimer m_timer;
};

} // namespace kt
