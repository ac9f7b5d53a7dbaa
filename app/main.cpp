// kirotray: command line, configuration, then the headless server or the tray application.
#include "commandline.h"
#include "unixsignals.h"

#include "config/apikeystore.h"
#include "config/configloader.h"
#include "service/proxyservice.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <cstdio>
#include <memory>

#ifdef KIROTRAY_WITH_GUI
#include "trayapplication.h"
#include <QApplication>
#endif

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "kirotray: %s\n", qPrintable(message));
    return 1;
}

std::optional<kt::Config> loadConfiguration(const kt::CommandLineOverrides &overrides)
{
    const kt::ConfigLoadResult loaded = kt::ConfigLoader::load(overrides, QProcessEnvironment::systemEnvironment());
    for (const QString &warning : loaded.warnings)
        std::fprintf(stderr, "kirotray: warning: %s\n", qPrintable(warning));
    if (!loaded.config) {
        fail(loaded.error);
        return std::nullopt;
    }
    kt::Config config = *loaded.config;
    const kt::ApiKeyStore::Result key = kt::ApiKeyStore::resolve(config);
    if (!key.error.isEmpty()) {
        fail(key.error);
        return std::nullopt;
    }
    if (key.generated) {
        // Printed once, on the run that created it; afterwards it is read from the data directory.
        std::printf("Generated a new API key for this proxy (stored in %s):\n  %s\n", qPrintable(config.dataDir), qPrintable(key.key));
        std::fflush(stdout);
    }
    return config;
}

int runHeadless(int argc, char **argv, const kt::CommandLine &cli)
{
    QCoreApplication app(argc, argv);
    const auto config = loadConfiguration(cli.overrides);
    if (!config)
        return 1;
    kt::ProxyService service(*config);
    const QString error = service.startAndWait();
    if (!error.isEmpty())
        return fail(error);
    std::printf("KiroTray %s listening on %s\n", KIROTRAY_VERSION, qPrintable(service.baseUrl()));
    std::fflush(stdout);
    kt::quitOnTerminationSignals();
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("KiroTray"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIROTRAY_VERSION));
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const kt::CommandLine cli = kt::parseCommandLine(arguments);
    if (cli.exitNow)
        return 0;
    if (!cli.error.isEmpty())
        return fail(cli.error + QStringLiteral(" (see kirotray --help)"));
    if (cli.headless)
        return runHeadless(argc, argv, cli);
#ifdef KIROTRAY_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    const auto config = loadConfiguration(cli.overrides);
    if (!config)
        return 1;
    kt::TrayApplication tray(*config);
    kt::quitOnTerminationSignals();
    return app.exec();
#else
    return fail(QStringLiteral("this build has no user interface: run kirotray --headless"));
#endif
}
