// IdTable: dense ids in the flat array, far and negative ids in the hash, an id kept in the hash while
// the array grows past it, removal and insertion again, and the array bounded by the entries.
#include "pool/idtable.h"

#include <QtTest>

using namespace kt;

class TestIdTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void denseIds()
    {
        IdTable<int> table;
        QCOMPARE(table.find(1), nullptr);
        for (qint64 id = 1; id <= 10000; ++id)
            table[id] = int(id * 2);
        QCOMPARE(table.size(), qsizetype(10000));
        for (qint64 id = 1; id <= 10000; ++id)
            QCOMPARE(*table.find(id), int(id * 2));
        QCOMPARE(table.find(0), nullptr);
        QCOMPARE(table.find(10001), nullptr);
        QVERIFY(table.remove(5000));
        QVERIFY(!table.remove(5000));
        QCOMPARE(table.find(5000), nullptr);
        QCOMPARE(table.size(), qsizetype(9999));
        QCOMPARE(table[5000], 0);   // inserted again, as new
        QCOMPARE(table.size(), qsizetype(10000));
    }

    void farAndNegativeIds()
    {
        IdTable<int> table;
        const qint64 far = qint64(1) << 40;
        table[far] = 7;
        table[-3] = 8;
        table[2] = 9;
        QCOMPARE(table.size(), qsizetype(3));
        QCOMPARE(*table.find(far), 7);
        QCOMPARE(*table.find(-3), 8);
        QCOMPARE(*table.find(2), 9);
        QCOMPARE(table.find(far + 1), nullptr);
        QVERIFY(table.remove(far));
        QCOMPARE(table.find(far), nullptr);
        QCOMPARE(table.size(), qsizetype(2));
        table.clear();
        QCOMPARE(table.size(), qsizetype(0));
        QCOMPARE(table.find(2), nullptr);
        QCOMPARE(table.find(-3), nullptr);
    }

    // An id first too far for the array stays in the hash when later ids grow the array past it.
    void hashedIdSurvivesTheArrayGrowing()
    {
        IdTable<int> table;
        const qint64 early = 5000;   // beyond 2 × 1 + Slack
        table[early] = 42;
        for (qint64 id = 1; id <= 6000; ++id) {
            if (id != early)
                table[id] = 1;
        }
        QCOMPARE(table.size(), qsizetype(6000));
        QCOMPARE(*table.find(early), 42);
        table[early] += 1;   // the same entry, not a second one
        QCOMPARE(*table.find(early), 43);
        QCOMPARE(table.size(), qsizetype(6000));
        QVERIFY(table.remove(early));
        QCOMPARE(table.find(early), nullptr);
        QCOMPARE(table.size(), qsizetype(5999));
    }
};

QTEST_GUILESS_MAIN(TestIdTable)
#include "tst_idtable.moc"
