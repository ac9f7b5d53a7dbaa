#pragma once
// Tells, without connecting to anything, when no D-Bus session bus can be reached, so that the
// keychain (Secret Service and KWallet both live on that bus) is not probed for nothing at start-up.
#include <QString>

namespace kt {

struct SessionBusProbe {
    QString busAddress;       // DBUS_SESSION_BUS_ADDRESS
    QString runtimeDir;       // XDG_RUNTIME_DIR: systemd's user bus listens on <runtimeDir>/bus
    QString display;          // DISPLAY: libdbus can autolaunch a bus in an X11 session
    QString waylandDisplay;   // WAYLAND_DISPLAY

    static SessionBusProbe fromEnvironment();

    // Empty when a session bus may be reachable; otherwise why none can be. Looks only at the values
    // above and at whether <runtimeDir>/bus exists.
    QString unreachableReason() const;

    // unreachableReason() for this process's environment on Linux and the other non-Apple Unixes;
    // always empty on Windows and macOS, whose keychains do not use D-Bus, and in
    // KIROTRAY_PORTABLE_PATHS builds.
    static QString unreachableHere();
};

} // namespace kt
