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
        "Point Claude Code or an Anthropic SDK at it with ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY.\n\n"
        "kirotray login builder-id|idc|google|github [--start-url URL --region R] [--account ID]\n"
        "  signs in a Kiro account (through the running instance when one answers, else into the data directory)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run the proxy without a user interface (server mode)."));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Read the configuration from <file> (default: <data-dir>/config.json)."), QStringLiteral("file"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Keep accounts, logs and keys in <dir>."), QStringLiteral("dir"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Listen on <address> (default 127.0.0.1)."), QStringLiteral("address"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Listen on <port> (default 8080)."), QStringLiteral("port"));
    const QCommandLineOption credentials(QStringLiteral("credentials"), QStringLiteral("Read Kiro credentials from <file> (default: <data-dir>/credentials.json)."), QStringLiteral("file"));
    const QCommandLineOption startUrl(QStringLiteral("start-url"), QStringLiteral("login idc: your organisation's start URL (https://....awsapps.com/start)."), QStringLiteral("url"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("login idc: the IAM Identity Center region."), QStringLiteral("region"));
    const QCommandLineOption account(QStringLiteral("account"), QStringLiteral("login: sign in again for account <id> (replaces its login)."), QStringLiteral("id"));
    parser.addOptions({help, version, headless, config, dataDir, host, port, credentials, startUrl, region, account});
    parser.addPositionalArgument(QStringLiteral("login"), QStringLiteral("login <method>: sign in (builder-id, idc, google, github) and exit."), QStringLiteral("[login <method>]"));

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
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == QLatin1String("login")) {
        const auto method = parseSignInMethod(positional.value(1));
        if (positional.size() != 2 || !method) {
            result.error = QStringLiteral("login needs one method: builder-id, idc, google or github");
            return result;
        }
        SignInRequest request;
        request.method = *method;
        request.startUrl = parser.value(startUrl).trimmed();
        request.region = parser.value(region).trimmed();
        if (parser.isSet(account)) {
            bool ok = false;
            request.accountId = parser.value(account).toLongLong(&ok);
            if (!ok || *request.accountId < 1) {
                result.error = QStringLiteral("--account: '%1' is not an account id").arg(parser.value(account));
                return result;
            }
        }
        if (request.method != SignInMethod::Idc && (parser.isSet(startUrl) || parser.isSet(region))) {
            result.error = QStringLiteral("--start-url and --region only apply to login idc");
            return result;
        }
        if (QString problem = request.problem(); !problem.isEmpty()) {
            result.error = problem.replace(QLatin1String("field 'startUrl'"), QLatin1String("--start-url"))
                               .replace(QLatin1String("field 'region'"), QLatin1String("--region"));
            return result;
        }
        result.login = request;
    } else if (!positional.isEmpty()) {
        result.error = QStringLiteral("unexpected argument '%1'").arg(positional.constFirst());
        return result;
    } else if (parser.isSet(startUrl) || parser.isSet(region) || parser.isSet(account)) {
        result.error = QStringLiteral("--start-url, --region and --account only apply to kirotray login");
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
