// StaggeredRefresh on a ManualClock: the account read or tried longest ago is fetched once its period
// passed, never twice at once; requests share one bounded queue; nothing waits on the real clock.
#include "pool/staggeredrefresh.h"
#include "util/clock.h"

#include <QTest>

#include <memory>

using namespace kt;

namespace {

const QDateTime Start(QDate(2026, 12, 6), QTime(10, 0), Qt::UTC);
constexpr qint64 Minute = 60 * 1000;

// A refresh whose fetches end only when the test says so.
struct Harness
{
    explicit Harness(int maxParallel = 2)
        : refresh(maxParallel, [this](qint64 id, StaggeredRefresh::Done done) { started.append(id); pending.append({id, std::move(done)}); },
                  [this](qint64 id) { return !ineligible.contains(id); })
    {
    }
    void finish(qint64 id, bool ok = true)
    {
        for (qsizetype i = 0; i < pending.size(); ++i) {
            if (pending.at(i).first == id) {
                const auto done = pending.takeAt(i).second;
                done(ok, ok ? QString() : QStringLiteral("failed"));
                return;
            }
        }
        QFAIL("no fetch in flight for that account");
    }

    QList<qint64> started;
    QList<QPair<qint64, StaggeredRefresh::Done>> pending;
    QSet<qint64> ineligible;
    StaggeredRefresh refresh;
};

} // namespace

class TestStaggeredRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(Start);
        m_clock->install();
    }
    void cleanup() { m_clock.reset(); }

    void neverReadComesFirstThenOldest()
    {
        Harness h;
        h.refresh.setAccounts({{1, Start.addSecs(-300)}, {2, {}}, {3, Start.addSecs(-900)}});
        h.refresh.setPeriod(10 * Minute);
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(2));
        h.refresh.tick();
        QCOMPARE(h.started, QList<qint64>({2}));
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(3));   // 15 minutes old
        h.refresh.tick();
        QCOMPARE(h.started, QList<qint64>({2, 3}));
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);   // 1 was read 5 minutes ago
        m_clock->advance(5 * Minute - 1);
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);
        m_clock->advance(1);
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(1));
    }

    void anAttemptCountsLikeAReading()
    {
        Harness h;
        h.refresh.setAccounts({{1, {}}});
        h.refresh.setPeriod(10 * Minute);
        h.refresh.tick();
        QVERIFY(h.refresh.attempted(1));
        QVERIFY(h.refresh.inFlight(1));
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);   // in flight
        h.finish(1, false);                               // failed: tried anyway, so not again at once
        QVERIFY(!h.refresh.inFlight(1));
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);
        // The attempt survives a new account list.
        h.refresh.setAccounts({{1, {}}, {2, Start}});
        QVERIFY(h.refresh.attempted(1));
        QVERIFY(!h.refresh.attempted(2));
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);
        m_clock->advance(10 * Minute);
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(1));
        // A reading newer than the attempt moves the account back.
        h.refresh.noteRead(1, m_clock->now());
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(2));
        // An account that left is forgotten.
        h.refresh.setAccounts({{2, Start}});
        QVERIFY(!h.refresh.attempted(1));
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(2));
    }

    void ineligibleAccountsAreSkipped()
    {
        Harness h;
        h.refresh.setAccounts({{1, {}}, {2, Start.addSecs(-3600)}, {3, Start}});
        h.refresh.setPeriod(10 * Minute);
        h.ineligible = {1, 2};
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);   // 3 is the oldest eligible and not due
        h.ineligible = {1};
        QCOMPARE(h.refresh.dueAccount(), std::optional<qint64>(2));
        // On demand, eligibility does not matter.
        h.refresh.request(1);
        QCOMPARE(h.started, QList<qint64>({1}));
    }

    void offWithoutPeriod()
    {
        Harness h;
        h.refresh.setAccounts({{1, {}}});
        h.refresh.setPeriod(0);
        QCOMPARE(h.refresh.dueAccount(), std::nullopt);
        QCOMPARE(h.refresh.tickIntervalMs(), 0);
        h.refresh.tick();
        QVERIFY(h.started.isEmpty());
    }

    void tickIntervalSpreadsThePeriod()
    {
        Harness h;
        h.refresh.setPeriod(60 * Minute);
        QCOMPARE(h.refresh.tickIntervalMs(), 0);   // no account
        QList<QPair<qint64, QDateTime>> accounts;
        for (qint64 id = 1; id <= 4; ++id)
            accounts.append({id, Start});
        h.refresh.setAccounts(accounts);
        QCOMPARE(h.refresh.tickIntervalMs(), 15 * Minute);
        for (qint64 id = 5; id <= 10000; ++id)
            accounts.append({id, Start});
        h.refresh.setAccounts(accounts);
        QCOMPARE(h.refresh.tickIntervalMs(), int(StaggeredRefresh::MinTickMs));
        h.refresh.setAccounts({{1, Start}});
        h.refresh.setPeriod(24 * 60 * Minute);
        QCOMPARE(h.refresh.tickIntervalMs(), int(StaggeredRefresh::MaxTickMs));
    }

    void queueIsBoundedAndOnePerAccount()
    {
        Harness h(2);
        h.refresh.setAccounts({{1, {}}, {2, {}}, {3, {}}});
        int ones = 0, threes = 0;
        h.refresh.request(1, [&](bool ok, const QString &) { ones += ok ? 1 : 100; });
        h.refresh.request(2);
        h.refresh.request(3, [&](bool ok, const QString &) { threes += ok ? 1 : 100; });
        h.refresh.request(3, [&](bool ok, const QString &) { threes += ok ? 1 : 100; });   // joins the queued one
        h.refresh.request(1, [&](bool ok, const QString &) { ones += ok ? 10 : 1000; });   // after the one in flight
        QCOMPARE(h.started, QList<qint64>({1, 2}));
        QCOMPARE(h.refresh.inFlightCount(), 2);
        QCOMPARE(h.refresh.queued(), 2);
        h.finish(1);
        QCOMPARE(ones, 1);
        QCOMPARE(h.started, QList<qint64>({1, 2, 3}));   // 3 was first in the queue
        h.finish(2);
        QCOMPARE(h.started, QList<qint64>({1, 2, 3, 1}));
        h.finish(3, false);
        QCOMPARE(threes, 200);   // both callbacks, one fetch
        h.finish(1);
        QCOMPARE(ones, 11);
        QCOMPARE(h.refresh.queued(), 0);
        QCOMPARE(h.refresh.inFlightCount(), 0);
    }

    void unknownAccounts()
    {
        Harness h(1);
        h.refresh.setAccounts({{1, {}}, {2, {}}});
        QString unknown, removed;
        h.refresh.request(3, [&](bool, const QString &e) { unknown = e; });
        QCOMPARE(unknown, QStringLiteral("no account with id 3"));
        h.refresh.request(1);
        h.refresh.request(2, [&](bool, const QString &e) { removed = e; });
        QCOMPARE(h.refresh.queued(), 1);
        h.refresh.setAccounts({{1, {}}});   // 2 leaves while it waits
        h.finish(1);
        QCOMPARE(removed, QStringLiteral("no account with id 2"));
        QCOMPARE(h.started, QList<qint64>({1}));
        QCOMPARE(h.refresh.queued(), 0);
    }

    void fetchEndingAtOnce()
    {
        int fetches = 0;
        StaggeredRefresh refresh(1, [&](qint64, StaggeredRefresh::Done done) { ++fetches; done(true, {}); }, {});
        refresh.setAccounts({{1, {}}, {2, {}}, {3, {}}});
        int done = 0;
        for (qint64 id = 1; id <= 3; ++id)
            refresh.request(id, [&](bool ok, const QString &) { done += ok; });
        QCOMPARE(fetches, 3);
        QCOMPARE(done, 3);
        QCOMPARE(refresh.inFlightCount(), 0);
        QCOMPARE(refresh.queued(), 0);
    }

    void timerTicksOnItsOwn()
    {
        Harness h;
        h.refresh.setAccounts({{1, {}}});
        h.refresh.setPeriod(1);   // the interval is MinTickMs: too long to wait for, so drive the timer's signal
        const auto timers = h.refresh.findChildren<QTimer *>();
        QCOMPARE(timers.size(), 1);
        QVERIFY(timers.first()->isActive());
        QVERIFY(QMetaObject::invokeMethod(timers.first(), "timeout", Qt::DirectConnection));
        QCOMPARE(h.started, QList<qint64>({1}));
    }

    void oldestFirstAmongTenThousand()
    {
        Harness h(4);
        QList<QPair<qint64, QDateTime>> accounts;
        for (qint64 id = 1; id <= 10000; ++id)
            accounts.append({id, Start.addMSecs(-id)});   // 10000 is the oldest
        h.refresh.setAccounts(accounts);
        h.refresh.setPeriod(10 * Minute);
        m_clock->advance(10 * Minute);
        for (int i = 0; i < 3; ++i)
            h.refresh.tick();
        QCOMPARE(h.started, QList<qint64>({10000, 9999, 9998}));
    }

private:
    std::unique_ptr<ManualClock> m_clock;
};

QTEST_GUILESS_MAIN(TestStaggeredRefresh)
#include "tst_staggeredrefresh.moc"
