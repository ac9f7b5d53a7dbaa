#pragma once
// Turns SIGINT/SIGTERM into a clean QCoreApplication::quit(), so that in-flight requests are ended
// and data is flushed instead of the process dying mid-write. On Unix through a self-pipe; elsewhere
// (Windows: Ctrl+C and Ctrl+Break in a console) and in KIROTRAY_PORTABLE_PATHS builds through the
// C library's std::signal, whose handler sets a flag that a timer on the main thread reads.
namespace kt {
void quitOnTerminationSignals();
}
