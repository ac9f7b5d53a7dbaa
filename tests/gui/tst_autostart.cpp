// Autostart (Linux): the XDG autostart entry is created and removed, launches this program with
// the same arguments, and quotes them as the Desktop Entry specification requires.
#include "autostart.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

class TestAutostart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    }

    void execQuoting()
    {
        QCOMPARE(Autostart::desktopExec({QStringLiteral("/usr/bin/kirotray")}), QStringLiteral("/usr/bin/kirotray"));
        QCOMPARE(Autostart::desktopExec({QStringLiteral("/opt/Kiro Tray/kirotray"), QStringLiteral("--data-dir"), QStringLiteral("/home/u/my data")}),
                 QStringLiteral("\"/opt/Kiro Tray/kirotray\" --data-dir \"/home/u/my data\""));
        QCOMPARE(Autostart::desktopExec({QStringLiteral("/bin/k"), QStringLiteral("100%")}), QStringLiteral("/bin/k 100%%"));
        // $ and " escaped inside quotes, and the backslash doubled again for the desktop-file string.
        QCOMPARE(Autostart::desktopExec({QStringLiteral("/bin/k"), QStringLiteral("a$b\"c")}), QStringLiteral("/bin/k \"a\\\\$b\\\\\"c\""));
        QCOMPARE(Autostart::desktopExec({QStringLiteral("/bin/k"), QString()}), QStringLiteral("/bin/k \"\""));
    }

    void enableAndDisable()
    {
        const QStringList command{QStringLiteral("/opt/kirotray/kirotray"), QStringLiteral("--port"), QStringLiteral("9000")};
        Autostart autostart(command);
        QVERIFY(Autostart::linuxEntryPath().startsWith(m_config.path()));
        QVERIFY(!autostart.isEnabled());
        QCOMPARE(autostart.setEnabled(true), QString());
        QVERIFY(autostart.isEnabled());
        QFile entry(Autostart::linuxEntryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(entry.readAll());
        QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
        QVERIFY(text.contains(QStringLiteral("\nExec=/opt/kirotray/kirotray --port 9000\n")));
        QVERIFY(text.contains(QStringLiteral("\nType=Application\n")));
        entry.close();
        QCOMPARE(autostart.setEnabled(false), QString());
        QVERIFY(!autostart.isEnabled());
        QCOMPARE(autostart.setEnabled(false), QString());   // already off: not an error
    }

    void currentCommandIsThisProgram()
    {
        const QStringList command = Autostart::currentCommand();
        QVERIFY(!command.isEmpty());
        QVERIFY(command.first().endsWith(QStringLiteral("tst_autostart")));
        qputenv("APPIMAGE", "/home/u/KiroTray-x86_64.AppImage");
        QCOMPARE(Autostart::currentCommand().first(), QStringLiteral("/home/u/KiroTray-x86_64.AppImage"));
        qunsetenv("APPIMAGE");
    }
};

QTEST_MAIN(TestAutostart)
#include "tst_autostart.moc"
