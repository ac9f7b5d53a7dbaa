// Standalone fake Kiro upstream for benches, demos and the package smoke test.
#include "fakekiroserver.h"
#include "fakescenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake_kiro"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fake Kiro backend (generateAssistantResponse, refreshToken, token, getUsageLimits).\n"
                                                    "Scenarios: ") + kt::fake::FakeScenarios::names().join(QStringLiteral(", ")));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("TCP port (0 = any free port)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Address to bind."), QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Split response bodies into writes of N bytes (0 = whole frames)."), QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"), QStringLiteral("Default scenario."), QStringLiteral("name"), QStringLiteral("text"));
    const QCommandLineOption delayOption(QStringLiteral("event-delay"), QStringLiteral("Delay between event frames in ms."), QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption closeOption(QStringLiteral("close"), QStringLiteral("Close every connection after one response (no keep-alive)."));
    const QCommandLineOption approveOption(QStringLiteral("auto-approve"), QStringLiteral("Approve every device sign-in at once, as <email>."), QStringLiteral("email"));
    parser.addOptions({portOption, hostOption, chunkOption, scenarioOption, delayOption, closeOption, approveOption});
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false, chunkOk = false, delayOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const int chunk = parser.value(chunkOption).toInt(&chunkOk);
    const int delay = parser.value(delayOption).toInt(&delayOk);
    const QHostAddress host(parser.value(hostOption));
    if (!portOk || port > 65535 || !chunkOk || chunk < 0 || !delayOk || delay < 0 || host.isNull()) {
        err << "fake_kiro: invalid --port, --host, --chunk or --event-delay\n";
        return 2;
    }
    if (!kt::fake::FakeScenarios::exists(parser.value(scenarioOption))) {
        err << "fake_kiro: unknown scenario " << parser.value(scenarioOption) << '\n';
        return 2;
    }

    kt::fake::FakeKiroServer server;
    server.setChunkSize(chunk);
    server.setEventDelayMs(delay);
    server.setDefaultScenario(parser.value(scenarioOption));
    server.setKeepAlive(!parser.isSet(closeOption));
    server.signIn.setAutoApprove(parser.value(approveOption));
    server.signIn.setSocialEmail(parser.value(approveOption));
    if (!server.listen(host, quint16(port))) {
        err << "fake_kiro: cannot listen on " << host.toString() << ':' << port << '\n';
        return 1;
    }
    QTextStream(stdout) << "listening on " << server.baseUrl() << Qt::endl;
    return app.exec();
}
