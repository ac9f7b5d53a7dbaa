// TrayStatus: the tray's state from the run state and the accounts (healthy, some cooling down or
// invalid, none usable, stopped, start failure), its icon, and the tooltip's facts.
#include "monitor/traystatus.h"
#include "platform/uiresources.h"

#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>

using namespace kt;
using RunState = ServiceMonitor::RunState;
using Level = TrayStatus::Level;

class TestTrayStatus : public QObject
{
    Q_OBJECT

private:
    static Account account(qint64 id, AccountState state)
    {
        Account a;
        a.credential.id = id;
        a.state = state;
        if (state == AccountState::Cooldown)
            a.cooldownUntil = QDateTime::currentDateTimeUtc().addSecs(600);
        return a;
    }
    static TrayStatus compute(RunState state, const QList<Account> &accounts, bool known = true, qint64 today = 0)
    {
        return TrayStatus::compute(state, QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("The bound address is already in use"),
                                   accounts, known, today, QDateTime::currentDateTimeUtc());
    }

private Q_SLOTS:
    void levels()
    {
        const Account ok = account(1, AccountState::Active);
        QCOMPARE(compute(RunState::Running, {ok, account(2, AccountState::Active)}).level, Level::Running);
        QCOMPARE(compute(RunState::Running, {ok, account(2, AccountState::Cooldown)}).level, Level::Warning);
        QCOMPARE(compute(RunState::Running, {ok, account(2, AccountState::Invalid)}).level, Level::Warning);
        // A user-disabled account is the user's choice, not a warning.
        QCOMPARE(compute(RunState::Running, {ok, account(2, AccountState::Disabled)}).level, Level::Running);
        QCOMPARE(compute(RunState::Running, {account(1, AccountState::Cooldown)}).level, Level::Error);
        QCOMPARE(compute(RunState::Running, {}).level, Level::Error);
        QCOMPARE(compute(RunState::Running, {}, false).level, Level::Running);   // accounts not loaded yet
        QCOMPARE(compute(RunState::Stopped, {ok}).level, Level::Stopped);
        QCOMPARE(compute(RunState::Failed, {ok}).level, Level::Error);
    }

    void quotaExhaustedCountsAsUnusable()
    {
        Account empty = account(1, AccountState::Active);
        empty.quota.known = true;
        empty.quota.limit = 50;
        empty.quota.used = 50;
        empty.quota.resetAt = QDateTime::currentDateTimeUtc().addDays(3);
        QCOMPARE(compute(RunState::Running, {empty}).level, Level::Error);
        QCOMPARE(compute(RunState::Running, {empty, account(2, AccountState::Active)}).level, Level::Warning);
    }

    void tooltip()
    {
        const TrayStatus s = compute(RunState::Running, {account(1, AccountState::Active), account(2, AccountState::Cooldown)}, true, 42);
        QVERIFY2(s.tooltip.contains(QStringLiteral("http://127.0.0.1:8080")), qPrintable(s.tooltip));
        QVERIFY(s.tooltip.contains(QStringLiteral("1 active of 2")));
        QVERIFY(s.tooltip.contains(QStringLiteral("Requests today: 42")));
        const TrayStatus failed = compute(RunState::Failed, {});
        QVERIFY(failed.headline.contains(QStringLiteral("already in use")));
    }

    void iconsExistForEveryLevel()
    {
        for (Level level : {Level::Running, Level::Warning, Level::Stopped, Level::Error}) {
            const QString path = TrayStatus::iconPath(level);
            QVERIFY(path.endsWith(TrayStatus::levelName(level) + QStringLiteral(".svg")));
            initUiResources();
            QVERIFY2(QFile::exists(path), qPrintable(path));
            // The SVG renders (icon engine present) and is not blank at tray size.
            const QImage image = QIcon(path).pixmap(22, 22).toImage();
            QVERIFY(!image.isNull());
            int opaque = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    opaque += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
            QVERIFY2(opaque > 22 * 22 / 8, qPrintable(path));
        }
        QCOMPARE(TrayStatus::iconPath(Level::Warning), QStringLiteral(":/icons/tray-warning.svg"));
    }
};

QTEST_MAIN(TestTrayStatus)
#include "tst_traystatus.moc"
