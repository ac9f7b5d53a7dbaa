#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

namespace kt {

CommandLine parseCommandLine(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "KiroTray serves the Anthropic Messages API on localhost and forwards each request to Kiro.\n"
        "Point Claude Code or an Anthropic SDK at it with ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run the proxy without a user interface (server mode)."));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Read the configuration from <file> (default: <data-dir>/config.json)."), QStringLiteral("file"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Keep accounts, logs and keys in <dir>."), QStringLiteral("dir"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Listen on <address> (default 127.0.0.1)."), QStringLiteral("address"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Listen on <port> (default 8080)."), QStringLiteral("port"));
    const QCommandLineOption credentials(QStringLiteral("credentials"), QStringLiteral("Read Kiro credentials from <file> (default: <data-dir>/credentials.json)."), QStringLiteral("file"));
    parser.addOptions({help, version, headless, config, dataDir, host, port, credentials});

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("kirotray"))), stdout);
        result.exitNow = true;
        return result;
    }
    if (parser.isSet(version)) {
        std::printf("kirotray %s\n", KIROTRAY_VERSION);
        result.exitNow = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst());
        return result;
    }
    result.headless = parser.isSet(headless);
    result.overrides.configFile = parser.value(config);
    result.overrides.dataDir = parser.value(dataDir);
    result.overrides.host = parser.value(host);
    result.overrides.credentialsFile = parser.value(credentials);
    if (parser.isSet(port)) {
        bool ok = false;
        const int value = parser.value(port).toInt(&ok);
        if (!ok || value < 1 || value > 65535) {
            result.error = QStringLiteral("--port: '%1' is not a port number (1-65535)").arg(parser.value(port));
            return result;
        }
        result.overrides.port = value;
    }
    return result;
}

} // namespace kt
