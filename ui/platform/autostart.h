#pragma once
// "Start at login": this platform's AutostartWriter (an XDG autostart entry on Linux, the HKCU Run
// key on Windows, a LaunchAgent on macOS), launching the same program with the same arguments as this run.
#include "platform/autostartwriter.h"

namespace kt {

class Autostart
{
public:
    explicit Autostart(const QStringList &command = currentCommand(),
                       std::shared_ptr<const AutostartWriter> writer = AutostartWriter::forThisPlatform());

    // This program (the AppImage when run from one) and its arguments.
    static QStringList currentCommand();

    bool isEnabled() const;
    QString setEnabled(bool on) const;   // error or empty
    QString location() const;

private:
    QStringList m_command;
    std::shared_ptr<const AutostartWriter> m_writer;
};

} // namespace kt
