// The two AccountReadings against the fake Kiro. QuotaScheduler: a reading reaches the pool (read())
// before the caller, a refused access token is refreshed and the reading tried once more, "all" skips
// disabled accounts, an unknown account is an error at once. ModelCatalogues: accounts never read are
// read as soon as they arrive (not when the refresh is off, not disabled ones), an empty catalogue is
// an error. The schedule itself is tst_staggeredrefresh's.
#include "pool/modelcatalogues.h"
#include "pool/quotascheduler.h"

#include "config/config.h"
#include "fakekiroserver.h"
#include "pool/poolaccounts.h"
#include "pool/tokenbroker.h"
#include "upstream/networkmanagerpool.h"

#include <QJsonArray>
#include <QtTest>

using namespace kt;

namespace {

Account account(qint64 id, AccountState state = AccountState::Active, const QString &access = {})
{
    Account a;
    a.credential.id = id;
    a.credential.refreshToken = QStringLiteral("readings-refresh-token-%1-0123456789").arg(id);
    a.credential.accessToken = access.isEmpty() ? QStringLiteral("valid-access-%1").arg(id) : access;
    a.credential.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    a.state = state;
    return a;
}

} // namespace

class TestAccountReadings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotaReadingsReachThePoolFirst()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        Config config;
        config.apiBaseUrl = fake.baseUrl();
        config.socialAuthBaseUrl = fake.baseUrl();
        NetworkManagerPool network;
        PoolAccounts accounts(config);
        accounts.replace({account(1, AccountState::Active, QStringLiteral("expired-access-1")), account(2),
                          account(3, AccountState::Disabled)});
        TokenBroker tokens(config, &network, accounts);
        QuotaScheduler quota(config, &network, accounts, tokens, 2);
        quota.accountsChanged();
        QList<QPair<qint64, bool>> reads;
        connect(&quota, &QuotaScheduler::read, this, [&](qint64 id, const QuotaFetchResult &r) { reads.append({id, r.ok}); });

        std::optional<bool> ok;
        quota.refresh(1, [&](bool success, const QString &) {
            QCOMPARE(reads.size(), 1);
            ok = success;
        });
        QTRY_VERIFY_WITH_TIMEOUT(ok.has_value(), 30000);
        QVERIFY(*ok);
        QCOMPARE(reads, (QList<QPair<qint64, bool>>{{1, true}}));   // the refused attempt is not a reading
        QCOMPARE(fake.refreshCount(), 1);
        QCOMPARE(fake.requests("/getUsageLimits").size(), 2);
        QVERIFY(accounts.find(1)->credential.accessToken.startsWith(QStringLiteral("fake-access-")));

        reads.clear();
        quota.refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(reads.size() == 2, 30000);
        QCOMPARE(fake.requests("/getUsageLimits").size(), 4);
        QList<qint64> ids{reads.at(0).first, reads.at(1).first};
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, QList<qint64>({1, 2}));   // not the disabled one

        QString error;
        quota.refresh(99, [&](bool, const QString &e) { error = e; });
        QCOMPARE(error, QStringLiteral("no account with id 99"));
    }

    void newAccountsHaveTheirModelsReadAtOnce()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        Config config;
        config.apiBaseUrl = fake.baseUrl();
        NetworkManagerPool network;
        PoolAccounts accounts(config);
        TokenBroker tokens(config, &network, accounts);
        ModelCatalogues models(config, &network, accounts, tokens, 4);
        QList<QPair<qint64, ModelListResult>> reads;
        connect(&models, &ModelCatalogues::read, this, [&](qint64 id, const ModelListResult &r) { reads.append({id, r}); });

        accounts.replace({account(1), account(2, AccountState::Disabled)});
        models.setPeriodHours(0);
        models.accountsChanged();   // off: nothing read (checked below by the number of list calls)

        models.setPeriodHours(6);
        models.accountsChanged();
        QTRY_VERIFY_WITH_TIMEOUT(reads.size() == 1, 30000);
        QCOMPARE(reads.at(0).first, 1);
        QVERIFY(reads.at(0).second.ok);
        QVERIFY(!reads.at(0).second.catalogue.models.isEmpty());
        QCOMPARE(fake.requests("/ListAvailableModels").size() + fake.requests("/").size(), reads.at(0).second.pages);
        accounts.find(1)->models = reads.at(0).second.catalogue;
        models.accountsChanged();   // read now: not again
        QCOMPARE(reads.size(), 1);

        fake.setDefaultModelCatalogue(QJsonArray());
        std::optional<QString> error;
        models.refresh(1, [&](bool ok, const QString &e) {
            QCOMPARE(reads.size(), 2);
            error = ok ? QString() : e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 30000);
        QCOMPARE(*error, QStringLiteral("the model list is empty"));
        QVERIFY(!reads.at(1).second.ok);
    }
};

QTEST_GUILESS_MAIN(TestAccountReadings)
#include "tst_accountreadings.moc"
