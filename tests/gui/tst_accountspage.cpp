// AccountsPage against the real service: unchecking an account in the table disables it in the
// pool so requests stop going to it (and re-enabling brings it back); the strategy selector, the
// toggle button and delete act on the service; state and quota follow the service's updates.
#include "config/config.h"
#include "itemmodels/accountsmodel.h"
#include "monitor/servicemonitor.h"
#include "pages/accountspage.h"
#include "guifixture.h"
#include "service/proxyservice.h"
#include "widgets/overageaction.h"

#include <QComboBox>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestAccountsPage : public QObject
{
    Q_OBJECT

private:
    static QJsonArray twoAccounts()
    {
        return {socialAccount(QStringLiteral("alpha-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("alpha@example.com")}}),
                socialAccount(QStringLiteral("beta-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("beta@example.com")}})};
    }
    static qint64 idByName(const ServiceMonitor &m, const QString &name)
    {
        for (const Account &a : m.accounts())
            if (a.name == name)
                return a.id();
        return 0;
    }
    // Sends n requests; returns the account ids that served them.
    static QList<qint64> serve(GuiFixture &f, int n)
    {
        const qsizetype before = f.proxy.records.size();
        for (int i = 0; i < n; ++i) {
            const HttpResult r = f.proxy.messages(QStringLiteral("hello %1").arg(i), false);
            if (r.status != 200)
                qWarning() << "request failed" << r.status << r.body;
        }
        if (!QTest::qWaitFor([&] { return f.proxy.records.size() >= before + n; }, 10000))
            qWarning() << "not every request was recorded";
        QList<qint64> ids;
        for (qsizetype i = before; i < f.proxy.records.size(); ++i)
            ids.append(f.proxy.records.at(i).accountId);
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    // At the default window size, and in a narrower one, the table fits without scrolling sideways
    // and the quota is not elided, however many models the accounts' catalogues list (here known
    // before the page opens, as they are at start-up: the pool keeps them). In the narrow window the
    // Models column gives up its width to the quota.
    void quotaReadableBesideALongModelList_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("default window") << 1000;
        QTest::newRow("narrow window") << 760;
    }

    void quotaReadableBesideALongModelList()
    {
        QFETCH(int, width);
        GuiFixture f;
        QVERIFY(f.start(twoAccounts(), [](Config &c) { c.modelRefreshHours = 24; }));   // a refresh reads the catalogues too
        f.proxy.service->refreshQuota(0);
        const auto catalogued = [&] {
            const QList<Account> accounts = f.monitor.accounts();
            return accounts.size() == 2 && AccountsModel::modelsText(accounts.at(0).models).size() > 60 && accounts.at(0).quota.known;
        };
        QTRY_VERIFY_WITH_TIMEOUT(catalogued(), 10000);

        AccountsPage page(&f.monitor);
        page.resize(width, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView *table = page.table();
        // The amount and what is left must show whole; the reset date after them may be elided (the
        // tooltip has it).
        const QString quota = page.model()->index(0, AccountsModel::QuotaColumn).data().toString().section(QStringLiteral(" · "), 0, 0);
        QVERIFY2(quota.contains(QStringLiteral("16.87 / 650")), qPrintable(quota));
        const int charWidth = table->fontMetrics().averageCharWidth();
        if (width >= 1000)
            QTRY_VERIFY(table->columnWidth(AccountsModel::ModelsColumn) > charWidth * 20);   // fitted, not squeezed
        const auto total = [&] {
            int sum = 0;
            for (int c = 0; c < AccountsModel::ColumnCount; ++c)
                sum += table->columnWidth(c);
            return sum;
        };
        const int quotaNeeds = table->fontMetrics().horizontalAdvance(quota) + 24;
        QTRY_VERIFY2(table->columnWidth(AccountsModel::QuotaColumn) >= quotaNeeds && total() <= table->viewport()->width(),
                     qPrintable(QStringLiteral("quota %1 for \"%2\", columns %3 in %4")
                                    .arg(table->columnWidth(AccountsModel::QuotaColumn)).arg(quota).arg(total()).arg(table->viewport()->width())));
        QVERIFY(table->columnWidth(AccountsModel::ModelsColumn) >= charWidth * 12);
        QVERIFY(page.model()->index(0, AccountsModel::ModelsColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("claude")));
    }

    // A catalogue read after the page opened widens the Models column from "Not read yet" (up to
    // its cap); before, columns were fitted only when rows came or went.
    void modelsColumnFollowsACatalogueReadLater()
    {
        Config config;   // no data directory: the service is not started, its signals are sent here
        ProxyService service(config);
        ServiceMonitor monitor;
        monitor.setService(&service);
        QTRY_VERIFY(monitor.accountsKnown());
        Account a;
        a.credential.id = 1;
        a.credential.email = QStringLiteral("alpha@example.com");
        a.credential.authMethod = AuthMethod::Social;
        a.name = a.credential.email;
        a.state = AccountState::Active;
        Q_EMIT service.accountsUpdated({a}, QStringLiteral("round-robin"));

        AccountsPage page(&monitor);
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView *table = page.table();
        QTRY_COMPARE(page.model()->rowCount(), 1);
        const int charWidth = table->fontMetrics().averageCharWidth();
        QTRY_VERIFY(table->columnWidth(AccountsModel::ModelsColumn) > 0);
        QVERIFY(table->columnWidth(AccountsModel::ModelsColumn) < charWidth * 20);   // "Not read yet"

        for (const char *id : {"claude-opus-4.6", "claude-sonnet-4.5", "claude-haiku-4.5", "deepseek-3.2", "auto"}) {
            KiroModel m;
            m.id = QString::fromLatin1(id);
            a.models.models.append(m);
        }
        a.models.fetchedAt = QDateTime::currentDateTimeUtc();
        Q_EMIT service.accountsPatched({a});
        QTRY_VERIFY(table->columnWidth(AccountsModel::ModelsColumn) > charWidth * 25);
        QVERIFY(table->columnWidth(AccountsModel::ModelsColumn) <= charWidth * 32);   // the cap still holds
    }

    void disablingInTheTableStopsItsUse()
    {
        GuiFixture f;
        QVERIFY(f.start(twoAccounts()));
        AccountsPage page(&f.monitor);
        page.show();
        QCOMPARE(page.model()->rowCount(), 2);
        const qint64 alpha = idByName(f.monitor, QStringLiteral("alpha@example.com"));
        const qint64 beta = idByName(f.monitor, QStringLiteral("beta@example.com"));
        QVERIFY(alpha && beta);

        // Round robin: both accounts serve before anything is disabled (so the check below can fail).
        page.strategyBox()->setCurrentIndex(page.strategyBox()->findData(QStringLiteral("round-robin")));
        Q_EMIT page.strategyBox()->activated(page.strategyBox()->currentIndex());
        QTRY_COMPARE(f.monitor.strategy(), QStringLiteral("round-robin"));
        const QList<qint64> before = serve(f, 4);
        QVERIFY2(before.contains(alpha) && before.contains(beta), qPrintable(QString::number(before.size())));

        // Uncheck alpha's row, as a click on its checkbox does.
        const QModelIndex alphaName = page.model()->index(page.model()->rowOf(alpha), AccountsModel::NameColumn);
        QVERIFY(page.model()->setData(alphaName, Qt::Unchecked, Qt::CheckStateRole));
        QTRY_VERIFY(!f.monitor.accounts().isEmpty() && !AccountsModel::isEnabled(*page.model()->account(alpha)));
        QCOMPARE(page.model()->data(page.model()->index(page.model()->rowOf(alpha), 0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(page.model()->data(page.model()->index(page.model()->rowOf(alpha), AccountsModel::StateColumn)).toString(),
                 QStringLiteral("Disabled"));

        const QList<qint64> after = serve(f, 6);
        QCOMPARE(after.size(), 6);
        QCOMPARE(after.count(beta), 6);

        // The toggle button enables it again.
        page.selectAccount(alpha);
        QCOMPARE(page.selectedId(), alpha);
        page.toggleSelected();
        QTRY_VERIFY(AccountsModel::isEnabled(*page.model()->account(alpha)));
        QVERIFY(serve(f, 4).contains(alpha));
    }

    void strategyAndDelete()
    {
        GuiFixture f;
        QVERIFY(f.start(twoAccounts()));
        AccountsPage page(&f.monitor);
        const int priority = page.strategyBox()->findData(QStringLiteral("priority"));
        QVERIFY(priority >= 0);
        page.strategyBox()->setCurrentIndex(priority);
        Q_EMIT page.strategyBox()->activated(priority);
        QTRY_COMPARE(f.monitor.strategy(), QStringLiteral("priority"));

        const qint64 beta = idByName(f.monitor, QStringLiteral("beta@example.com"));
        page.selectAccount(beta);
        page.deleteSelected(true);
        QTRY_COMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->rowOf(beta), -1);
        const QList<qint64> served = serve(f, 2);
        QVERIFY(!served.contains(beta));
    }

    void quotaRefreshShowsInTheTable()
    {
        GuiFixture f;
        QVERIFY(f.start(twoAccounts()));
        AccountsPage page(&f.monitor);
        page.refreshAll();
        // The fake reports 12.37 of 50 used plus a trial (3.5 of 500) and a bonus (1 of 100): 16.87 of 650, green.
        QTRY_VERIFY_WITH_TIMEOUT(f.monitor.accounts().size() == 2 && f.monitor.accounts().at(0).quota.known
                                     && f.monitor.accounts().at(1).quota.known, 10000);
        for (int row = 0; row < 2; ++row) {
            const QModelIndex quota = page.model()->index(row, AccountsModel::QuotaColumn);
            QCOMPARE(page.model()->data(quota, AccountsModel::QuotaLevelRole).toString(), QStringLiteral("green"));
            QVERIFY2(page.model()->data(quota).toString().contains(QStringLiteral("16.87 / 650")), qPrintable(page.model()->data(quota).toString()));
        }
    }

    // The overage column shows Kiro's setting; the context menu's action turns it on (confirmed) and off
    // at the fake through the service, and the column follows.
    void overageToggle()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(QStringLiteral("gamma-refresh-token-0123456789abcdef"))}));
        AccountsPage page(&f.monitor);
        page.refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(f.monitor.accounts().size() == 1 && f.monitor.accounts().at(0).quota.known, 10000);
        const QModelIndex overage = page.model()->index(0, AccountsModel::OverageColumn);
        QCOMPARE(page.model()->headerData(AccountsModel::OverageColumn, Qt::Horizontal).toString(), QStringLiteral("Overage"));
        QCOMPARE(page.model()->data(overage).toString(), QStringLiteral("Off"));
        QVERIFY(page.model()->data(overage, Qt::ToolTipRole).toString().contains(QStringLiteral("0.040")));
        QCOMPARE(OverageAction::menuText(f.monitor.accounts().at(0)), QStringLiteral("Turn overage on…"));

        QSignalSpy finished(page.overage(), &OverageAction::finished);
        QVERIFY(page.overage()->toggle(f.monitor.accounts().at(0), true));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(f.proxy.fake.overage.status, QStringLiteral("ENABLED"));
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->data(page.model()->index(0, AccountsModel::OverageColumn)).toString(),
                                  QStringLiteral("On, %1 of %2 USD").arg(QLocale().toString(1.2, 'f', 2), QLocale().toString(100.0, 'f', 2)), 10000);
        QCOMPARE(OverageAction::menuText(f.monitor.accounts().at(0)), QStringLiteral("Turn overage off"));

        QVERIFY(page.overage()->toggle(f.monitor.accounts().at(0), false));   // off asks nothing
        QVERIFY(finished.wait(10000));
        QCOMPARE(f.proxy.fake.overage.status, QStringLiteral("DISABLED"));
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->data(page.model()->index(0, AccountsModel::OverageColumn)).toString(),
                                  QStringLiteral("Off"), 10000);
    }

    // Through the real service: one account's edit reaches the page as that account alone
    // (ServiceMonitor::accountsUpdated, not the whole list) and repaints its row only; a removal
    // removes one row; the selection stays on its account.
    void oneAccountsChangeIsOneRow()
    {
        const int n = 200;
        QJsonArray list;
        for (int i = 0; i < n; ++i)
            list.append(socialAccount(QStringLiteral("row-%1-refresh-token-0123456789abcdef").arg(i),
                                      {{QStringLiteral("email"), QStringLiteral("row%1@example.com").arg(i)}}));
        GuiFixture f;
        QVERIFY(f.start(list, [](Config &c) {
            c.quotaRefreshMinutes = 0;
            c.modelRefreshHours = 0;
        }));
        AccountsPage page(&f.monitor);
        page.show();
        QTRY_COMPARE(page.model()->rowCount(), n);
        // A whole list the core sends after this change has come: nothing from the start is on its way.
        f.proxy.service->setStrategy(QStringLiteral("least-used"));
        QTRY_COMPARE(f.monitor.strategy(), QStringLiteral("least-used"));
        const qint64 edited = page.model()->accounts().at(120).id();
        const qint64 removed = page.model()->accounts().at(40).id();
        const qint64 selected = page.model()->accounts().at(150).id();
        page.selectAccount(selected);

        QSignalSpy whole(&f.monitor, &ServiceMonitor::accountsChanged);
        QSignalSpy updated(&f.monitor, &ServiceMonitor::accountsUpdated);
        QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(page.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy gone(page.model(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
        f.proxy.service->updateAccount(edited, {QStringLiteral("Renamed"), std::nullopt, std::nullopt});
        QTRY_COMPARE(page.model()->account(edited)->name, QStringLiteral("Renamed"));
        QCOMPARE(whole.size(), 0);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.at(0).at(0).value<QList<qint64>>(), QList<qint64>{edited});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 120);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 120);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), AccountsModel::ColumnCount - 1);
        QCOMPARE(page.model()->data(page.model()->index(120, AccountsModel::NameColumn)).toString(), QStringLiteral("Renamed"));
        QCOMPARE(inserted.size() + gone.size() + reset.size(), 0);
        QCOMPARE(page.selectedId(), selected);

        f.proxy.service->removeAccount(removed);
        QTRY_COMPARE(page.model()->rowCount(), n - 1);
        QCOMPARE(gone.size(), 1);
        QCOMPARE(gone.at(0).at(1).toInt(), 40);
        QCOMPARE(gone.at(0).at(2).toInt(), 40);
        QCOMPARE(inserted.size() + reset.size(), 0);
        QCOMPARE(page.model()->rowOf(removed), -1);
        for (int row = 0; row < n - 1; ++row)
            QCOMPARE(page.model()->rowOf(f.monitor.accounts().at(row).id()), row);
        QCOMPARE(page.selectedId(), selected);
        QCOMPARE(page.model()->rowOf(selected), 149);
    }

    // 10,000 accounts, the service's signals sent by the test: a patch changes the rows it names (and
    // nothing else, neighbours signalled together) and keeps the selection; a whole list then removes
    // and inserts; a patch naming an account the page does not know asks the service for the whole list.
    void tenThousandAccounts()
    {
        qunsetenv("REFRESH_TOKEN");
        Config config;
        config.credentialsFile = QStringLiteral("/nonexistent/credentials.json");
        ProxyService service(config);
        ServiceMonitor monitor;
        monitor.setService(&service);
        QTRY_VERIFY(monitor.accountsKnown());   // the empty pool's answer: nothing else comes unasked
        AccountsPage page(&monitor);
        page.show();

        QList<Account> accounts;
        for (int i = 1; i <= 10000; ++i) {
            Account a;
            a.credential.id = i;
            a.name = QStringLiteral("account %1").arg(i);
            a.state = AccountState::Active;
            accounts.append(a);
        }
        Q_EMIT service.accountsUpdated(accounts, QStringLiteral("round-robin"));
        QCOMPARE(page.model()->rowCount(), 10000);
        page.selectAccount(5001);
        QCOMPARE(page.selectedId(), 5001);

        QSignalSpy whole(&monitor, &ServiceMonitor::accountsChanged);
        QSignalSpy updated(&monitor, &ServiceMonitor::accountsUpdated);
        QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
        accounts[5000].state = AccountState::Cooldown;
        accounts[5000].cooldownUntil = QDateTime::currentDateTimeUtc().addSecs(600);
        accounts[5001].requestCount = 7;
        accounts[20].errorCount = 2;
        Q_EMIT service.accountsPatched({accounts.at(5001), accounts.at(20), accounts.at(5000)});
        QCOMPARE(whole.size(), 0);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{5002, 21, 5001}));
        QList<std::pair<int, int>> ranges;
        for (const QList<QVariant> &args : std::as_const(changed))
            ranges.append({args.at(0).toModelIndex().row(), args.at(1).toModelIndex().row()});
        QCOMPARE(ranges, (QList<std::pair<int, int>>{{20, 20}, {5000, 5001}}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(monitor.account(5001)->state, AccountState::Cooldown);
        QVERIFY(page.model()->data(page.model()->index(5000, AccountsModel::StateColumn)).toString().startsWith(QStringLiteral("Cooling down")));
        QCOMPARE(page.model()->data(page.model()->index(5001, AccountsModel::RequestsColumn)).toInt(), 7);
        QCOMPARE(page.selectedId(), 5001);

        accounts.removeAt(10);
        accounts.append(accounts.last());
        accounts.last().credential.id = 20000;
        Q_EMIT service.accountsUpdated(accounts, QStringLiteral("round-robin"));
        QCOMPARE(page.model()->rowCount(), 10000);
        QCOMPARE(reset.size(), 0);
        for (int row = 0; row < accounts.size(); ++row)
            QCOMPARE(page.model()->rowOf(accounts.at(row).id()), row);
        QCOMPARE(page.model()->rowOf(11), -1);
        QCOMPARE(page.selectedId(), 5001);
        QCOMPARE(page.model()->rowOf(5001), 4999);

        Account stranger = accounts.first(), another = accounts.first();
        stranger.credential.id = 30000;
        another.credential.id = 30001;
        whole.clear();
        QSignalSpy asked(&service, &ProxyService::accountsUpdated);
        Q_EMIT service.accountsPatched({stranger, another});
        QTRY_COMPARE(whole.size(), 1);   // the service's own (empty) pool, asked for once
        QCOMPARE(page.model()->rowCount(), 0);
        // The proxy thread answers in order: after this query's answer no other whole list is coming.
        QSignalSpy stats(&service, &ProxyService::statsReady);
        service.queryStats(-77);
        QTRY_VERIFY(!stats.isEmpty() && stats.last().at(0).toInt() == -77);
        QCOMPARE(asked.size(), 1);
    }
};

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
