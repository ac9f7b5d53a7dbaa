// Autostart on all three platforms, each writer aimed at a temporary location and checked byte for
// byte: the XDG autostart entry (Linux), the HKCU Run value (Windows; QSettings with a format that
// stores what it is given, standing in for the registry, and an INI file), the LaunchAgent plist
// (macOS). And which writer this platform (or a KIROTRAY_PORTABLE_PATHS build) gets.
#include "platform/autostart.h"
#include "platform/launchagentautostart.h"
#include "platform/runkeyautostart.h"
#include "platform/xdgautostart.h"
#include "util/platform.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace kt;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// The registry as QSettings sees it: flat names and string values, written one "name=value" a line
// without any escaping, so the test sees exactly the string Windows would store.
bool readRegistryLike(QIODevice &device, QSettings::SettingsMap &map)
{
    for (const QByteArray &line : device.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            map.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return true;
}

bool writeRegistryLike(QIODevice &device, const QSettings::SettingsMap &map)
{
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        device.write(it.key().toUtf8() + '=' + it.value().toString().toUtf8() + '\n');
    return true;
}

const QStringList kWindowsCommand{QStringLiteral("C:\\Program Files\\KiroTray\\bin\\kirotray.exe"), QStringLiteral("--data-dir"),
                                  QStringLiteral("D:\\my data\\"), QStringLiteral("--port"), QStringLiteral("9000")};
const QString kWindowsLine = QStringLiteral(
    "\"C:\\Program Files\\KiroTray\\bin\\kirotray.exe\" --data-dir \"D:\\my data\\\\\" --port 9000");

} // namespace

class TestAutostart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;
    QTemporaryDir m_home;
    QSettings::Format m_registryFormat = QSettings::InvalidFormat;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
        m_registryFormat = QSettings::registerFormat(QStringLiteral("reg"), readRegistryLike, writeRegistryLike);
        QVERIFY(m_registryFormat != QSettings::InvalidFormat);
    }

    void execQuoting()
    {
        QCOMPARE(XdgAutostart::desktopExec({QStringLiteral("/usr/bin/kirotray")}), QStringLiteral("/usr/bin/kirotray"));
        QCOMPARE(XdgAutostart::desktopExec({QStringLiteral("/opt/Kiro Tray/kirotray"), QStringLiteral("--data-dir"), QStringLiteral("/home/u/my data")}),
                 QStringLiteral("\"/opt/Kiro Tray/kirotray\" --data-dir \"/home/u/my data\""));
        QCOMPARE(XdgAutostart::desktopExec({QStringLiteral("/bin/k"), QStringLiteral("100%")}), QStringLiteral("/bin/k 100%%"));
        // $ and " escaped inside quotes, and the backslash doubled again for the desktop-file string.
        QCOMPARE(XdgAutostart::desktopExec({QStringLiteral("/bin/k"), QStringLiteral("a$b\"c")}), QStringLiteral("/bin/k \"a\\\\$b\\\\\"c\""));
        QCOMPARE(XdgAutostart::desktopExec({QStringLiteral("/bin/k"), QString()}), QStringLiteral("/bin/k \"\""));
    }

    void xdgEntryWrittenAndRemoved()
    {
        const QString path = m_config.filePath(QStringLiteral("autostart/io.github.kirotray.KiroTray.desktop"));
        QCOMPARE(XdgAutostart::defaultPath(), path);
        const XdgAutostart writer(path);
        QVERIFY(!writer.isEnabled());
        QCOMPARE(writer.setEnabled(true, {QStringLiteral("/opt/kirotray/kirotray"), QStringLiteral("--port"), QStringLiteral("9000")}), QString());
        QVERIFY(writer.isEnabled());
        QCOMPARE(readAll(path), QByteArray("[Desktop Entry]\nType=Application\nName=KiroTray\n"
                                           "Comment=Anthropic Messages API proxy onto Kiro, in the system tray\n"
                                           "Exec=/opt/kirotray/kirotray --port 9000\nIcon=kirotray\nTerminal=false\n"
                                           "X-GNOME-Autostart-enabled=true\n"));
        QCOMPARE(writer.setEnabled(false, {}), QString());
        QVERIFY(!writer.isEnabled());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(writer.setEnabled(false, {}), QString());   // already off: not an error
    }

    void windowsCommandLineQuoting_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("line");
        QTest::newRow("plain") << QStringList{QStringLiteral("C:\\KiroTray\\kirotray.exe")} << QStringLiteral("C:\\KiroTray\\kirotray.exe");
        QTest::newRow("spaces, trailing backslash") << kWindowsCommand << kWindowsLine;
        QTest::newRow("empty") << QStringList{QStringLiteral("k.exe"), QString()} << QStringLiteral("k.exe \"\"");
        // A quote is escaped, and the backslashes in front of it doubled; others stay single.
        QTest::newRow("quotes") << QStringList{QStringLiteral("k.exe"), QStringLiteral("a\\\"b c\\d")}
                                << QStringLiteral("k.exe \"a\\\\\\\"b c\\d\"");
        QTest::newRow("tab") << QStringList{QStringLiteral("k.exe"), QStringLiteral("a\tb")} << QStringLiteral("k.exe \"a\tb\"");
    }

    void windowsCommandLineQuoting()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, line);
        QCOMPARE(RunKeyAutostart::commandLine(command), line);
    }

    void windowsRunKeyWrittenAndRemoved()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("Run.reg"));
        {
            QSettings other(key, m_registryFormat);   // another program's value stays untouched
            other.setValue(QStringLiteral("OtherApp"), QStringLiteral("C:\\other.exe"));
        }
        const RunKeyAutostart writer(key, m_registryFormat);
        QVERIFY(!writer.isEnabled());
        QCOMPARE(writer.setEnabled(true, kWindowsCommand), QString());
        QVERIFY(writer.isEnabled());
        QCOMPARE(readAll(key), QByteArray("KiroTray=") + kWindowsLine.toUtf8() + "\nOtherApp=C:\\other.exe\n");
        QCOMPARE(writer.setEnabled(false, {}), QString());
        QVERIFY(!writer.isEnabled());
        QCOMPARE(readAll(key), QByteArray("OtherApp=C:\\other.exe\n"));
        QCOMPARE(RunKeyAutostart::registryKey(), QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"));
        QCOMPARE(RunKeyAutostart::valueName(), QStringLiteral("KiroTray"));   // what installer/CMakeLists.txt writes too
    }

    void windowsRunKeyInIniFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("run.ini"));
        const RunKeyAutostart writer(ini, QSettings::IniFormat);
        QCOMPARE(writer.setEnabled(true, kWindowsCommand), QString());
        QCOMPARE(QSettings(ini, QSettings::IniFormat).value(QStringLiteral("KiroTray")).toString(), kWindowsLine);
        QCOMPARE(readAll(ini), QByteArray("[General]\nKiroTray=\\\"C:\\\\Program Files\\\\KiroTray\\\\bin\\\\kirotray.exe\\\" "
                                          "--data-dir \\\"D:\\\\my data\\\\\\\\\\\" --port 9000\n"));
        QCOMPARE(writer.setEnabled(false, {}), QString());
        QVERIFY(!writer.isEnabled());
    }

    void macLaunchAgentWrittenAndRemoved()
    {
        QCOMPARE(LaunchAgentAutostart::defaultPath(),
                 QDir::homePath() + QStringLiteral("/Library/LaunchAgents/io.github.kirotray.KiroTray.plist"));
        const QString path = m_home.filePath(QStringLiteral("Library/LaunchAgents/io.github.kirotray.KiroTray.plist"));
        const LaunchAgentAutostart writer(path);
        QVERIFY(!writer.isEnabled());
        const QStringList command{QStringLiteral("/Applications/KiroTray.app/Contents/MacOS/kirotray"), QStringLiteral("--data-dir"),
                                  QStringLiteral("/Users/u/A & <B>")};
        QCOMPARE(writer.setEnabled(true, command), QString());
        QVERIFY(writer.isEnabled());
        const QByteArray plist = readAll(path);
        QCOMPARE(plist, QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                                   "<plist version=\"1.0\">\n<dict>\n"
                                   "  <key>Label</key>\n  <string>io.github.kirotray.KiroTray</string>\n"
                                   "  <key>ProgramArguments</key>\n  <array>\n"
                                   "    <string>/Applications/KiroTray.app/Contents/MacOS/kirotray</string>\n"
                                   "    <string>--data-dir</string>\n"
                                   "    <string>/Users/u/A &amp; &lt;B&gt;</string>\n"
                                   "  </array>\n  <key>RunAtLoad</key>\n  <true/>\n</dict>\n</plist>\n"));
        // Well-formed XML whose strings read back as the arguments.
        QXmlStreamReader xml(plist);
        QStringList strings;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("string"))
                strings << xml.readElementText();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(strings, QStringList{QStringLiteral("io.github.kirotray.KiroTray")} + command);
        QCOMPARE(writer.setEnabled(false, {}), QString());
        QVERIFY(!QFile::exists(path));
    }

    void thisPlatformsWriter()
    {
        const QStringList command{QStringLiteral("/opt/kirotray/kirotray"), QStringLiteral("--port"), QStringLiteral("9000")};
        const Autostart autostart(command);
        QString expected;
#if defined(Q_OS_WIN)
        expected = RunKeyAutostart::registryKey();
#elif defined(Q_OS_MACOS)
        expected = LaunchAgentAutostart::defaultPath();
#else
        expected = platform::portablePathsBuild ? m_config.filePath(QStringLiteral("KiroTray/autostart-run-key.ini"))
                                                : XdgAutostart::defaultPath();
#endif
        QCOMPARE(autostart.location(), expected);
#if defined(Q_OS_LINUX)
        // Only where the location is a test's: on Windows and macOS it is the user's real one.
        QVERIFY(autostart.location().startsWith(m_config.path()));
        QVERIFY(!autostart.isEnabled());
        QCOMPARE(autostart.setEnabled(true), QString());
        QVERIFY(autostart.isEnabled());
        QCOMPARE(autostart.setEnabled(false), QString());
        QVERIFY(!autostart.isEnabled());
#endif
    }

    void currentCommandIsThisProgram()
    {
        const QStringList command = Autostart::currentCommand();
        QVERIFY(!command.isEmpty());
        QVERIFY(command.first().contains(QStringLiteral("tst_autostart")));
        qputenv("APPIMAGE", "/home/u/KiroTray-x86_64.AppImage");
        QCOMPARE(Autostart::currentCommand().first(), QStringLiteral("/home/u/KiroTray-x86_64.AppImage"));
        qunsetenv("APPIMAGE");
    }
};

QTEST_MAIN(TestAutostart)
#include "tst_autostart.moc"
