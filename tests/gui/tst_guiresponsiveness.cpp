// Measures how long the GUI thread is blocked at worst while the service refreshes the quota of
// every account (token refresh + getUsageLimits for each, results flowing into the Accounts table):
// a 5 ms heartbeat timer records the longest gap between its ticks.
#include "itemmodels/accountsmodel.h"
#include "pages/accountspage.h"
#include "guifixture.h"
#include "heartbeat.h"
#include "tray/mainwindow.h"
#include "service/proxyservice.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestGuiResponsiveness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void quotaRefreshOfAllAccounts()
    {
        const int accounts = 100;
        QJsonArray list;
        for (int i = 0; i < accounts; ++i)
            list.append(socialAccount(QStringLiteral("resp-%1-refresh-token-0123456789abcdef").arg(i),
                                      {{QStringLiteral("email"), QStringLiteral("user%1@example.com").arg(i)}}));
        // The fake upstream runs as its own process: in-process it would answer the 200 token and
        // usage requests on this (the GUI) thread and be measured as GUI work.
        QProcess fakeProcess;
        fakeProcess.start(QStringLiteral(FAKE_KIRO_BINARY), {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(fakeProcess.waitForStarted(10000));
        QString fakeUrl;
        QVERIFY(QTest::qWaitFor([&] {
            fakeProcess.waitForReadyRead(100);
            const QString line = QString::fromUtf8(fakeProcess.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("listening on ")))
                fakeUrl = line.mid(13);
            return !fakeUrl.isEmpty();
        }, 10000));
        GuiFixture f;
        QVERIFY(f.start(list, [&fakeUrl](Config &c) { c.apiBaseUrl = c.socialAuthBaseUrl = c.oidcBaseUrl = fakeUrl; }));
        QTRY_COMPARE(f.monitor.accounts().size(), accounts);
        // Time spent by the widgets on one accounts update (a whole list, or the accounts that changed
        // alone): connected before and after every page.
        QElapsedTimer handler;
        qint64 worstHandlerNs = 0;
        const auto beforeThePages = [&handler] { handler.start(); };
        connect(&f.monitor, &ServiceMonitor::accountsChanged, this, beforeThePages);
        connect(&f.monitor, &ServiceMonitor::accountsUpdated, this, beforeThePages);
        MainWindow window(&f.monitor, true);
        const auto afterThePages = [&] {
            if (handler.isValid())
                worstHandlerNs = std::max(worstHandlerNs, handler.nsecsElapsed());
        };
        connect(&f.monitor, &ServiceMonitor::accountsChanged, this, afterThePages);
        connect(&f.monitor, &ServiceMonitor::accountsUpdated, this, afterThePages);
        window.showTab(MainWindow::AccountsTab);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // A real event loop (QTest::qWait would sleep between event batches and hide or add gaps).
        const auto runLoop = [](int maxMs, const std::function<bool()> &done, ServiceMonitor *source) {
            QEventLoop loop;
            if (source) {
                QObject::connect(source, &ServiceMonitor::accountsChanged, &loop, [&] { if (done()) loop.quit(); });
                QObject::connect(source, &ServiceMonitor::accountsUpdated, &loop, [&] { if (done()) loop.quit(); });
            }
            QTimer::singleShot(maxMs, &loop, &QEventLoop::quit);
            loop.exec();
        };
        Heartbeat idle;
        idle.start();
        runLoop(1000, [] { return false; }, nullptr);
        idle.stop();

        int updates = 0;
        int resets = 0;
        connect(window.accountsPage()->model(), &QAbstractItemModel::modelReset, this, [&resets] { ++resets; });
        connect(&f.monitor, &ServiceMonitor::accountsChanged, this, [&updates] { ++updates; });
        connect(&f.monitor, &ServiceMonitor::accountsUpdated, this, [&updates] { ++updates; });
        const auto allKnown = [&] {
            for (const Account &a : f.monitor.accounts())
                if (!a.quota.known)
                    return false;
            return f.monitor.accounts().size() == accounts;
        };
        QVERIFY(!allKnown());
        Heartbeat busy;
        QElapsedTimer wall;
        wall.start();
        busy.start();
        window.accountsPage()->refreshAll();
        runLoop(60000, allKnown, &f.monitor);
        busy.stop();
        QVERIFY(allKnown());
        fakeProcess.kill();
        fakeProcess.waitForFinished();
        qInfo("quota refresh of %d accounts: %lld ms wall, %d account updates; GUI heartbeat (5 ms): worst gap %.1f ms "
              "during the refresh (%d ticks), %.1f ms idle; worst GUI-thread CPU time between two ticks %.1f ms (idle %.1f ms); "
              "worst time the tabs spent on one update: %.1f ms (%d table resets)",
              accounts, wall.elapsed(), updates, busy.maxGapMs(), busy.ticks(), idle.maxGapMs(), busy.maxCpuGapMs(),
              idle.maxCpuGapMs(), double(worstHandlerNs) / 1e6, resets);
        QVERIFY(updates > 0);
        // Rows change in place: a model reset would rebuild the whole table on every account update.
        QCOMPARE(resets, 0);
        // Wall-time gaps depend on the machine's load and are recorded in bench/RESULTS.md. The GUI
        // thread's own CPU time does not: one accounts update (100 rows) and the longest stretch
        // between two heartbeat ticks must stay far below what a user would notice as a freeze,
        // even under ASan. The handler bound is wall time, so it only catches a real freeze.
        QVERIFY2(double(worstHandlerNs) / 1e6 < 1000.0, qPrintable(QString::number(double(worstHandlerNs) / 1e6)));
        QVERIFY2(busy.maxCpuGapMs() < 250.0, qPrintable(QString::number(busy.maxCpuGapMs())));
    }
};

QTEST_MAIN(TestGuiResponsiveness)
#include "tst_guiresponsiveness.moc"
