#pragma once
// Shared by the suites that decide on the D-Bus session bus: set the four variables that decide it
// for one scope, and put the process environment back as it was afterwards.
#include <QByteArray>
#include <QtGlobal>
#include <optional>

// Sets DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, DISPLAY, WAYLAND_DISPLAY (nullopt: unset); restores them after.
class SessionBusEnvironment
{
public:
    using Value = std::optional<QByteArray>;
    SessionBusEnvironment(Value address, Value runtimeDir, Value display = {}, Value wayland = {})
    {
        const Value values[] = {address, runtimeDir, display, wayland};
        for (int i = 0; i < 4; ++i) {
            m_saved[i] = qEnvironmentVariableIsSet(kNames[i]) ? Value(qgetenv(kNames[i])) : std::nullopt;
            set(i, values[i]);
        }
    }
    ~SessionBusEnvironment() { for (int i = 0; i < 4; ++i) set(i, m_saved[i]); }

private:
    static void set(int i, const Value &v) { v ? qputenv(kNames[i], *v) : qunsetenv(kNames[i]); }
    static constexpr const char *kNames[4] = {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY"};
    Value m_saved[4];
};
