#pragma once
// Builds the Config from defaults < config.json < environment < command line, validating every
// field so that a mistake is reported with the file, the field and the problem.
#include "config/config.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace kt {

struct CommandLineOverrides {
    QString configFile, dataDir, host, credentialsFile;
    std::optional<int> port;
};

struct ConfigLoadResult {
    std::optional<Config> config;  // set on success
    QString error;
    QStringList warnings;
};

class ConfigLoader
{
public:
    // Config file = overrides.configFile, else <dataDir>/config.json, else ./config.json if it exists
    // (kiro-rs habit); a missing file is fine unless named explicitly. The data dir (CLI > DATA_DIR >
    // config.json dataDir > AppDataLocation) is created 0700 if missing. Relative paths inside
    // config.json are relative to the file.
    static ConfigLoadResult load(const CommandLineOverrides &cli, const QProcessEnvironment &env);
    // Pure: defaults + the JSON text; dataDir/credentialsFile stay as written. Used by load and fuzzing.
    static ConfigLoadResult parse(const QByteArray &json, const QString &fileNameForMessages);
    // The same from config.json's object, already parsed.
    static ConfigLoadResult fromObject(const QJsonObject &object, const QString &fileNameForMessages);
};

} // namespace kt
