// AccountSelector's index against the O(n) rule it replaces: after random changes of state, cooldowns,
// quota, priorities, counts, tried accounts and model subsets, every strategy picks what scan() picks
// (Random: an eligible account, uniformly). At 10,000 accounts: each strategy's spread, the model
// subsets, cooldowns coming back as time passes, and the number of accounts a pick examines.
#include "pool/accountselector.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace kt;

namespace {

const QDateTime Start = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000LL, Qt::UTC);

QList<Account> pool(int n)
{
    QList<Account> accounts;
    accounts.reserve(n);
    for (int i = 1; i <= n; ++i) {
        Account a;
        a.credential.id = i;
        accounts.append(a);
    }
    return accounts;
}

void setQuota(Account &a, bool exhausted, const QDateTime &resetAt)
{
    a.quota = QuotaInfo();
    if (!exhausted)
        return;
    a.quota.known = true;
    a.quota.used = 10;
    a.quota.limit = 10;
    a.quota.resetAt = resetAt;
}

// One random change to one account, of the kinds the pool makes.
void mutate(Account &a, QRandomGenerator &random, const QDateTime &now)
{
    switch (random.bounded(8)) {
    case 0: a.state = AccountState::Active; a.cooldownUntil = {}; break;
    case 1: a.state = AccountState::Cooldown; a.cooldownUntil = now.addMSecs(random.bounded(-5000, 20000)); break;
    case 2: a.state = AccountState::Invalid; break;
    case 3: a.state = AccountState::Disabled; break;
    case 4: a.credential.disabled = !a.credential.disabled; break;
    case 5: setQuota(a, random.bounded(2) == 0, random.bounded(3) == 0 ? QDateTime() : now.addMSecs(random.bounded(-5000, 20000))); break;
    case 6: a.overageEnabled = !a.overageEnabled; break;
    case 7: a.credential.priority = random.bounded(4); break;
    }
}

} // namespace

class TestAccountSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithTheScan_data()
    {
        QTest::addColumn<PoolStrategy>("strategy");
        QTest::newRow("round-robin") << PoolStrategy::RoundRobin;
        QTest::newRow("least-used") << PoolStrategy::LeastUsed;
        QTest::newRow("priority") << PoolStrategy::Priority;
        QTest::newRow("random") << PoolStrategy::Random;
    }

    void agreesWithTheScan()
    {
        QFETCH(PoolStrategy, strategy);
        QRandomGenerator random(24);
        QList<Account> accounts = pool(300);
        AccountSelector indexed, plain;
        indexed.setStrategy(strategy);
        plain.setStrategy(strategy);
        indexed.reset(accounts);
        QSet<qint64> opus, sonnet;   // two model subsets, as the model index gives them
        for (const Account &a : std::as_const(accounts))
            (a.id() % 3 == 0 ? opus : sonnet).insert(a.id());
        QDateTime now = Start;
        int picked = 0;
        for (int step = 0; step < 4000; ++step) {
            for (int k = random.bounded(4); k > 0; --k) {
                const qsizetype i = random.bounded(int(accounts.size()));
                mutate(accounts[i], random, now);
                indexed.update(accounts, i);
            }
            if (random.bounded(10) == 0)
                now = now.addMSecs(random.bounded(0, 3000));
            QSet<qint64> tried;
            for (int k = random.bounded(3); k > 0; --k)
                tried.insert(random.bounded(1, 301));
            const int which = random.bounded(3);
            const QSet<qint64> *allowed = which == 0 ? nullptr : which == 1 ? &opus : &sonnet;
            const QString key = which == 0 ? QString() : which == 1 ? QStringLiteral("opus") : QStringLiteral("sonnet");
            const auto got = indexed.pick(accounts, tried, now, allowed, nullptr, key);
            if (strategy == PoolStrategy::Random) {
                const bool any = plain.scan(accounts, tried, now, allowed, nullptr).has_value();
                QCOMPARE(got.has_value(), any);
                if (got) {
                    const Account &a = accounts.at(*got);
                    QVERIFY(a.isSelectable(now) && !tried.contains(a.id()) && (!allowed || allowed->contains(a.id())));
                }
            } else {
                const auto expected = plain.scan(accounts, tried, now, allowed, nullptr);
                QCOMPARE(got, expected);
            }
            if (got) {   // the pool counts the request, and says so
                ++picked;
                ++accounts[*got].requestCount;
                indexed.update(accounts, *got);
            }
        }
        QVERIFY2(picked > 1000, qPrintable(QString::number(picked)));   // the states left enough to pick from
    }

    // The order by request count is kept only while least used is the strategy: switching to it and
    // away, with served requests told through counted() and other changes through update(), every
    // pick still agrees with the scan.
    void strategySwitchesAndCountedRequestsAgreeWithTheScan()
    {
        QRandomGenerator random(2412);
        QList<Account> accounts = pool(200);
        AccountSelector indexed, plain;
        indexed.reset(accounts);
        const PoolStrategy cycle[] = {PoolStrategy::RoundRobin, PoolStrategy::LeastUsed, PoolStrategy::Priority, PoolStrategy::LeastUsed};
        QDateTime now = Start;
        int picked = 0, leastUsedPicks = 0;
        for (int step = 0; step < 3000; ++step) {
            if (step % 150 == 0) {
                const PoolStrategy s = cycle[(step / 150) % 4];
                indexed.setStrategy(s);
                plain.setStrategy(s);
            }
            if (random.bounded(5) == 0) {
                const qsizetype i = random.bounded(int(accounts.size()));
                mutate(accounts[i], random, now);
                indexed.update(accounts, i);
            }
            if (random.bounded(10) == 0)
                now = now.addMSecs(random.bounded(0, 3000));
            const auto got = indexed.pick(accounts, {}, now);
            QCOMPARE(got, plain.scan(accounts, {}, now, {}, nullptr));
            if (got) {
                QCOMPARE(indexed.examined(), 1);   // the index answered, not the scan behind it
                ++picked;
                leastUsedPicks += indexed.strategy() == PoolStrategy::LeastUsed ? 1 : 0;
                Account &a = accounts[*got];
                a.requestCount += 1 + random.bounded(2);
                indexed.counted(*got, a.id(), a.requestCount);
            }
        }
        QVERIFY2(picked > 1500 && leastUsedPicks > 700, qPrintable(QStringLiteral("%1 %2").arg(picked).arg(leastUsedPicks)));
        // counted() for a position that no longer holds that id: the index is rebuilt, not misled.
        indexed.setStrategy(PoolStrategy::LeastUsed);
        plain.setStrategy(PoolStrategy::LeastUsed);
        QCOMPARE(indexed.pick(accounts, {}, now), plain.scan(accounts, {}, now, {}, nullptr));   // built for least used
        accounts.move(0, 1);
        Account &first = accounts[0];
        first.state = AccountState::Active;
        first.credential.disabled = false;
        first.quota = QuotaInfo();
        first.requestCount = -1;   // the least used by far
        indexed.counted(0, first.id(), first.requestCount);
        QCOMPARE(indexed.pick(accounts, {}, now), std::optional<qsizetype>(0));
    }

    void accountsAddedOrRemovedRebuildTheIndex()
    {
        QList<Account> accounts = pool(5);
        AccountSelector selector;
        selector.setStrategy(PoolStrategy::Priority);
        selector.reset(accounts);
        Account best;
        best.credential.id = 99;
        best.credential.priority = -1;
        accounts.append(best);   // no update(): the size tells
        QCOMPARE(selector.pick(accounts, {}, Start), std::optional<qsizetype>(5));
        accounts.removeFirst();
        accounts[0].credential.priority = -2;
        selector.update(accounts, 0);   // positions moved: the selector notices the id
        QCOMPARE(selector.pick(accounts, {}, Start), std::optional<qsizetype>(0));
    }

    void staleIndexStillAnswersRight()
    {
        QList<Account> accounts = pool(4);
        AccountSelector selector;
        selector.reset(accounts);
        for (Account &a : accounts)
            a.state = AccountState::Invalid;   // not told
        QVERIFY(!selector.pick(accounts, {}, Start));
        accounts[2].state = AccountState::Active;   // not told either: the scan finds it
        QCOMPARE(selector.pick(accounts, {}, Start), std::optional<qsizetype>(2));
    }

    void tenThousandAccounts_data()
    {
        agreesWithTheScan_data();
    }

    void tenThousandAccounts()
    {
        QFETCH(PoolStrategy, strategy);
        constexpr int N = 10000;
        QList<Account> accounts = pool(N);
        for (int i = 0; i < N; ++i)
            accounts[i].credential.priority = i % 100 == 42 ? 0 : 1;   // 100 accounts come first by priority
        AccountSelector selector;
        selector.setStrategy(strategy);
        selector.seed(7);
        selector.reset(accounts);
        QHash<qint64, int> counts;
        qint64 examined = 0;
        for (int k = 0; k < 2 * N; ++k) {
            const auto i = selector.pick(accounts, {}, Start);
            QVERIFY(i);
            examined += selector.examined();
            ++counts[accounts.at(*i).id()];
            ++accounts[*i].requestCount;
            selector.update(accounts, *i);
        }
        QCOMPARE(examined, qint64(2 * N));   // one candidate looked at per pick, never a walk through the pool
        switch (strategy) {
        case PoolStrategy::RoundRobin:
        case PoolStrategy::LeastUsed:
            QCOMPARE(counts.size(), N);   // everyone twice, in turn
            for (int c : std::as_const(counts))
                QCOMPARE(c, 2);
            break;
        case PoolStrategy::Priority:
            QCOMPARE(counts.size(), 1);   // ties go to the first in pool order
            QCOMPARE(counts.begin().key(), qint64(43));
            break;
        case PoolStrategy::Random: {
            // 20,000 uniform draws over 10,000: about 86 % of the accounts are drawn at least once.
            QVERIFY2(counts.size() > 8300 && counts.size() < 8950, qPrintable(QString::number(counts.size())));
            int most = 0;
            for (int c : std::as_const(counts))
                most = std::max(most, c);
            QVERIFY2(most <= 12, qPrintable(QString::number(most)));
            break;
        }
        }
    }

    void tenThousandAccountsWithCooldownsAndModels()
    {
        constexpr int N = 10000;
        QList<Account> accounts = pool(N);
        AccountSelector selector;
        selector.reset(accounts);
        QSet<qint64> offering;   // one account in 50 offers the model
        for (int i = 0; i < N; ++i) {
            if (i % 50 == 0)
                offering.insert(accounts.at(i).id());
            if (i % 2 == 1) {   // half cool down for a minute
                accounts[i].state = AccountState::Cooldown;
                accounts[i].cooldownUntil = Start.addSecs(60);
                selector.update(accounts, i);
            }
        }
        QSet<qint64> seen;
        for (int k = 0; k < N / 2; ++k) {
            const auto i = selector.pick(accounts, {}, Start);
            QVERIFY(i && *i % 2 == 0);
            QCOMPARE(selector.examined(), 1);
            seen.insert(*i);
        }
        QCOMPARE(seen.size(), N / 2);
        QSet<qint64> models;
        for (int k = 0; k < 2 * offering.size(); ++k) {
            const auto i = selector.pick(accounts, {}, Start, &offering, nullptr, QStringLiteral("rare-model"));
            QVERIFY(i && offering.contains(accounts.at(*i).id()));
            QCOMPARE(selector.examined(), 1);
            models.insert(*i);
        }
        QCOMPARE(models.size(), offering.size());
        // A minute later the cooled-down ones are back, in turn, without anyone telling the selector.
        const QDateTime later = Start.addSecs(60);
        QSet<qint64> back;
        for (int k = 0; k < N; ++k) {
            const auto i = selector.pick(accounts, {}, later);
            QVERIFY(i);
            back.insert(*i);
        }
        QCOMPARE(back.size(), N);
    }
};

QTEST_GUILESS_MAIN(TestAccountSelector)
#include "tst_accountselector.moc"
