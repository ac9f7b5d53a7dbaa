#include "platform/launchagentautostart.h"

#include <QDir>

namespace kt {

namespace {
const QString kLabel = QStringLiteral("io.github.kirotray.KiroTray");
}

QString LaunchAgentAutostart::defaultPath()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + kLabel + QStringLiteral(".plist");
}

QString LaunchAgentAutostart::plist(const QStringList &command)
{
    QString args;
    for (const QString &a : command)
        args += QStringLiteral("    <string>%1</string>\n").arg(a.toHtmlEscaped());
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n<dict>\n  <key>Label</key>\n  <string>%1</string>\n"
                          "  <key>ProgramArguments</key>\n  <array>\n%2  </array>\n"
                          "  <key>RunAtLoad</key>\n  <true/>\n</dict>\n</plist>\n")
        .arg(kLabel, args);
}

QByteArray LaunchAgentAutostart::content(const QStringList &command) const
{
    return plist(command).toUtf8();
}

} // namespace kt
