// RequestLogWriter: finished requests wait for a batch (not one transaction each); a full batch, a
// reader (log()), detaching the log and the flush timer write them, in order; without a log they are dropped.
// The timer writes only after a quiet interval, or after MaxBusyIntervals busy ones.
#include "storage/database.h"
#include "storage/requestlog.h"
#include "storage/requestlogwriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace kt;

namespace {

RequestRecord record(int i)
{
    RequestRecord r;
    r.time = QDateTime::fromMSecsSinceEpoch(1735732800000 + i * 1000, Qt::UTC);
    r.method = QStringLiteral("POST");
    r.path = QStringLiteral("/v1/messages");
    r.model = QStringLiteral("model-%1").arg(i);
    r.status = 200;
    return r;
}

LogFilter all()
{
    LogFilter f;
    f.limit = 1000;
    return f;
}

} // namespace

class TestRequestLogWriter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RequestLog> m_log;
    int m_connection = 0;

private Q_SLOTS:
    void init()
    {
        const int connection = ++m_connection;
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("log-%1.db").arg(connection)),
                                          QStringLiteral("tst_requestlogwriter-%1").arg(connection));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        m_log = std::make_unique<RequestLog>(*m_db);
    }

    void cleanup()
    {
        m_log.reset();
        m_db.reset();
    }

    void recordsWaitUntilAReaderAsks()
    {
        RequestLogWriter writer;
        writer.setLog(m_log.get());
        writer.append(record(1));
        writer.append(record(2));
        QCOMPARE(m_log->count(all()), 0);
        QCOMPARE(writer.pending(), 2);
        RequestLog *log = writer.log();
        QCOMPARE(log, m_log.get());
        QCOMPARE(writer.pending(), 0);
        const QList<RequestRecord> rows = m_log->query(all());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).model, QStringLiteral("model-2"));   // newest first
        QCOMPARE(rows.at(1).model, QStringLiteral("model-1"));
    }

    void aFullBatchIsWrittenAtOnce()
    {
        m_log = std::make_unique<RequestLog>(*m_db, RequestLogWriter::MaxPending);   // keeps a whole batch
        RequestLogWriter writer;
        writer.setLog(m_log.get());
        for (int i = 0; i < RequestLogWriter::MaxPending - 1; ++i)
            writer.append(record(i));
        QCOMPARE(m_log->count(all()), 0);
        writer.append(record(RequestLogWriter::MaxPending));
        QCOMPARE(m_log->count(all()), RequestLogWriter::MaxPending);   // no event loop needed
        QCOMPARE(writer.pending(), 0);
    }

    void theTimerWritesWithoutAReader()
    {
        RequestLogWriter writer;
        writer.setLog(m_log.get());
        writer.append(record(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_log->count(all()), 1, 20000);
        QCOMPARE(writer.pending(), 0);
    }

    void aBusyBatchWaitsForAQuietInterval()
    {
        RequestLogWriter writer;
        writer.setLog(m_log.get());
        writer.append(record(1));   // starts the timer
        writer.append(record(2));   // a request finished while it ran
        writer.flushWhenQuiet();
        QCOMPARE(m_log->count(all()), 0);
        QCOMPARE(writer.pending(), 2);
        writer.flushWhenQuiet();    // none since
        QCOMPARE(m_log->count(all()), 2);
        QCOMPARE(writer.pending(), 0);
    }

    void aBatchBusyForLongIsWrittenAnyway()
    {
        RequestLogWriter writer;
        writer.setLog(m_log.get());
        writer.append(record(0));
        for (int i = 1; i < RequestLogWriter::MaxBusyIntervals; ++i) {
            writer.append(record(i));
            writer.flushWhenQuiet();
            QCOMPARE(m_log->count(all()), 0);
        }
        writer.append(record(RequestLogWriter::MaxBusyIntervals));
        writer.flushWhenQuiet();
        QCOMPARE(m_log->count(all()), RequestLogWriter::MaxBusyIntervals + 1);
    }

    void detachingOrDestroyingWritesWhatWaits()
    {
        {
            RequestLogWriter writer;
            writer.setLog(m_log.get());
            writer.append(record(1));
            writer.setLog(nullptr);
            QCOMPARE(m_log->count(all()), 1);
            writer.append(record(2));   // no log: dropped
            QCOMPARE(writer.pending(), 0);
            QCOMPARE(writer.log(), nullptr);
            writer.setLog(m_log.get());
            writer.append(record(3));
        }
        const QList<RequestRecord> rows = m_log->query(all());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).model, QStringLiteral("model-3"));
        QCOMPARE(rows.at(1).model, QStringLiteral("model-1"));
    }
};

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "tst_requestlogwriter.moc"
