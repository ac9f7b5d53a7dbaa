// LogsPage against the real service: a request made through the proxy appears (live) with its
// account, model, mode and status; filters narrow the rows; details show the error; CSV export.
#include "guifixture.h"
#include "itemmodels/logsmodel.h"
#include "pages/logspage.h"

#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QLocale>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestLogsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void requestAppearsLive()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("logs@example.com")}})}));
        LogsPage page(&f.monitor);
        page.show();
        QTRY_VERIFY(page.model()->rowCount() == 0);

        QCOMPARE(f.proxy.messages(QStringLiteral("hi"), true).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 10000);
        const RequestRecord *r = page.model()->record(0);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->stream);
        QCOMPARE(r->accountName, QStringLiteral("logs@example.com"));
        QCOMPARE(page.model()->data(page.model()->index(0, LogsModel::ModelColumn)).toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
        QCOMPARE(page.model()->data(page.model()->index(0, LogsModel::ServedModelColumn)).toString(), QStringLiteral("claude-sonnet-4.5"));
        QCOMPARE(page.model()->data(page.model()->index(0, LogsModel::StatusColumn)).toInt(), 200);
        QCOMPARE(page.model()->data(page.model()->index(0, LogsModel::StreamColumn)).toString(), QStringLiteral("stream"));
        QVERIFY(page.model()->data(page.model()->index(0, LogsModel::OutputColumn)).toInt() > 0);

        QCOMPARE(f.proxy.messages(QStringLiteral("again"), false).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, 10000);
        QVERIFY(!page.model()->record(0)->stream);   // newest first
    }

    void openAiFaceInDetails()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        LogsPage page(&f.monitor);
        const QJsonObject chat{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5-20250929")},
                               {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                                                   {QStringLiteral("content"), QStringLiteral("hi")}}}}};
        QCOMPARE(f.proxy.post("/v1/chat/completions", chat).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 10000);
        QCOMPARE(page.model()->record(0)->face, QStringLiteral("openai-chat"));
        page.table()->selectRow(0);
        QVERIFY2(page.detailsText().contains(QStringLiteral("API: OpenAI Chat Completions")), qPrintable(page.detailsText()));
    }

    void filtersAndDetails()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        LogsPage page(&f.monitor);
        QCOMPARE(f.proxy.messages(QStringLiteral("ok"), false).status, 200);
        // An invalid request is answered 400 by the proxy and logged with its error.
        const HttpResult bad = f.proxy.post("/v1/messages", QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5-20250929")},
                                                                        {QStringLiteral("max_tokens"), 10}});
        QCOMPARE(bad.status, 400);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, 10000);

        QSignalSpy reloaded(&page, &LogsPage::reloaded);
        page.setFilter(0, 4, QString());
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->record(0)->status, 400);
        page.table()->selectRow(0);
        QVERIFY2(page.detailsText().contains(QStringLiteral("Error:")), qPrintable(page.detailsText()));
        QVERIFY(page.detailsText().contains(QStringLiteral("400")));

        page.setFilter(0, 2, QString());
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->record(0)->status, 200);

        page.setFilter(0, 0, QStringLiteral("no-such-model"));
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(page.model()->rowCount(), 0);
        QCOMPARE(page.filter().model, QStringLiteral("no-such-model"));
    }

    void detailsCountWebSearches()
    {
        RequestRecord r;
        r.time = QDateTime::currentDateTimeUtc();
        r.status = 200;
        QVERIFY(!LogsModel::details(r).contains(QStringLiteral("Web searches")));
        r.webSearches = 3;
        QVERIFY2(LogsModel::details(r).contains(QStringLiteral("Web searches: 3")), qPrintable(LogsModel::details(r)));
    }

    void searchesColumn()
    {
        LogsModel model;
        RequestRecord none;
        none.time = QDateTime::currentDateTimeUtc();
        RequestRecord two = none;
        two.webSearches = 2;
        model.setRecords({two, none});
        QCOMPARE(model.headerData(LogsModel::SearchesColumn, Qt::Horizontal).toString(), QStringLiteral("Searches"));
        QCOMPARE(model.data(model.index(0, LogsModel::SearchesColumn)).toInt(), 2);
        QCOMPARE(model.data(model.index(1, LogsModel::SearchesColumn)).toInt(), 0);
        QCOMPARE(model.data(model.index(0, LogsModel::SearchesColumn), Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
    }

    void creditsColumnAndDetails()
    {
        LogsModel model;
        RequestRecord r;
        r.time = QDateTime::currentDateTimeUtc();
        r.credits = 0.75;
        model.setRecords({r});
        QCOMPARE(model.headerData(LogsModel::CreditsColumn, Qt::Horizontal).toString(), QStringLiteral("Credits"));
        QCOMPARE(model.data(model.index(0, LogsModel::CreditsColumn)).toString(), QLocale().toString(0.75));
        QVERIFY2(LogsModel::details(r).contains(QStringLiteral("Credits: ") + QLocale().toString(0.75)), qPrintable(LogsModel::details(r)));
    }

    void exportCsv()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        LogsPage page(&f.monitor);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.proxy.messages(QStringLiteral("n%1").arg(i), false).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 3, 10000);
        const QString path = f.proxy.dir.filePath(QStringLiteral("export.csv"));
        QSignalSpy done(&page, &LogsPage::exportFinished);
        page.exportCsv(path);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.at(0).at(0).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 5);   // header, 3 rows, the empty piece after the last CRLF
        QVERIFY(lines.at(0).contains(",web_searches,credits,"));
        QVERIFY2(lines.at(1).contains(",0.01,"), lines.at(1).constData());   // the fake's "text" meters 0.01
        QVERIFY(lines.at(1).contains(",200,"));
        QVERIFY(!file.fileName().isEmpty());
    }
};

QTEST_MAIN(TestLogsPage)
#include "tst_logspage.moc"
