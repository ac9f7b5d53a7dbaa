#include "storage/requestlogwriter.h"

#include "storage/requestlog.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRequestLog, "kirotray.requestlog")

namespace kt {

RequestLogWriter::RequestLogWriter(QObject *parent) : QObject(parent)
{
    m_timer.setParent(this);   // follows the writer to its thread
    m_timer.setSingleShot(true);
    m_timer.setInterval(FlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RequestLogWriter::flushWhenQuiet);
}

RequestLogWriter::~RequestLogWriter()
{
    flush();
}

void RequestLogWriter::setLog(RequestLog *log)
{
    flush();
    m_log = log;
}

void RequestLogWriter::append(const RequestRecord &record)
{
    if (!m_log)
        return;
    m_pending.append(record);
    if (m_pending.size() >= MaxPending) {
        flush();
    } else if (!m_timer.isActive()) {
        m_timer.start();
        m_appendedSinceTimer = 0;
    } else {
        ++m_appendedSinceTimer;
    }
}

void RequestLogWriter::flushWhenQuiet()
{
    if (std::exchange(m_appendedSinceTimer, 0) > 0 && ++m_busyIntervals < MaxBusyIntervals)
        return m_timer.start();
    flush();
}

void RequestLogWriter::flush()
{
    m_timer.stop();
    m_appendedSinceTimer = 0;
    m_busyIntervals = 0;
    if (!m_log || m_pending.isEmpty())
        return;
    const QList<RequestRecord> batch = std::exchange(m_pending, {});
    QString error;
    if (!m_log->append(batch, &error))
        qCWarning(lcRequestLog).noquote() << "cannot write the request log:" << error;
}

RequestLog *RequestLogWriter::log()
{
    flush();
    return m_log;
}

} // namespace kt
