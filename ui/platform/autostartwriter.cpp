#include "platform/autostartwriter.h"

#include "platform/launchagentautostart.h"
#include "platform/runkeyautostart.h"
#include "platform/xdgautostart.h"
#include "util/platform.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace kt {

std::unique_ptr<AutostartWriter> AutostartWriter::forThisPlatform()
{
#if defined(Q_OS_WIN)
    return std::make_unique<RunKeyAutostart>(RunKeyAutostart::registryKey(), QSettings::NativeFormat);
#elif defined(Q_OS_MACOS)
    return std::make_unique<LaunchAgentAutostart>(LaunchAgentAutostart::defaultPath());
#else
    if constexpr (platform::portablePathsBuild)
        return std::make_unique<RunKeyAutostart>(
            QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/KiroTray/autostart-run-key.ini"),
            QSettings::IniFormat);
    return std::make_unique<XdgAutostart>(XdgAutostart::defaultPath());
#endif
}

bool FileAutostartWriter::isEnabled() const
{
    return QFileInfo::exists(m_path);
}

QString FileAutostartWriter::setEnabled(bool on, const QStringList &command) const
{
    if (!on)
        return !QFileInfo::exists(m_path) || QFile::remove(m_path) ? QString() : QStringLiteral("%1: cannot remove the file").arg(m_path);
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return QStringLiteral("%1: cannot create the folder").arg(folder);
    const QByteArray data = content(command);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: %2").arg(m_path, file.errorString());
    return {};
}

} // namespace kt
