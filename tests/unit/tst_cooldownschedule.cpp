// CooldownSchedule: the first end, the accounts whose cooldown has ended in the order they end,
// moved and removed entries, and a cooldown without an end (over at once).
#include "pool/cooldownschedule.h"

#include <QTimeZone>
#include <QtTest>

using namespace kt;

namespace {

QDateTime at(qint64 seconds)
{
    return QDateTime::fromMSecsSinceEpoch(1'800'000'000'000 + seconds * 1000, QTimeZone::utc());
}

} // namespace

class TestCooldownSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsInOrder()
    {
        CooldownSchedule s;
        QCOMPARE(s.first(), std::nullopt);
        QVERIFY(s.endedBy(at(1000)).isEmpty());
        s.set(1, at(30));
        s.set(2, at(10));
        s.set(3, at(20));
        s.set(4, at(10));   // the same end: by id
        QCOMPARE(s.size(), 4);
        QCOMPARE(s.first(), std::optional<QDateTime>(at(10)));
        QVERIFY(s.endedBy(at(10).addMSecs(-1)).isEmpty());   // not a millisecond early
        QCOMPARE(s.endedBy(at(10)), (QList<qint64>{2, 4}));   // at the end itself: over
        QCOMPARE(s.endedBy(at(25)), (QList<qint64>{2, 4, 3}));
        QCOMPARE(s.endedBy(at(1000)), (QList<qint64>{2, 4, 3, 1}));
    }

    void movedAndRemoved()
    {
        CooldownSchedule s;
        s.set(1, at(10));
        s.set(2, at(20));
        s.set(1, at(30));   // extended: moves behind 2
        QCOMPARE(s.size(), 2);
        QCOMPARE(s.first(), std::optional<QDateTime>(at(20)));
        QCOMPARE(s.endedBy(at(30)), (QList<qint64>{2, 1}));
        s.set(1, at(30));   // unchanged
        QCOMPARE(s.size(), 2);
        s.remove(2);
        s.remove(99);   // not there: nothing
        QCOMPARE(s.endedBy(at(100)), QList<qint64>{1});
        s.remove(1);
        QCOMPARE(s.first(), std::nullopt);
        QCOMPARE(s.size(), 0);
        s.set(5, at(5));
        s.clear();
        QCOMPARE(s.size(), 0);
        QVERIFY(s.endedBy(at(100)).isEmpty());
    }

    void noEndIsOverAtOnce()
    {
        CooldownSchedule s;
        s.set(1, at(10));
        s.set(2, QDateTime());
        QCOMPARE(s.first(), std::optional<QDateTime>(QDateTime()));
        QCOMPARE(s.endedBy(at(0)), QList<qint64>{2});
        s.set(2, at(5));
        QCOMPARE(s.endedBy(at(7)), QList<qint64>{2});
    }
};

QTEST_GUILESS_MAIN(TestCooldownSchedule)
#include "tst_cooldownschedule.moc"
