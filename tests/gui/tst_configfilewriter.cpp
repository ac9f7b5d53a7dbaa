// ConfigFileWriter: merges Settings changes into config.json keeping unknown keys, removes keys
// set to null, refuses values the loader would reject and files that are not JSON objects.
#include "files/configfilewriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

class TestConfigFileWriter : public QObject
{
    Q_OBJECT

private:
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static void write(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }

private Q_SLOTS:
    void createsTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/config.json"));
        QCOMPARE(ConfigFileWriter::merge(path, {{QStringLiteral("port"), 9000}}), QString());
        const QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(o.value(QStringLiteral("port")).toInt(), 9000);
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void keepsOtherKeysAndRemovesNull()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        // (No raw string here: moc reads the "//" of a URL inside one as a comment.)
        write(path, QJsonDocument(QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-central-1")},
                                              {QStringLiteral("tlsBackend"), QStringLiteral("rustls")},
                                              {QStringLiteral("proxyUrl"), QStringLiteral("http://127.0.0.1:7890")},
                                              {QStringLiteral("port"), 8080}}).toJson());
        QCOMPARE(ConfigFileWriter::merge(path, {{QStringLiteral("port"), 8181}, {QStringLiteral("proxyUrl"), QJsonValue()}}), QString());
        const QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(o.value(QStringLiteral("port")).toInt(), 8181);
        QCOMPARE(o.value(QStringLiteral("region")).toString(), QStringLiteral("eu-central-1"));
        QCOMPARE(o.value(QStringLiteral("tlsBackend")).toString(), QStringLiteral("rustls"));
        QVERIFY(!o.contains(QStringLiteral("proxyUrl")));
    }

    void refusesInvalidValues()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray original = R"({"port":8080})";
        write(path, original);
        const QString error = ConfigFileWriter::merge(path, {{QStringLiteral("region"), QStringLiteral("not a region")}});
        QVERIFY2(error.contains(QStringLiteral("region")), qPrintable(error));
        QCOMPARE(readAll(path), original);
        QVERIFY(!ConfigFileWriter::merge(path, {{QStringLiteral("port"), 70000}}).isEmpty());
        QCOMPARE(readAll(path), original);
    }

    void refusesBrokenFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        write(path, "{ broken");
        QVERIFY(ConfigFileWriter::merge(path, {{QStringLiteral("port"), 9000}}).contains(QStringLiteral("invalid JSON")));
        QCOMPARE(readAll(path), QByteArray("{ broken"));
        write(path, "[1,2]");
        QVERIFY(!ConfigFileWriter::merge(path, {{QStringLiteral("port"), 9000}}).isEmpty());
        QCOMPARE(readAll(path), QByteArray("[1,2]"));
    }
};

QTEST_MAIN(TestConfigFileWriter)
#include "tst_configfilewriter.moc"
