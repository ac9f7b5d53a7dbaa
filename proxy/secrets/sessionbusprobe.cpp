#include "secrets/sessionbusprobe.h"

#include "util/platform.h"

#include <QDir>
#include <QFileInfo>

namespace kt {

SessionBusProbe SessionBusProbe::fromEnvironment()
{
    return {qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"), qEnvironmentVariable("XDG_RUNTIME_DIR"),
            qEnvironmentVariable("DISPLAY"), qEnvironmentVariable("WAYLAND_DISPLAY")};
}

QString SessionBusProbe::unreachableReason() const
{
    if (!busAddress.isEmpty() || !display.isEmpty() || !waylandDisplay.isEmpty())
        return {};
    if (runtimeDir.isEmpty())
        return QStringLiteral("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset "
                              "and there is no display");
    const QString userBus = QDir(runtimeDir).filePath(QStringLiteral("bus"));
    if (QFileInfo::exists(userBus))
        return {};
    return QStringLiteral("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset, %1 does not exist "
                          "and there is no display").arg(userBus);
}

QString SessionBusProbe::unreachableHere()
{
#if defined(Q_OS_MACOS)
    return {};
#else
    return platform::posixNative ? fromEnvironment().unreachableReason() : QString();
#endif
}

} // namespace kt
