// Telling when no D-Bus session bus can be reached (so the keychain is not probed for nothing):
// the decision for each combination of the four variables and the user bus socket, and reading
// them from the process environment.
#include "secrets/sessionbusprobe.h"
#include "util/platform.h"
#include "support/sessionbusenvironment.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

class TestSessionBusProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionBusDecision_data();
    void sessionBusDecision();
    void sessionBusReadsTheEnvironment();
};

void TestSessionBusProbe::sessionBusDecision_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("runtime");   // "unset", "empty" (a folder without bus) or "bus"
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("wayland");
    QTest::addColumn<QString>("unreachable");   // what the reason names, empty when a bus may be there
    QTest::newRow("nothing") << "" << "unset" << "" << "" << "DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset";
    QTest::newRow("runtime dir without bus") << "" << "empty" << "" << "" << "DBUS_SESSION_BUS_ADDRESS is unset, %1 does not exist";
    QTest::newRow("address") << "unix:path=/nowhere" << "unset" << "" << "" << "";
    QTest::newRow("user bus socket") << "" << "bus" << "" << "" << "";
    QTest::newRow("X11 display") << "" << "unset" << ":0" << "" << "";
    QTest::newRow("Wayland display") << "" << "empty" << "" << "wayland-0" << "";
}

void TestSessionBusProbe::sessionBusDecision()
{
    QFETCH(QString, address);
    QFETCH(QString, runtime);
    QFETCH(QString, display);
    QFETCH(QString, wayland);
    QFETCH(QString, unreachable);
    QTemporaryDir dir;
    QFile bus(dir.filePath(QStringLiteral("bus")));
    QVERIFY(runtime != QLatin1String("bus") || bus.open(QIODevice::WriteOnly));
    const SessionBusProbe probe{address, runtime == QLatin1String("unset") ? QString() : dir.path(), display, wayland};
    const QString expected = QStringLiteral("no D-Bus session bus: %1 and there is no display").arg(unreachable.arg(bus.fileName()));
    QCOMPARE(probe.unreachableReason(), unreachable.isEmpty() ? QString() : expected);
}

void TestSessionBusProbe::sessionBusReadsTheEnvironment()
{
    const auto snapshot = [] {
        QStringList values;
        for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY"})
            values << (qEnvironmentVariableIsSet(name) ? QString::fromLocal8Bit(qgetenv(name)) : QStringLiteral("<unset>"));
        return values;
    };
    const QStringList before = snapshot();
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    {
        const SessionBusEnvironment env("unix:path=/x", "/run/user/4242", ":1", "wayland-1");
        const SessionBusProbe probe = SessionBusProbe::fromEnvironment();
        QCOMPARE(QStringList({probe.busAddress, probe.runtimeDir, probe.display, probe.waylandDisplay}),
                 QStringList({"unix:path=/x", "/run/user/4242", ":1", "wayland-1"}));
        QVERIFY(SessionBusProbe::unreachableHere().isEmpty());
        const SessionBusEnvironment empty("", QFile::encodeName(runtime.path()), "", "");   // set but empty: absent
        if (platform::portablePathsBuild) {
            QVERIFY(SessionBusProbe::unreachableHere().isEmpty());   // no D-Bus check, as on Windows and macOS
        } else {
            QCOMPARE(SessionBusProbe::unreachableHere(), SessionBusProbe({{}, runtime.path(), {}, {}}).unreachableReason());
            QVERIFY(!SessionBusProbe::unreachableHere().isEmpty());
        }
    }
    QCOMPARE(snapshot(), before);   // restored
}

QTEST_GUILESS_MAIN(TestSessionBusProbe)
#include "tst_sessionbusprobe.moc"
