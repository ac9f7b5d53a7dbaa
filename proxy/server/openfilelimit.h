#pragma once
// The process's limit on open file descriptors: every client stream holds two (the client's socket
// and the upstream's). Raised at start-up from the soft to the hard limit, as nginx and Go's
// runtime do (desktops start programs with a soft limit of 1,024, macOS with 256).
#include <QtGlobal>

namespace kt {

struct OpenFileLimit {
    qint64 before = -1;   // the soft limit found; -1 where the platform has none (Windows)
    qint64 now = -1;      // after raising it
    qint64 inUse = 0;     // descriptors already open when it was measured
};

OpenFileLimit raiseOpenFileLimit();

} // namespace kt
