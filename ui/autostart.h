#pragma once
// "Start at login": an XDG autostart entry on Linux, the HKCU Run key on Windows, a LaunchAgent
// on macOS, each launching the same program with the same arguments as this run.
#include <QString>
#include <QStringList>

namespace kt {

class Autostart
{
public:
    explicit Autostart(const QStringList &command = currentCommand());

    // This program (the AppImage when run from one) and its arguments.
    static QStringList currentCommand();

    bool isEnabled() const;
    QString setEnabled(bool on) const;   // error or empty

    // Linux details, public for tests: $XDG_CONFIG_HOME/autostart/io.github.kirotray.KiroTray.desktop
    static QString linuxEntryPath();
    static QString desktopEntry(const QStringList &command);
    static QString desktopExec(const QStringList &command);   // quoted per the Desktop Entry spec

private:
    QStringList m_command;
};

} // namespace kt
