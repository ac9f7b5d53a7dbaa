#include "platform/xdgautostart.h"

#include <QStandardPaths>

namespace kt {

QString XdgAutostart::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/autostart/io.github.kirotray.KiroTray.desktop");
}

QString XdgAutostart::desktopExec(const QStringList &command)
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

QString XdgAutostart::desktopEntry(const QStringList &command)
{
    return QStringLiteral("[Desktop Entry]\nType=Application\nName=KiroTray\n"
                          "Comment=Anthropic Messages API proxy onto Kiro, in the system tray\n"
                          "Exec=%1\nIcon=kirotray\nTerminal=false\nX-GNOME-Autostart-enabled=true\n")
        .arg(desktopExec(command));
}

QByteArray XdgAutostart::content(const QStringList &command) const
{
    return desktopEntry(command).toUtf8();
}

} // namespace kt
