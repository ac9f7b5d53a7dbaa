// PoolAccounts: lookup by id and by identity through appends, replacements, rotated tokens and
// removals (order kept), which
// accounts the background readings may use, and machine ids forgotten with their account.
#include "pool/poolaccounts.h"

#include "config/config.h"

#include <QtTest>

using namespace kt;

namespace {

Account account(qint64 id, AccountState state = AccountState::Active)
{
    Account a;
    a.credential.id = id;
    a.credential.refreshToken = QStringLiteral("accounts-refresh-token-%1-0123456789").arg(id);
    a.state = state;
    return a;
}

} // namespace

class TestPoolAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookupFollowsEveryChange()
    {
        Config config;
        PoolAccounts accounts(config);
        QVERIFY(accounts.isEmpty());
        QCOMPARE(accounts.find(1), nullptr);
        accounts.replace({account(10), account(20), account(30)});
        accounts.append(account(40));
        QCOMPARE(accounts.size(), 4);
        for (qint64 id : {10, 20, 30, 40}) {
            QVERIFY(accounts.find(id));
            QCOMPARE(accounts.find(id)->id(), id);
            QCOMPARE(accounts.at(*accounts.indexOf(id)).id(), id);
        }
        QVERIFY(accounts.remove(20));
        QVERIFY(!accounts.remove(20));
        QCOMPARE(accounts.find(20), nullptr);
        QCOMPARE(accounts.indexOf(20), std::nullopt);
        QList<qint64> order;
        for (const Account &a : std::as_const(accounts))
            order.append(a.id());
        QCOMPARE(order, QList<qint64>({10, 30, 40}));
        QCOMPARE(*accounts.indexOf(40), qsizetype(2));
        accounts.find(30)->name = QStringLiteral("renamed");
        QCOMPARE(accounts.list().at(1).name, QStringLiteral("renamed"));
        accounts.replace({account(5)});
        QCOMPARE(accounts.find(10), nullptr);
        QCOMPARE(*accounts.indexOf(5), qsizetype(0));
    }

    void foundByIdentityAsAddedAndAsItIsNow()
    {
        Config config;
        PoolAccounts accounts(config);
        Account first = account(1);
        first.refreshTokenHash = PoolAccounts::identity(first.credential);
        const QString added = first.refreshTokenHash;
        accounts.replace({first, account(2)});
        QCOMPARE(accounts.findByIdentity(added), std::optional<qint64>(1));
        QCOMPARE(accounts.findByIdentity(PoolAccounts::identity(account(2).credential)), std::optional<qint64>(2));
        QCOMPARE(accounts.findByIdentity(QString()), std::nullopt);
        QCOMPARE(accounts.findByIdentity(QStringLiteral("unknown")), std::nullopt);

        // A rotated refresh token: found by the new one and by the one it was added with, not by one in between.
        accounts.find(1)->credential.refreshToken = QStringLiteral("accounts-rotated-once-0123456789");
        accounts.credentialChanged(1);
        const QString between = PoolAccounts::identity(accounts.find(1)->credential);
        accounts.find(1)->credential.refreshToken = QStringLiteral("accounts-rotated-twice-0123456789");
        accounts.credentialChanged(1);
        QCOMPARE(accounts.findByIdentity(PoolAccounts::identity(accounts.find(1)->credential)), std::optional<qint64>(1));
        QCOMPARE(accounts.findByIdentity(added), std::optional<qint64>(1));
        QCOMPARE(accounts.findByIdentity(between), std::nullopt);

        Account third = account(3);
        accounts.append(third);
        QCOMPARE(accounts.findByIdentity(PoolAccounts::identity(third.credential)), std::optional<qint64>(3));
        accounts.remove(1);
        QCOMPARE(accounts.findByIdentity(added), std::nullopt);
        QCOMPARE(accounts.findByIdentity(PoolAccounts::identity(third.credential)), std::optional<qint64>(3));
    }

    void readableMeansNeitherDisabledNorSignedOut()
    {
        Config config;
        PoolAccounts accounts(config);
        accounts.replace({account(1), account(2, AccountState::Cooldown), account(3, AccountState::Disabled),
                          account(4, AccountState::Invalid)});
        QVERIFY(accounts.readable(1));
        QVERIFY(accounts.readable(2));
        QVERIFY(!accounts.readable(3));
        QVERIFY(!accounts.readable(4));
        QVERIFY(!accounts.readable(5));
    }

    void machineIdPerAccount()
    {
        Config config;
        PoolAccounts accounts(config);
        accounts.replace({account(1), account(2)});
        const QString first = accounts.machineId(1);
        QCOMPARE(first.size(), 64);
        QVERIFY(first != accounts.machineId(2));
        QCOMPARE(accounts.machineId(3), QString());
        accounts.remove(1);
        QCOMPARE(accounts.machineId(1), QString());
    }

    void nameFallsBackToTheCredential()
    {
        Account a = account(1);
        a.credential.email = QStringLiteral("someone@example.com");
        QCOMPARE(PoolAccounts::nameOf(a), QStringLiteral("someone@example.com"));
        a.name = QStringLiteral("work");
        QCOMPARE(PoolAccounts::nameOf(a), QStringLiteral("work"));
    }
};

QTEST_GUILESS_MAIN(TestPoolAccounts)
#include "tst_poolaccounts.moc"
