// AccountsPage against the real service: unchecking an account in the table disables it in the
// pool so requests stop going to it (and re-enabling brings it back); the strategy selector, the
// toggle button and delete act on the service; state and quota follow the service's updates.
#include "itemmodels/accountsmodel.h"
#include "pages/accountspage.h"
#include "guifixture.h"
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
};

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
