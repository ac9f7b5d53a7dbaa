#pragma once
// Linux: a Desktop Entry in $XDG_CONFIG_HOME/autostart (the XDG Autostart specification).
#include "platform/autostartwriter.h"

namespace kt {

class XdgAutostart : public FileAutostartWriter
{
public:
    using FileAutostartWriter::FileAutostartWriter;

    static QString defaultPath();   // $XDG_CONFIG_HOME/autostart/io.github.kirotray.KiroTray.desktop
    static QString desktopEntry(const QStringList &command);
    static QString desktopExec(const QStringList &command);   // quoted per the Desktop Entry spec

protected:
    QByteArray content(const QStringList &command) const override;
};

} // namespace kt
