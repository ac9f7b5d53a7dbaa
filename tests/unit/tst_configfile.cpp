// ConfigFile: merges settings changes into config.json keeping unknown keys, removes keys set to
// null, refuses values the loader would reject and files that are not JSON objects (nothing
// written), tells those refusals from write failures, and replaces the file atomically, owner-only.
#include "config/configfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace kt;
using Outcome = ConfigFile::Outcome;

class TestConfigFile : public QObject
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
        QCOMPARE(f.write(data), data.size());
    }

    // "saved", or the outcome's name and the error (an outcome other than Saved must come with one).
    static QString merge(const QString &path, const QJsonObject &changes)
    {
        const ConfigFile::Result r = ConfigFile::merge(path, changes);
        switch (r.outcome) {
        case Outcome::Saved:
            return r.error.isEmpty() ? QStringLiteral("saved") : QStringLiteral("saved with an error: ") + r.error;
        case Outcome::Refused:
            return QStringLiteral("refused: ") + (r.error.isEmpty() ? QStringLiteral("(no error given)") : r.error);
        case Outcome::Failed:
            return QStringLiteral("failed: ") + (r.error.isEmpty() ? QStringLiteral("(no error given)") : r.error);
        }
        return {};
    }

private Q_SLOTS:
    void createsTheFileOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/config.json"));
        QCOMPARE(merge(path, {{QStringLiteral("port"), 9000}}), QStringLiteral("saved"));
        QString error;
        QCOMPARE(ConfigFile::read(path, &error), (QJsonObject{{QStringLiteral("port"), 9000}}));
        QCOMPARE(error, QString());
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
    }

    void keepsOtherKeysAndRemovesNull()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        // (No raw string here: moc reads the "//" of a URL inside one as a comment.)
        write(path, QJsonDocument(QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-central-1")},
                                              {QStringLiteral("tlsBackend"), QStringLiteral("rustls")},
                                              {QStringLiteral("someFutureKey"), QJsonObject{{QStringLiteral("a"), 1}}},
                                              {QStringLiteral("proxyUrl"), QStringLiteral("http://127.0.0.1:7890")},
                                              {QStringLiteral("port"), 8080}}).toJson());
        QCOMPARE(merge(path, {{QStringLiteral("port"), 8181}, {QStringLiteral("proxyUrl"), QJsonValue()}}), QStringLiteral("saved"));
        QString error;
        const QJsonObject o = ConfigFile::read(path, &error);
        QCOMPARE(o, (QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-central-1")},
                                 {QStringLiteral("tlsBackend"), QStringLiteral("rustls")},
                                 {QStringLiteral("someFutureKey"), QJsonObject{{QStringLiteral("a"), 1}}},
                                 {QStringLiteral("port"), 8181}}));
    }

    void refusesInvalidValuesWritingNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray original = R"({"port":8080})";
        write(path, original);
        const QString region = merge(path, {{QStringLiteral("region"), QStringLiteral("not a region")}});
        QVERIFY2(region.startsWith(QStringLiteral("refused: ")) && region.contains(QStringLiteral("region")), qPrintable(region));
        QCOMPARE(readAll(path), original);
        const QString port = merge(path, {{QStringLiteral("port"), 70000}});
        QVERIFY2(port.startsWith(QStringLiteral("refused: ")) && port.contains(QStringLiteral("port")), qPrintable(port));
        QCOMPARE(readAll(path), original);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("config.json")});
    }

    void refusesBrokenFilesWritingNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        write(path, "{ broken");
        const QString broken = merge(path, {{QStringLiteral("port"), 9000}});
        QVERIFY2(broken.startsWith(QStringLiteral("refused: ")) && broken.contains(QStringLiteral("invalid JSON")), qPrintable(broken));
        QCOMPARE(readAll(path), QByteArray("{ broken"));
        write(path, "[1,2]");
        const QString array = merge(path, {{QStringLiteral("port"), 9000}});
        QVERIFY2(array.startsWith(QStringLiteral("refused: ")) && array.contains(QStringLiteral("JSON object")), qPrintable(array));
        QCOMPARE(readAll(path), QByteArray("[1,2]"));
    }

    void aBlankFileIsAnEmptyObject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        write(path, " \n");
        QCOMPARE(merge(path, {{QStringLiteral("port"), 9001}}), QStringLiteral("saved"));
        QString error;
        QCOMPARE(ConfigFile::read(path, &error), (QJsonObject{{QStringLiteral("port"), 9001}}));
    }

    void aFileInTheWayFails()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("blocker")), "a file where the folder should be");
        const QString path = dir.filePath(QStringLiteral("blocker/config.json"));
        const QString result = merge(path, {{QStringLiteral("port"), 9000}});
        QVERIFY2(result.startsWith(QStringLiteral("failed: ")) && result.contains(QStringLiteral("blocker")), qPrintable(result));
    }

    void aFolderWhereTheFileShouldBeFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("config.json")));
        const QString result = merge(path, {{QStringLiteral("port"), 9000}});
        QVERIFY2(result.startsWith(QStringLiteral("failed: ")) && result.contains(path), qPrintable(result));
        QVERIFY(QFileInfo(path).isDir());
    }

    // The new file replaces the old one by a rename: a reader holding the old file (here a second
    // name for it) never sees a half-written mix, and a group-readable file comes back owner-only.
    void replacesTheFileAtomically()
    {
#ifndef Q_OS_UNIX
        QSKIP("needs a hard link");
#else
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QString oldName = dir.filePath(QStringLiteral("old-config.json"));
        const QByteArray original = R"({"port":8080,"region":"eu-central-1"})";
        write(path, original);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QCOMPARE(::link(QFile::encodeName(path).constData(), QFile::encodeName(oldName).constData()), 0);
        QCOMPARE(merge(path, {{QStringLiteral("port"), 8282}}), QStringLiteral("saved"));
        QCOMPARE(readAll(oldName), original);
        QString error;
        QCOMPARE(ConfigFile::read(path, &error).value(QStringLiteral("port")).toInt(), 8282);
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{QStringLiteral("config.json"), QStringLiteral("old-config.json")}));
#endif
    }
};

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
