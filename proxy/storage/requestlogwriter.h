#pragma once
// Writes finished requests into the request log in batches, off the request path: a SQLite
// transaction per request would hold up every stream on the proxy thread, and the next request.
// A batch goes out after a short delay or once it is full; readers flush it first (log()).
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
    static constexpr int MaxPending = 256;

    explicit RequestLogWriter(QObject *parent = nullptr);
    ~RequestLogWriter() override;

    void setLog(RequestLog *log);   // null: records are dropped (no storage)
    void append(const RequestRecord &record);
    void flush();
    RequestLog *log();   // every appended record written first
    int pending() const { return int(m_pending.size()); }

private:
    RequestLog *m_log = nullptr;
    QList<RequestRecord> m_pending;
    QTimer m_timer;
};

} // namespace kt
