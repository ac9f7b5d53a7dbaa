#include "platform/uisettings.h"

#include <QDir>
#include <QSettings>

namespace kt {

UiSettings::UiSettings(const QString &dataDir) : m_path(QDir(dataDir).filePath(QStringLiteral("ui.ini")))
{
}

QString UiSettings::language() const
{
    return QSettings(m_path, QSettings::IniFormat).value(QStringLiteral("language")).toString();
}

void UiSettings::setLanguage(const QString &language)
{
    QSettings(m_path, QSettings::IniFormat).setValue(QStringLiteral("language"), language);
}

bool UiSettings::startProxyOnLaunch() const
{
    return QSettings(m_path, QSettings::IniFormat).value(QStringLiteral("startProxyOnLaunch"), true).toBool();
}

void UiSettings::setStartProxyOnLaunch(bool on)
{
    QSettings(m_path, QSettings::IniFormat).setValue(QStringLiteral("startProxyOnLaunch"), on);
}

} // namespace kt
