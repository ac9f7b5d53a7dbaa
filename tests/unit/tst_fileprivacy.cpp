// FilePrivacy: both implementations, here on Linux. posix(): directories 0700, a widened file is
// seen as not private. portable() (Windows' path, taken on Linux by KIROTRAY_PORTABLE_PATHS builds):
// directories created owner-only in one step through Qt's permission API, and no judgement from
// mode bits. native() is the one this build uses.
#include "util/fileprivacy.h"
#include "util/atomicfile.h"
#include "util/platform.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestFilePrivacy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void directoriesAreOwnerOnly_data()
    {
        QTest::addColumn<bool>("portable");
        QTest::newRow("posix") << false;
        QTest::newRow("portable") << true;
    }

    void directoriesAreOwnerOnly()
    {
        QFETCH(bool, portable);
        const FilePrivacy &privacy = portable ? FilePrivacy::portable() : FilePrivacy::posix();
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("d"));
        QCOMPARE(privacy.makePrivateDir(dir), QString());
        QCOMPARE(fileMode(dir), 0700);
        QCOMPARE(privacy.makePrivateDir(dir), QString());   // already there: fine
        writeFile(tmp.filePath(QStringLiteral("f")), "x");
        QCOMPARE(privacy.makePrivateDir(tmp.filePath(QStringLiteral("f"))),
                 QStringLiteral("cannot create directory %1").arg(tmp.filePath(QStringLiteral("f"))));
        QCOMPARE(privacy.makePrivateDir(tmp.filePath(QStringLiteral("missing/d"))),
                 QStringLiteral("cannot create directory %1").arg(tmp.filePath(QStringLiteral("missing/d"))));
    }

    void widenedFileJudgedOnlyByPosix()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("secret"));
        writeFile(path, "x");
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        QVERIFY(!FilePrivacy::posix().isPrivate(path));
        QVERIFY(FilePrivacy::portable().isPrivate(path));
        QVERIFY(FilePrivacy::restrict(path));
        QCOMPARE(fileMode(path), 0600);
        QVERIFY(FilePrivacy::posix().isPrivate(path));
    }

    void nativeIsThisBuilds()
    {
        QCOMPARE(&FilePrivacy::native(), platform::posixNative ? &FilePrivacy::posix() : &FilePrivacy::portable());
        QCOMPARE(platform::posixNative, !platform::portablePathsBuild);   // this suite runs on Linux only
    }

    void writePrivateThroughNative()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("a/b/secrets.json"));
        QCOMPARE(AtomicFile::writePrivate(path, "{}"), QString());
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(fileMode(tmp.filePath(QStringLiteral("a"))), 0700);
        QCOMPARE(fileMode(tmp.filePath(QStringLiteral("a/b"))), 0700);
    }
};

QTEST_GUILESS_MAIN(TestFilePrivacy)
#include "tst_fileprivacy.moc"
