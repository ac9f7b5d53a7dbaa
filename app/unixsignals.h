#pragma once
// Turns SIGINT/SIGTERM into a clean QCoreApplication::quit() through a self-pipe, so that
// in-flight requests are ended and data is flushed instead of the process dying mid-write.
namespace kt {
void quitOnTerminationSignals();
}
