#pragma once
// Windows: the value "KiroTray" under HKEY_CURRENT_USER\...\CurrentVersion\Run, the same value the
// NSIS installer writes. Written through QSettings, so tests aim it at a file with another format.
#include "platform/autostartwriter.h"

#include <QSettings>

namespace kt {

class RunKeyAutostart : public AutostartWriter
{
public:
    RunKeyAutostart(const QString &location, QSettings::Format format) : m_location(location), m_format(format) {}

    static QString registryKey();   // HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run
    static QString valueName();     // KiroTray
    // One command line, each argument quoted as CommandLineToArgvW and the C runtime read it back.
    static QString commandLine(const QStringList &command);

    QString location() const override { return m_location; }
    bool isEnabled() const override;
    QString setEnabled(bool on, const QStringList &command) const override;

private:
    QString m_location;
    QSettings::Format m_format;
};

} // namespace kt
