// Runs after the whole suite: every data directory, database (with its -wal/-shm), config file and
// captured log the suites left in KIROTRAY_TEST_ARTIFACTS is free of the test secrets in clear or
// lightly encoded; only owner-only secret files (secrets.json, credentials.json) may hold them.
#include "secretscanner.h"
#include "testsecrets.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt::test;

namespace {

bool plant(const QString &path, const QByteArray &data, QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.setPermissions(mode);
}

QStringList describe(const QList<SecretFinding> &findings)
{
    QStringList out;
    for (const SecretFinding &f : findings)
        out << QStringLiteral("%1: %2 [%3]").arg(f.path, f.secret, f.form);
    return out;
}

QSet<QString> fileNames(const QList<SecretFinding> &findings)
{
    QSet<QString> names;
    for (const SecretFinding &f : findings)
        names.insert(QFileInfo(f.path).fileName());
    return names;
}

} // namespace

class TestSecretScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The scanner finds what it is meant to find, so a clean result below means something.
    void scannerFindsPlantedSecrets()
    {
        QTemporaryDir dir;
        const QByteArray apiKey = TestApiKey;
        const QByteArray refresh = TestRefreshToken.toLatin1();
        const QByteArray ownerOnly = "{\"refreshToken\":\"" + refresh + "\"}";
        QVERIFY(plant(dir.filePath("clean.txt"), "nothing to see: kt-test-api-key (a name, not the key)"));
        QVERIFY(plant(dir.filePath("data/app.log"), "POST /v1/messages key=" + apiKey + "\n"));
        QVERIFY(plant(dir.filePath("data/blob.bin"), "xx" + ("!" + apiKey + "!").toBase64() + "yy"));
        QVERIFY(plant(dir.filePath("data/url.txt"), "t=" + ("?" + refresh).toBase64(QByteArray::Base64UrlEncoding)));
        QVERIFY(plant(dir.filePath("data/wide.sqlite-wal"), QByteArray("\x01\x02", 2) + QByteArray::fromRawData(reinterpret_cast<const char *>(TestRefreshToken.utf16()), TestRefreshToken.size() * 2)));
        QVERIFY(plant(dir.filePath("data/hex.txt"), refresh.toHex()));
        QVERIFY(plant(dir.filePath("data/minted.json"), "{\"accessToken\":\"fake-access-12-Asecret0123456789\"}"));
        QVERIFY(plant(dir.filePath("data/rotated.txt"), "rt=my-rotate-refresh-zz-0123456789-r3"));
        QVERIFY(plant(dir.filePath("data/kirotray.sqlite"), QByteArray("SQLite format 3\0", 16) + "no secrets"));
        QVERIFY(plant(dir.filePath("store/secrets.json"), ownerOnly.toBase64()));   // group/other readable
        QVERIFY(plant(dir.filePath("ok/secrets.json"), ownerOnly.toBase64(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(plant(dir.filePath("ok/credentials.json"), ownerOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        const SecretScanner scanner(TestSecrets::literals(), TestSecrets::patterns());
        const SecretScanReport report = scanner.scan(dir.path());
        QCOMPARE(report.files, 12);
        QCOMPARE(report.dataDirs, QStringList{QDir(dir.filePath("data")).absolutePath()});
        QCOMPARE(report.sqliteFiles.size(), 2);
        const QSet<QString> expected{"app.log", "blob.bin", "url.txt", "wide.sqlite-wal", "hex.txt", "minted.json", "rotated.txt"};
        QCOMPARE(fileNames(report.findings), expected);
        QCOMPARE(report.secretFiles.size(), 3);
        QCOMPARE(report.secretFilesWithSecrets, 3);
        QCOMPARE(report.modeViolations.size(), 1);
        QVERIFY2(report.modeViolations[0].contains("store/secrets.json") && report.modeViolations[0].contains("644"),
                 qPrintable(report.modeViolations[0]));
        const QStringList lines = describe(report.findings);
        QVERIFY2(lines.filter("blob.bin").join(' ').contains("[base64]"), qPrintable(lines.join('\n')));
        QVERIFY2(lines.filter("url.txt").join(' ').contains("[base64"), qPrintable(lines.join('\n')));
        QVERIFY2(lines.filter("wide.sqlite-wal").join(' ').contains("[utf-16le]"), qPrintable(lines.join('\n')));
        QVERIFY2(lines.filter("hex.txt").join(' ').contains("[hex]"), qPrintable(lines.join('\n')));
    }

    // What the suites left behind.
    void suiteArtifactsHoldNoSecrets()
    {
        const QString root = qEnvironmentVariable("KIROTRAY_TEST_ARTIFACTS");
        QVERIFY2(!root.isEmpty(), "KIROTRAY_TEST_ARTIFACTS is not set (run through ctest)");
        QVERIFY2(QDir(root).exists(), qPrintable(QStringLiteral("%1 does not exist: no suite kept its data").arg(root)));
        const SecretScanner scanner(TestSecrets::literals(), TestSecrets::patterns());
        const SecretScanReport report = scanner.scan(root);
        qInfo().noquote() << QStringLiteral("scanned %1 files (%2 KiB): %3 data directories, %4 SQLite files, %5 owner-only secret files (%6 holding secrets)")
                                 .arg(report.files).arg(report.bytes / 1024).arg(report.dataDirs.size()).arg(report.sqliteFiles.size())
                                 .arg(report.secretFiles.size()).arg(report.secretFilesWithSecrets);
        // Enough was scanned for a clean result to mean something: the suites did keep their data.
        QVERIFY2(report.dataDirs.size() > 0, "no proxy data directory among the artifacts");
        QVERIFY2(!report.sqliteFiles.isEmpty(), "no SQLite database among the artifacts");
        QVERIFY2(report.secretFilesWithSecrets > 0, "no secret store held secrets: the suites stored none, so the scan proves nothing");
        QVERIFY2(report.files >= 3 * report.dataDirs.size(), "fewer files than a data directory has");
        const QStringList found = describe(report.findings);
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 secrets in clear:\n").arg(found.size()) + found.mid(0, 40).join('\n')));
        QVERIFY2(report.modeViolations.isEmpty(), qPrintable(QStringLiteral("secret files not owner-only:\n") + report.modeViolations.mid(0, 40).join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestSecretScan)
#include "tst_secretscan.moc"
