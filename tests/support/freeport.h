#pragma once
// A loopback port for a server a test starts itself (a child process, a second instance).
#include <QtGlobal>

namespace kt::test {

// A loopback port nobody listens on right now (another process may still take it before the caller).
quint16 freePort();

} // namespace kt::test
