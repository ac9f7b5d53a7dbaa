// kirotray: command line, configuration, then the headless server or the tray application.
#include "commandline.h"
#include "stdinlines.h"
#include "unixsignals.h"

#include "secrets/apikeystore.h"
#include "config/configloader.h"
#include "secrets/filesecretstore.h"
#include "service/secretstorechoice.h"
#include "service/loginrunner.h"
#include "service/proxyservice.h"
#include "service/proxysetup.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <cstdio>
#include <memory>

#ifdef KIROTRAY_WITH_GUI
#include "platform/singleinstance.h"
#include "tray/trayapplication.h"
#include "platform/translationloader.h"
#include "platform/uisettings.h"
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>
#endif

namespace {

// The last message fail() printed, for the GUI to show in a dialog.
QString &lastFailure()
{
    static QString message;
    return message;
}

int fail(const QString &message)
{
    lastFailure() = message;
    std::fprintf(stderr, "kirotray: %s\n", qPrintable(message));
    return 1;
}

std::optional<kt::ProxySetup> loadConfiguration(const kt::CommandLineOverrides &overrides)
{
    const kt::ConfigLoadResult loaded = kt::ConfigLoader::load(overrides, QProcessEnvironment::systemEnvironment());
    for (const QString &warning : loaded.warnings)
        std::fprintf(stderr, "kirotray: warning: %s\n", qPrintable(warning));
    if (!loaded.config) {
        fail(loaded.error);
        return std::nullopt;
    }
    kt::Config config = *loaded.config;
    if (!config.apiKey.isEmpty())
        return config;
    // The generated key lives in the secret store: it is chosen (and adopted) here, once, and the
    // proxy keeps using this store for the accounts. Otherwise the proxy chooses when it opens them.
    kt::SecretStoreChoice secrets = kt::chooseSecretStore(config.secretStore, config.dataDir);
    if (!secrets.store) {
        fail(secrets.error);
        return std::nullopt;
    }
    QString adoptError;
    if (!kt::adoptSecretStore(*secrets.store, config.dataDir, &adoptError))
        std::fprintf(stderr, "kirotray: warning: %s\n", qPrintable(adoptError));
    const kt::ApiKeyStore::Result key = kt::ApiKeyStore::resolve(config, secrets.store.get());
    if (!key.error.isEmpty()) {
        fail(key.error);
        return std::nullopt;
    }
    if (key.generated) {
        // Printed once, on the run that created it; afterwards it is read from the secret store.
        const QString where = secrets.store->backend() == QLatin1String("keychain")
            ? QStringLiteral("the system keychain")
            : kt::FileSecretStore::filePath(config.dataDir);
        std::printf("Generated a new API key for this proxy (stored in %s):\n  %s\n", qPrintable(where), qPrintable(key.key));
        std::fflush(stdout);
    }
    return kt::ProxySetup(config, std::move(secrets.store));
}

int runHeadless(int argc, char **argv, const kt::CommandLine &cli)
{
    QCoreApplication app(argc, argv);
    const auto setup = loadConfiguration(cli.overrides);
    if (!setup)
        return 1;
    kt::ProxyService service(setup->config, setup->secrets);
    const QString error = service.startAndWait();
    if (!error.isEmpty())
        return fail(error);
    kt::quitOnTerminationSignals();   // before the line a supervisor may answer with SIGTERM at once
    std::printf("KiroTray %s listening on %s\n", KIROTRAY_VERSION, qPrintable(service.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}

QString methodTitle(kt::SignInMethod m)
{
    switch (m) {
    case kt::SignInMethod::BuilderId: return QStringLiteral("AWS Builder ID");
    case kt::SignInMethod::Idc: return QStringLiteral("your organisation's IAM Identity Center");
    case kt::SignInMethod::Google: return QStringLiteral("Google");
    case kt::SignInMethod::Github: return QStringLiteral("GitHub");
    }
    return {};
}

// kirotray login <method>: prints the code or the address, waits, and reports the account.
int runLogin(int argc, char **argv, const kt::CommandLine &cli)
{
    QCoreApplication app(argc, argv);
    const auto setup = loadConfiguration(cli.overrides);
    if (!setup)
        return 1;
    const kt::Config *config = &setup->config;
    kt::LoginRunner runner(*setup, *cli.login);
    kt::StdinLines pasted;
    QObject::connect(&pasted, &kt::StdinLines::line, &runner, [&runner](const QString &line) {
        if (!line.isEmpty())
            runner.complete(line);
    });
    QObject::connect(&runner, &kt::LoginRunner::pasteRefused, &app, [](const QString &error) {
        std::printf("%s\nPaste the address the browser ended on, then press Enter.\n", qPrintable(error));
        std::fflush(stdout);
    });
    int exitCode = 1;
    QObject::connect(&runner, &kt::LoginRunner::prompted, &app, [&runner, &config, &pasted](const kt::SignInStatus &s) {
        const QString where = runner.remote() ? QStringLiteral("the running KiroTray at http://%1:%2").arg(config->host).arg(config->port)
                                              : QStringLiteral("the data directory %1").arg(config->dataDir);
        if (!s.userCode.isEmpty()) {
            std::printf("To sign in with %s, open\n  %s\nand confirm the code\n  %s\n", qPrintable(methodTitle(s.method)),
                        qPrintable(s.verificationUriComplete), qPrintable(s.userCode));
        } else {
            std::printf("To sign in with %s, open this address in a browser:\n  %s\n", qPrintable(methodTitle(s.method)),
                        qPrintable(s.authorizeUrl));
            std::printf(s.redirectPaste ? "The login page ends on a kiro:// address the browser cannot open: copy it (the browser's "
                                          "developer tools show it), paste it here and press Enter.\n"
                                        : "If the browser is not on this computer, it ends on a http://127.0.0.1 address it cannot "
                                          "open: paste that address here and press Enter.\n");
            pasted.start();
        }
        std::printf("Waiting (until %s); the account goes into %s.\n", qPrintable(s.expiresAt.toLocalTime().toString(QStringLiteral("HH:mm"))),
                    qPrintable(where));
        std::fflush(stdout);
    });
    QObject::connect(&runner, &kt::LoginRunner::finished, &app, [&exitCode](const kt::SignInStatus &s) {
        if (s.state == kt::SignInState::Succeeded) {
            std::printf("Signed in: account %lld %s.\n", s.accountId, s.accountCreated ? "added" : "updated");
            exitCode = 0;
        } else {
            std::fprintf(stderr, "kirotray: sign-in %s: %s\n", qPrintable(kt::signInStateName(s.state)), qPrintable(s.message));
        }
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    QObject::connect(&runner, &kt::LoginRunner::failed, &app, [](const QString &error) {
        fail(error);
        QCoreApplication::exit(1);
    });
    runner.start();
    kt::quitOnTerminationSignals();
    const int rc = app.exec();
    return rc != 0 ? rc : exitCode;
}

#ifdef KIROTRAY_WITH_GUI
// The data directory as ConfigLoader will find it before reading config.json: enough to tell two
// launches for the same data apart before anything slow (keychain probe) happens.
QString earlyDataDir(const kt::CommandLineOverrides &overrides)
{
    QString dir = overrides.dataDir;
    if (dir.isEmpty())
        dir = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DATA_DIR")).trimmed();
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).absolutePath();
}

int runGui(int argc, char **argv, const kt::CommandLine &cli)
{
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    QApplication::setDesktopFileName(QStringLiteral("io.github.kirotray.KiroTray"));
    kt::SingleInstance instance(kt::SingleInstance::keyFor(earlyDataDir(cli.overrides)));
    if (!instance.acquire()) {
        std::printf("KiroTray is already running; its window was brought forward.\n");
        return 0;
    }
    const auto setup = loadConfiguration(cli.overrides);
    if (!setup) {
        kt::TranslationLoader::install(QString());
        QMessageBox::critical(nullptr, QStringLiteral("KiroTray"),
                              QCoreApplication::translate("main", "KiroTray cannot start:\n%1").arg(lastFailure()));
        return 1;
    }
    kt::TranslationLoader::install(kt::UiSettings(setup->config.dataDir).language());
    const kt::CommandLineOverrides overrides = cli.overrides;
    kt::TrayApplication tray(*setup, [overrides](QString *error) {
        std::optional<kt::ProxySetup> loaded = loadConfiguration(overrides);
        if (!loaded)
            *error = lastFailure();
        return loaded;
    });
    tray.attach(&instance);
    kt::quitOnTerminationSignals();
    return app.exec();
}
#endif

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
    if (cli.login)
        return runLogin(argc, argv, cli);
    if (cli.headless)
        return runHeadless(argc, argv, cli);
#ifdef KIROTRAY_WITH_GUI
    return runGui(argc, argv, cli);
#else
    return fail(QStringLiteral("this build has no user interface: run kirotray --headless"));
#endif
}
