#pragma once
// The kirotray command line: mode, config/data locations and listen overrides.
#include "config/configloader.h"
#include "signin/signinrequest.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace kt {

struct CommandLine {
    bool headless = false;
    CommandLineOverrides overrides;
    QString error;       // set when the arguments are unusable
    bool exitNow = false; // --help / --version were answered
    std::optional<SignInRequest> login;   // `kirotray login <method>`: sign in and exit
};

CommandLine parseCommandLine(const QStringList &arguments);

} // namespace kt
