#include "platform/runkeyautostart.h"

namespace kt {

QString RunKeyAutostart::registryKey()
{
    return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

QString RunKeyAutostart::valueName()
{
    return QStringLiteral("KiroTray");
}

QString RunKeyAutostart::commandLine(const QStringList &command)
{
    QStringList quoted;
    for (const QString &arg : command) {
        if (!arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('\t'))
            && !arg.contains(QLatin1Char('"'))) {
            quoted.append(arg);
            continue;
        }
        // Backslashes are literal except before a quote, where each must be doubled.
        QString q = QStringLiteral("\"");
        qsizetype backslashes = 0;
        for (const QChar c : arg) {
            if (c == QLatin1Char('\\')) {
                ++backslashes;
                continue;
            }
            q += QString(c == QLatin1Char('"') ? backslashes * 2 + 1 : backslashes, QLatin1Char('\\'));
            q += c;
            backslashes = 0;
        }
        q += QString(backslashes * 2, QLatin1Char('\\')) + QLatin1Char('"');
        quoted.append(q);
    }
    return quoted.join(QLatin1Char(' '));
}

bool RunKeyAutostart::isEnabled() const
{
    return QSettings(m_location, m_format).contains(valueName());
}

QString RunKeyAutostart::setEnabled(bool on, const QStringList &command) const
{
    QSettings key(m_location, m_format);
    if (on)
        key.setValue(valueName(), commandLine(command));
    else
        key.remove(valueName());
    key.sync();
    return key.status() == QSettings::NoError ? QString() : QStringLiteral("%1: cannot change the value %2").arg(m_location, valueName());
}

} // namespace kt
