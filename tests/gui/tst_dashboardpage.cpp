// DashboardPage against the real service: status and address while running, and a request made
// through the proxy shows in today's numbers and in the hourly and per-account charts.
#include "pages/dashboardpage.h"
#include "guifixture.h"
#include "widgets/modelusagetable.h"
#include "widgets/statschart.h"
#include "monitor/statssummary.h"

#include <QLabel>
#include <QLocale>
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
        QVERIFY2(page.minimumSizeHint().height() <= 620, qPrintable(QString::number(page.minimumSizeHint().height())));
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
        // Credits: the fake meters 0.01 per "text" reply.
        QCOMPARE(page.creditsTodayText(), QLocale().toString(0.01, 'f', 2));
        QCOMPARE(page.accountCreditsChart()->categories(), QStringList{QStringLiteral("dash@example.com")});
        QCOMPARE(page.accountCreditsChart()->total(0), 0.01);
        ModelUsageTable *models = page.modelTable();
        QCOMPARE(models->rowCount(), 1);
        QVERIFY(!models->item(0, ModelUsageTable::ModelColumn)->text().isEmpty());
        QCOMPARE(models->item(0, ModelUsageTable::RequestsColumn)->text(), QStringLiteral("1"));
        QVERIFY(models->item(0, ModelUsageTable::TokensColumn)->text() != QStringLiteral("0"));
        QCOMPARE(models->item(0, ModelUsageTable::CreditsColumn)->text(), QLocale().toString(0.01, 'f', 2));
        // Conversation affinity: a request without a session binds nothing, a Claude Code session binds one.
        QCOMPARE(page.conversationsText(), QStringLiteral("Bound conversations: 0"));
        QJsonObject session = ProxyFixture::request(QStringLiteral("hello"), false);
        session.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("user_id"),
            QStringLiteral("{\"device_id\":\"d1\",\"account_uuid\":\"\",\"session_id\":\"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\"}")}});
        QCOMPARE(f.proxy.post("/v1/messages", session).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.conversationsText(), QStringLiteral("Bound conversations: 1"), 10000);
        QCOMPARE(page.requestsTodayText(), QStringLiteral("2"));

        // A failed request counts as failed.
        QCOMPARE(f.proxy.post("/v1/messages", QJsonObject{{QStringLiteral("max_tokens"), 5}}).status, 400);
        QTRY_COMPARE_WITH_TIMEOUT(page.requestsTodayText(), QStringLiteral("3"), 10000);
        QCOMPARE(page.requestsChart()->total(1), 1.0);
        QCOMPARE(page.modelTable()->rowCount(), 1);   // refused before a model was chosen: not a model's usage
    }

    void usageByModelBusiestFirst()
    {
        const QJsonObject stats{{QStringLiteral("perServedModel"),
                                 QJsonArray{QJsonObject{{QStringLiteral("servedModel"), QString()}, {QStringLiteral("requests"), 9}},
                                            QJsonObject{{QStringLiteral("servedModel"), QStringLiteral("claude-sonnet-5")},
                                                        {QStringLiteral("requests"), 2}, {QStringLiteral("inputTokens"), 10},
                                                        {QStringLiteral("outputTokens"), 5}, {QStringLiteral("credits"), 0.5}},
                                            QJsonObject{{QStringLiteral("servedModel"), QStringLiteral("claude-opus-5")},
                                                        {QStringLiteral("requests"), 3}, {QStringLiteral("credits"), 1.25}}}}};
        const QList<ModelBucket> buckets = StatsSummary::perServedModel(stats);
        QCOMPARE(buckets.size(), 2);
        QCOMPARE(buckets[0].model, QStringLiteral("claude-opus-5"));
        QCOMPARE(buckets[1].tokens, qint64(15));
        QCOMPARE(buckets[1].credits, 0.5);
        ModelUsageTable table;
        table.setBuckets(buckets);
        QCOMPARE(table.rowCount(), 2);
        QCOMPARE(table.item(0, ModelUsageTable::CreditsColumn)->text(), QLocale().toString(1.25, 'f', 2));
        QCOMPARE(table.horizontalHeaderItem(ModelUsageTable::CreditsColumn)->text(), QStringLiteral("Credits"));
    }

    // At the main window's default size (1040 x 700, the page in its tab) the table shows three
    // models whole (two and a half before its rows were fitted to the text).
    void usageByModelShowsThreeRowsAtTheDefaultSize()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        DashboardPage page(&f.monitor);
        page.resize(1016, 640);
        page.show();
        QTRY_COMPARE(page.requestsTodayText(), QStringLiteral("0"));   // the first statistics are in
        QList<ModelBucket> buckets;
        for (int i = 0; i < 5; ++i)
            buckets.append(ModelBucket{QStringLiteral("claude-model-%1").arg(i), 5 - i, 1000, 0.5});
        ModelUsageTable *table = page.modelTable();
        table->setBuckets(buckets);   // measured at once: the page's next statistics would replace them
        QCOMPARE(table->rowCount(), 5);
        QVERIFY(table->rowHeight(0) > 0);
        QVERIFY2(table->viewport()->height() >= 3 * table->rowHeight(0),
                 qPrintable(QStringLiteral("%1 px for rows of %2 px").arg(table->viewport()->height()).arg(table->rowHeight(0))));
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
