// DashboardPage against the real service: status and address while running, and a request made
// through the proxy shows in today's numbers and in the hourly and per-account charts.
#include "dashboardpage.h"
#include "guifixture.h"
#include "statschart.h"

#include <QLabel>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestDashboardPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void requestShowsInNumbersAndCharts()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("dash@example.com")}})}));
        DashboardPage page(&f.monitor);
        page.resize(1000, 700);
        page.show();
        QCOMPARE(page.statusText(), QStringLiteral("Running"));
        QVERIFY(page.findChildren<QLabel *>().size() > 5);
        bool addressShown = false;
        for (QLabel *l : page.findChildren<QLabel *>())
            addressShown = addressShown || l->text() == f.proxy.service->baseUrl();
        QVERIFY(addressShown);
        QTRY_COMPARE(page.requestsTodayText(), QStringLiteral("0"));
        QCOMPARE(page.requestsChart()->categories().size(), DashboardPage::Hours);
        QCOMPARE(page.requestsChart()->total(0), 0.0);

        QCOMPARE(f.proxy.messages(QStringLiteral("hello"), false).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.requestsTodayText(), QStringLiteral("1"), 10000);
        QCOMPARE(page.requestsChart()->total(0), 1.0);   // succeeded
        QCOMPARE(page.requestsChart()->total(1), 0.0);   // failed
        QVERIFY(page.tokensChart()->total(1) > 0);       // output tokens this hour
        QCOMPARE(page.accountsChart()->categories(), QStringList{QStringLiteral("dash@example.com")});
        QCOMPARE(page.accountsChart()->total(0), 1.0);
        QVERIFY(page.accountTokensChart()->total(0) > 0);

        // A failed request counts as failed.
        QCOMPARE(f.proxy.post("/v1/messages", QJsonObject{{QStringLiteral("max_tokens"), 5}}).status, 400);
        QTRY_COMPARE_WITH_TIMEOUT(page.requestsTodayText(), QStringLiteral("2"), 10000);
        QCOMPARE(page.requestsChart()->total(1), 1.0);
    }

    void stoppedStatus()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        DashboardPage page(&f.monitor);
        f.monitor.stopProxy();
        QTRY_COMPARE(page.statusText(), QStringLiteral("Stopped"));
        f.monitor.startProxy();
        QTRY_COMPARE(page.statusText(), QStringLiteral("Running"));
    }
};

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboardpage.moc"
