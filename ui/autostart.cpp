#include "autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace kt {

namespace {

const QString kAppId = QStringLiteral("io.github.kirotray.KiroTray");

#ifndef Q_OS_WIN
QString writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}
#endif

#ifdef Q_OS_MACOS
QString launchAgentPath()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + kAppId + QStringLiteral(".plist");
}

QString launchAgent(const QStringList &command)
{
    QString args;
    for (const QString &a : command)
        args += QStringLiteral("    <string>%1</string>\n").arg(a.toHtmlEscaped());
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n<dict>\n  <key>Label</key>\n  <string>%1</string>\n"
                          "  <key>ProgramArguments</key>\n  <array>\n%2  </array>\n"
                          "  <key>RunAtLoad</key>\n  <true/>\n</dict>\n</plist>\n").arg(kAppId, args);
}
#endif

#ifdef Q_OS_WIN
QSettings runKey()
{
    return QSettings(QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"), QSettings::NativeFormat);
}

QString windowsCommandLine(const QStringList &command)
{
    QStringList quoted;
    for (const QString &a : command)
        quoted.append(a.contains(QLatin1Char(' ')) || a.isEmpty() ? QLatin1Char('"') + a + QLatin1Char('"') : a);
    return quoted.join(QLatin1Char(' '));
}
#endif

} // namespace

Autostart::Autostart(const QStringList &command) : m_command(command)
{
}

QStringList Autostart::currentCommand()
{
    QStringList command = QCoreApplication::arguments();
    const QString appImage = QProcessEnvironment::systemEnvironment().value(QStringLiteral("APPIMAGE"));
    const QString program = !appImage.isEmpty() ? appImage : QCoreApplication::applicationFilePath();
    if (command.isEmpty())
        command.append(program);
    else
        command[0] = program;
    return command;
}

QString Autostart::linuxEntryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/autostart/") + kAppId
        + QStringLiteral(".desktop");
}

QString Autostart::desktopExec(const QStringList &command)
{
    QStringList parts;
    for (const QString &arg : command) {
        QString a = arg;
        a.replace(QLatin1Char('%'), QLatin1String("%%"));
        static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
        bool quote = a.isEmpty();
        for (const QChar c : a)
            quote = quote || reserved.contains(c);
        if (quote) {
            QString q;
            for (const QChar c : a) {
                if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
                    q += QLatin1Char('\\');
                q += c;
            }
            a = QLatin1Char('"') + q + QLatin1Char('"');
        }
        parts.append(a);
    }
    // The value is itself a desktop-file string, where a backslash must be doubled.
    return parts.join(QLatin1Char(' ')).replace(QLatin1Char('\\'), QLatin1String("\\\\"));
}

QString Autostart::desktopEntry(const QStringList &command)
{
    return QStringLiteral("[Desktop Entry]\nType=Application\nName=KiroTray\n"
                          "Comment=Anthropic Messages API proxy onto Kiro, in the system tray\n"
                          "Exec=%1\nIcon=kirotray\nTerminal=false\nX-GNOME-Autostart-enabled=true\n")
        .arg(desktopExec(command));
}

bool Autostart::isEnabled() const
{
#if defined(Q_OS_WIN)
    return runKey().contains(QStringLiteral("KiroTray"));
#elif defined(Q_OS_MACOS)
    return QFileInfo::exists(launchAgentPath());
#else
    return QFileInfo::exists(linuxEntryPath());
#endif
}

QString Autostart::setEnabled(bool on) const
{
#if defined(Q_OS_WIN)
    QSettings key = runKey();
    if (on)
        key.setValue(QStringLiteral("KiroTray"), windowsCommandLine(m_command));
    else
        key.remove(QStringLiteral("KiroTray"));
    key.sync();
    return key.status() == QSettings::NoError ? QString() : QStringLiteral("cannot change the Windows Run key");
#elif defined(Q_OS_MACOS)
    if (!on)
        return !QFileInfo::exists(launchAgentPath()) || QFile::remove(launchAgentPath())
            ? QString() : QStringLiteral("%1: cannot remove the file").arg(launchAgentPath());
    return writeFile(launchAgentPath(), launchAgent(m_command).toUtf8());
#else
    const QString path = linuxEntryPath();
    if (!on)
        return !QFileInfo::exists(path) || QFile::remove(path) ? QString() : QStringLiteral("%1: cannot remove the file").arg(path);
    return writeFile(path, desktopEntry(m_command).toUtf8());
#endif
}

} // namespace kt
