// TrayController against the real service: the Start/Stop menu action really stops and starts
// listening (checked by connecting to the port), the menu and tooltip follow the state, and the
// copy actions put the base URL and key on the clipboard.
#include "guifixture.h"
#include "tray/traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestTrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void startStopReallyListens()
    {
        const quint16 port = freePort();
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}, [port](Config &c) { c.port = port; }));
        TrayController tray(&f.monitor, false);
        QAction *toggle = tray.action(QStringLiteral("actionToggleProxy"));
        QVERIFY(toggle);
        QCOMPARE(toggle, tray.toggleAction());
        QVERIFY(accepts(port));
        QVERIFY(toggle->text().contains(QStringLiteral("Stop")));
        QCOMPARE(tray.status().level, TrayStatus::Level::Running);

        toggle->trigger();
        QTRY_COMPARE(f.monitor.runState(), ServiceMonitor::RunState::Stopped);
        QVERIFY(!accepts(port));
        QVERIFY(toggle->text().contains(QStringLiteral("Start")));
        QCOMPARE(tray.status().level, TrayStatus::Level::Stopped);
        QVERIFY(tray.status().tooltip.contains(QStringLiteral("Stopped")));

        toggle->trigger();
        QTRY_COMPARE(f.monitor.runState(), ServiceMonitor::RunState::Running);
        QCOMPARE(f.proxy.service->port(), port);
        QVERIFY(accepts(port));
        QCOMPARE(f.proxy.messages(QStringLiteral("back"), false).status, 200);
        QVERIFY(toggle->text().contains(QStringLiteral("Stop")));
    }

    void portInUseIsAnError()
    {
        const quint16 port = freePort();
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}, [port](Config &c) { c.port = port; }));
        TrayController tray(&f.monitor, false);
        tray.toggleAction()->trigger();
        QTRY_COMPARE(f.monitor.runState(), ServiceMonitor::RunState::Stopped);
        // Someone else takes the port while the proxy is stopped.
        QTcpServer thief;
        QVERIFY(thief.listen(QHostAddress::LocalHost, port));
        tray.toggleAction()->trigger();
        QTRY_COMPARE(f.monitor.runState(), ServiceMonitor::RunState::Failed);
        QCOMPARE(tray.status().level, TrayStatus::Level::Error);
        QVERIFY2(tray.status().headline.contains(QStringLiteral("in use"), Qt::CaseInsensitive), qPrintable(tray.status().headline));
        thief.close();
        tray.toggleAction()->trigger();
        QTRY_COMPARE(f.monitor.runState(), ServiceMonitor::RunState::Running);
    }

    void menuAndClipboard()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        TrayController tray(&f.monitor, false);
        for (const char *name : {"actionToggleProxy", "actionOpen", "actionCopyBaseUrl", "actionCopyApiKey", "actionClaudeCode",
                                 "actionCodex",
                                 "actionImport", "actionQuit"})
            QVERIFY2(tray.action(QLatin1String(name)), name);
        tray.action(QStringLiteral("actionCopyBaseUrl"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), f.proxy.service->baseUrl());
        tray.action(QStringLiteral("actionCopyApiKey"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(TestApiKey));
        QSignalSpy open(&tray, &TrayController::openRequested);
        QSignalSpy import(&tray, &TrayController::importRequested);
        QSignalSpy quit(&tray, &TrayController::quitRequested);
        QSignalSpy codex(&tray, &TrayController::codexRequested);
        tray.action(QStringLiteral("actionCodex"))->trigger();
        QCOMPARE(codex.size(), 1);
        tray.action(QStringLiteral("actionOpen"))->trigger();
        tray.action(QStringLiteral("actionImport"))->trigger();
        tray.action(QStringLiteral("actionQuit"))->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(import.size(), 1);
        QCOMPARE(quit.size(), 1);
        QVERIFY(tray.status().tooltip.contains(f.proxy.service->baseUrl()));
        QVERIFY(tray.status().tooltip.contains(QStringLiteral("1 active of 1")));
    }
};

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
