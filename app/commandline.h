#pragma once
// The kirotray command line: mode, config/data locations and listen overrides.
#include "config/configloader.h"

#include <QString>
#include <QStringList>

namespace kt {

struct CommandLine {
    bool headless = false;
    CommandLineOverrides overrides;
    QString error;       // set when the arguments are unusable
    bool exitNow = false; // --help / --version were answered
};

CommandLine parseCommandLine(const QStringList &arguments);

} // namespace kt
