#pragma once
// Where KiroTray's platform differences are decided. Each sits behind one small interface with a
// Linux (or POSIX) implementation and a portable one; these constants choose between them.
// -DKIROTRAY_PORTABLE_PATHS=ON makes a Linux build choose the portable ones, the paths Windows
// (and macOS, where it is not POSIX) take, so that the suites run through them here:
//   eventloop/epolldispatcher   createProxyEventDispatcher(): epoll, or Qt's own dispatcher
//   util/freememory             releaseFreeMemory(): glibc's malloc_trim(), or nothing
//   util/fileprivacy            FilePrivacy: POSIX modes 0600/0700, or Qt's permission API (ACLs on Windows)
//   secrets/sessionbusprobe     SessionBusProbe::unreachableHere(): the D-Bus check, or none
//   app/unixsignals             a self-pipe for SIGINT/SIGTERM, or std::signal and a polled flag
//   ui/platform/autostart       XDG entry, Windows Run key (QSettings), macOS LaunchAgent
#include <QtGlobal>

namespace kt::platform {

#if defined(Q_OS_LINUX) && !defined(KIROTRAY_PORTABLE_PATHS)
inline constexpr bool linuxNative = true;
#else
inline constexpr bool linuxNative = false;
#endif

#if defined(Q_OS_UNIX) && !defined(KIROTRAY_PORTABLE_PATHS)
inline constexpr bool posixNative = true;
#else
inline constexpr bool posixNative = false;
#endif

#if defined(KIROTRAY_PORTABLE_PATHS)
inline constexpr bool portablePathsBuild = true;
#else
inline constexpr bool portablePathsBuild = false;
#endif

} // namespace kt::platform
