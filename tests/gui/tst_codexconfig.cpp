// CodexConfig: KiroTray's provider and model go into config.toml with every other byte kept (the
// exact text is compared, and Python's tomllib parses each result when it is there), a second run
// changes nothing, forms it cannot edit safely are refused, and apply/Undo restore the original.
#include "files/codexconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:8080");
const QString kModel = QStringLiteral("claude-sonnet-4.6");

const QByteArray kProvider = "[model_providers.kirotray]\n"
                             "name = \"KiroTray\"\n"
                             "base_url = \"http://127.0.0.1:8080/v1\"\n"
                             "env_key = \"KIROTRAY_API_KEY\"\n"
                             "wire_api = \"responses\"\n";

QByteArray edited(const QByteArray &before, QString *error = nullptr)
{
    QByteArray after;
    const QString e = CodexConfig::edit(before, kUrl, kModel, &after);
    if (error)
        *error = e;
    return after;
}

// The TOML parsed by Python's tomllib as JSON; an empty object when python3 or tomllib is missing.
QJsonObject parsedToml(const QByteArray &toml)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return {};
    QProcess p;
    p.start(python, {QStringLiteral("-c"),
                     QStringLiteral("import json,sys\ntry:\n import tomllib\nexcept ImportError:\n print('{}'); sys.exit(0)\n"
                                    "print(json.dumps(tomllib.loads(sys.stdin.read())))")});
    p.write(toml);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {{QStringLiteral("error"), QString::fromUtf8(p.readAllStandardError())}};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestCodexConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void edits_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("no file") << QByteArray()
                                 << "model_provider = \"kirotray\"\nmodel = \"claude-sonnet-4.6\"\n\n" + kProvider;
        QTest::newRow("other settings kept")
            << QByteArray("# my codex\nmodel = \"gpt-5\"   # old\napproval_policy = \"on-request\"\n\n[analytics]\nenabled = false\n\n"
                          "[model_providers.mylab]\nname = \"My lab\"\nbase_url = \"http://localhost:11434/v1\"\n\n"
                          "[profiles.fast]\nmodel = \"o4-mini\"\n")
            << "# my codex\nmodel = \"claude-sonnet-4.6\"\napproval_policy = \"on-request\"\nmodel_provider = \"kirotray\"\n\n"
               "[analytics]\nenabled = false\n\n[model_providers.mylab]\nname = \"My lab\"\nbase_url = \"http://localhost:11434/v1\"\n\n"
               "[profiles.fast]\nmodel = \"o4-mini\"\n\n" + kProvider;
        QTest::newRow("provider updated in place, its other keys and sub-table kept")
            << QByteArray("model_provider = \"kirotray\"\nmodel = \"claude-opus-4.6\"\n\n[model_providers.\"kirotray\"]\n"
                          "base_url = \"http://127.0.0.1:9999/v1\" # old port\nrequest_max_retries = 4\nwire_api = \"chat\"\n\n"
                          "[model_providers.kirotray.http_headers]\nX-Team = \"a\"\n")
            << QByteArray("model_provider = \"kirotray\"\nmodel = \"claude-sonnet-4.6\"\n\n[model_providers.\"kirotray\"]\n"
                          "base_url = \"http://127.0.0.1:8080/v1\"\nrequest_max_retries = 4\nwire_api = \"responses\"\n"
                          "name = \"KiroTray\"\nenv_key = \"KIROTRAY_API_KEY\"\n\n"
                          "[model_providers.kirotray.http_headers]\nX-Team = \"a\"\n");
        QTest::newRow("multi-line values and strings are not mistaken for keys or tables")
            << QByteArray("model = [\n  \"a\",\n  [\"b\"],\n]\nnotes = \"\"\"\n[model_providers.kirotray]\nmodel = 1\n\"\"\"\n"
                          "project_doc = '''\nwire_api = \"x\"\n'''\n")
            << "model = \"claude-sonnet-4.6\"\nnotes = \"\"\"\n[model_providers.kirotray]\nmodel = 1\n\"\"\"\n"
               "project_doc = '''\nwire_api = \"x\"\n'''\nmodel_provider = \"kirotray\"\n\n" + kProvider;
        QTest::newRow("CRLF line ends kept")
            << QByteArray("approval_policy = \"never\"\r\n\r\n[tui]\r\nnotifications = true\r\n")
            << QByteArray("approval_policy = \"never\"\r\nmodel_provider = \"kirotray\"\r\nmodel = \"claude-sonnet-4.6\"\r\n\r\n"
                          "[tui]\r\nnotifications = true\r\n\r\n")
                   + QByteArray(kProvider).replace("\n", "\r\n");
    }

    void edits()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QString error;
        const QByteArray out = edited(before, &error);
        QCOMPARE(error, QString());
        QCOMPARE(out, after);
        QCOMPARE(edited(out), out);   // a second run changes nothing

        const QJsonObject toml = parsedToml(out);
        if (toml.isEmpty())
            QSKIP("python3 with tomllib is not available to parse the result");
        QVERIFY2(!toml.contains(QStringLiteral("error")), qPrintable(toml.value(QStringLiteral("error")).toString()));
        QCOMPARE(toml.value(QStringLiteral("model_provider")).toString(), QStringLiteral("kirotray"));
        QCOMPARE(toml.value(QStringLiteral("model")).toString(), kModel);
        const QJsonObject provider = toml.value(QStringLiteral("model_providers")).toObject().value(QStringLiteral("kirotray")).toObject();
        QCOMPARE(provider.value(QStringLiteral("base_url")).toString(), kUrl + QStringLiteral("/v1"));
        QCOMPARE(provider.value(QStringLiteral("wire_api")).toString(), QStringLiteral("responses"));
        QCOMPARE(provider.value(QStringLiteral("env_key")).toString(), QStringLiteral("KIROTRAY_API_KEY"));
        QCOMPARE(provider.value(QStringLiteral("name")).toString(), QStringLiteral("KiroTray"));
    }

    void refusesOtherFormsOfTheTable_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::newRow("dotted keys") << QByteArray("model_providers.kirotray.name = \"mine\"\n");
        QTest::newRow("inline table") << QByteArray("model_providers = { kirotray = { name = \"mine\" } }\n");
        QTest::newRow("inline in the parent table") << QByteArray("[model_providers]\nkirotray = { name = \"mine\" }\n");
    }

    void refusesOtherFormsOfTheTable()
    {
        QFETCH(QByteArray, before);
        QString error;
        QCOMPARE(edited(before, &error), QByteArray());
        QVERIFY2(error.contains(QStringLiteral("model_providers.kirotray")), qPrintable(error));
    }

    void fileApplyAndUndo()
    {
        QTemporaryDir codexHome;
        CodexConfig config(codexHome.path());
        QCOMPARE(config.path(), codexHome.filePath(QStringLiteral("config.toml")));
        const QByteArray original = "model = \"gpt-5\"\n[mcp_servers.docs]\ncommand = \"docs-mcp\"\n";
        write(config.path(), original);
        QCOMPARE(config.currentModel(), QString());   // not KiroTray's provider yet
        const CodexConfig::Plan plan = config.plan(kUrl, kModel);
        QVERIFY(plan.changes());
        QCOMPARE(config.apply(plan), QString());
        QCOMPARE(readAll(config.path()), edited(original));
        QCOMPARE(config.currentModel(), kModel);
        QVERIFY(!config.plan(kUrl, kModel).changes());
        QCOMPARE(config.undo(), QString());
        QCOMPARE(readAll(config.path()), original);
    }

    void defaultHome()
    {
        QTemporaryDir dir;
        qputenv("CODEX_HOME", dir.path().toLocal8Bit());
        QCOMPARE(CodexConfig::defaultHome(), dir.path());
        qunsetenv("CODEX_HOME");
        QCOMPARE(CodexConfig::defaultHome(), QDir::home().filePath(QStringLiteral(".codex")));
    }

    void shellExports()
    {
        QCOMPARE(CodexConfig::shellExports(QStringLiteral("kt-abc"), CodexConfig::Shell::Posix),
                 QStringLiteral("export KIROTRAY_API_KEY='kt-abc'\n"));
        QCOMPARE(CodexConfig::shellExports(QStringLiteral("kt-abc"), CodexConfig::Shell::PowerShell),
                 QStringLiteral("$env:KIROTRAY_API_KEY = \"kt-abc\"\r\n"));
    }
};

QTEST_MAIN(TestCodexConfig)
#include "tst_codexconfig.moc"
