#pragma once
// macOS: a LaunchAgent property list in ~/Library/LaunchAgents that launchd runs at login.
#include "platform/autostartwriter.h"

namespace kt {

class LaunchAgentAutostart : public FileAutostartWriter
{
public:
    using FileAutostartWriter::FileAutostartWriter;

    static QString defaultPath();   // ~/Library/LaunchAgents/io.github.kirotray.KiroTray.plist
    static QString plist(const QStringList &command);

protected:
    QByteArray content(const QStringList &command) const override;
};

} // namespace kt
