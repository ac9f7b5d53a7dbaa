// LogCsv: header and rows, RFC 4180 quoting, formula neutralising, and the atomic file write.
#include "files/logcsv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace kt;

class TestLogCsv : public QObject
{
    Q_OBJECT

private:
    static RequestRecord record()
    {
        RequestRecord r;
        r.time = QDateTime(QDate(2026, 1, 9), QTime(4, 43, 18, 79), QTimeZone::utc());
        r.method = QStringLiteral("POST");
        r.path = QStringLiteral("/v1/messages");
        r.accountId = 3;
        r.accountName = QStringLiteral("dev@example.com");
        r.model = QStringLiteral("claude-sonnet-4-5");
        r.stream = true;
        r.status = 200;
        r.inputTokens = 12;
        r.outputTokens = 34;
        r.durationMs = 1500;
        r.ttfbMs = 120;
        r.attempts = 1;
        return r;
    }

private Q_SLOTS:
    void plainRow()
    {
        QCOMPARE(LogCsv::row(record()), QByteArray("2026-01-09T04:43:18.079Z,POST,/v1/messages,3,dev@example.com,claude-sonnet-4-5,true,"
                                                   "200,12,34,1500,120,1,0,0,,\r\n"));
        QCOMPARE(LogCsv::header().count(','), LogCsv::row(record()).count(','));
    }

    void webSearchesColumn()
    {
        QVERIFY(LogCsv::header().endsWith(",attempts,web_searches,credits,conversation,error\r\n"));
        RequestRecord r = record();
        r.webSearches = 4;
        QVERIFY2(LogCsv::row(r).endsWith(",1500,120,1,4,0,,\r\n"), LogCsv::row(r).constData());
    }

    void creditsColumn()
    {
        RequestRecord r = record();
        r.credits = 0.1 + 0.2;   // a sum's binary noise stays out of the file
        QVERIFY2(LogCsv::row(r).endsWith(",1,0,0.3,,\r\n"), LogCsv::row(r).constData());
        r.credits = 12.345678;
        QVERIFY2(LogCsv::row(r).endsWith(",12.345678,,\r\n"), LogCsv::row(r).constData());
        r.conversation = QStringLiteral("0b4445e1-f5be-49e1-87ce-62bbc28ad705");
        QVERIFY2(LogCsv::row(r).endsWith(",12.345678,0b4445e1-f5be-49e1-87ce-62bbc28ad705,\r\n"), LogCsv::row(r).constData());
    }

    void quoting()
    {
        QCOMPARE(LogCsv::escape(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(LogCsv::escape(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(LogCsv::escape(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(LogCsv::escape(QStringLiteral(" padded")), QStringLiteral("\" padded\""));
        QCOMPARE(LogCsv::escape(QString()), QString());
        RequestRecord r = record();
        r.error = QStringLiteral("upstream said: \"no\", twice");
        r.ttfbMs = -1;
        const QByteArray row = LogCsv::row(r);
        QVERIFY(row.endsWith(",,1,0,0,,\"upstream said: \"\"no\"\", twice\"\r\n"));
    }

    void formulasAreNeutralised()
    {
        QCOMPARE(LogCsv::escape(QStringLiteral("=HYPERLINK(\"x\")")), QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
        QCOMPARE(LogCsv::escape(QStringLiteral("+1")), QStringLiteral("'+1"));
        QCOMPARE(LogCsv::escape(QStringLiteral("@SUM")), QStringLiteral("'@SUM"));
        QCOMPARE(LogCsv::escape(QStringLiteral("-2")), QStringLiteral("'-2"));
    }

    void writesFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(LogCsv::write(path, {record(), record()}).isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QCOMPARE(all.count("\r\n"), 3);
        QVERIFY(all.startsWith("time,method,path"));
        // A folder that does not exist is reported, not ignored.
        QVERIFY(!LogCsv::write(dir.filePath(QStringLiteral("missing/out.csv")), {record()}).isEmpty());
    }
};

QTEST_MAIN(TestLogCsv)
#include "tst_logcsv.moc"
