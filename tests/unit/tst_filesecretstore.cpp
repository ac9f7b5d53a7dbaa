// FileSecretStore: round trips (text and binary), mode 0600 (and tightening a widened file),
// atomic replacement, "missing" told apart from "cannot answer", no secret in any error, and many
// entries written in one replacement (all or none); a file read before any write is indexed, not
// parsed, and reads the same.
#include "secrets/filesecretstore.h"
#include "testfiles.h"
#include "util/platform.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>

using namespace kt;
using namespace kt::test;

namespace {

struct FileId {
    int mode = -1;
    quint64 inode = 0;
};

FileId statFile(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {int(st.st_mode & 07777), quint64(st.st_ino)};
}

} // namespace

class TestFileSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip();
    void binaryValuesRoundTrip();
    void missingIsNotAnError();
    void removeAndKeys();
    void fileIsPrivate();
    void widenedFileTightenedOnRead();
    void replacedAtomically();
    void corruptFileIsAnErrorAndNotOverwritten_data();
    void corruptFileIsAnErrorAndNotOverwritten();
    void malformedEntryIsAnError();
    void unwritableLocation();
    void createsMissingDataDir();
    void readsOnceAndSeesOtherWriters();
    void writeManyReplacesOnce();
    void writeManyFailsWhole();
    void removeManyReplacesOnce();
    void readManyInOrder();
    void indexedReadsEqualTheParsedFile_data();
    void indexedReadsEqualTheParsedFile();
    void indexedReadsOneMalformedEntry();
    void writtenVersionFirstAccountsById();
    void brokenPastTheEntriesRead();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestFileSecretStore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestFileSecretStore::cleanup()
{
    m_tmp.reset();
}

void TestFileSecretStore::roundTrip()
{
    FileSecretStore store(m_tmp->path());
    QCOMPARE(store.backend(), QStringLiteral("file"));
    QCOMPARE(store.filePath(), m_tmp->filePath(QStringLiteral("secrets.json")));
    QString error;
    const QByteArray value = R"({"refreshToken":"aorA-secret","accessToken":"aoa-secret"})";
    QVERIFY2(store.write(QStringLiteral("account/1"), value, &error), qPrintable(error));
    QVERIFY(store.write(QStringLiteral("api-key"), "kt-abc", &error));
    QCOMPARE(store.read(QStringLiteral("account/1"), &error), std::optional<QByteArray>(value));
    QVERIFY(error.isEmpty());
    QVERIFY(store.write(QStringLiteral("api-key"), "kt-replaced", &error));
    // A second instance (another start) sees the same values: nothing is only cached.
    FileSecretStore other(m_tmp->path());
    QCOMPARE(other.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>("kt-replaced"));
    QCOMPARE(other.read(QStringLiteral("account/1"), &error), std::optional<QByteArray>(value));
    // Text values are stored readably (a user can restore a backup by hand).
    const QJsonObject root = QJsonDocument::fromJson(readFile(store.filePath())).object();
    QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(root.value(QLatin1String("secrets")).toObject().value(QLatin1String("api-key")).toString(), QStringLiteral("kt-replaced"));
}

void TestFileSecretStore::binaryValuesRoundTrip()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    const QByteArray binary("\x00\xff\xfe secret \x80\x01", 13);
    const QByteArray empty;
    QVERIFY(store.write(QStringLiteral("bin"), binary, &error));
    QVERIFY(store.write(QStringLiteral("empty"), empty, &error));
    QVERIFY(store.write(QStringLiteral("unicode ✓/key"), QStringLiteral("värde ✓").toUtf8(), &error));
    QCOMPARE(store.read(QStringLiteral("bin"), &error), std::optional<QByteArray>(binary));
    const auto e = store.read(QStringLiteral("empty"), &error);
    QVERIFY(e.has_value());   // stored-but-empty is not missing
    QVERIFY(e->isEmpty());
    QCOMPARE(store.read(QStringLiteral("unicode ✓/key"), &error), std::optional<QByteArray>(QStringLiteral("värde ✓").toUtf8()));
}

void TestFileSecretStore::missingIsNotAnError()
{
    FileSecretStore store(m_tmp->path());
    QString error = QStringLiteral("stale");
    // No file at all.
    QVERIFY(!store.read(QStringLiteral("account/1"), &error).has_value());
    QVERIFY(error.isEmpty());
    QVERIFY(!QFile::exists(store.filePath()));   // reading creates nothing
    QVERIFY(store.remove(QStringLiteral("account/1"), &error));
    QVERIFY(store.keys(&error).isEmpty());
    QVERIFY(error.isEmpty());
    // A file without that key.
    QVERIFY(store.write(QStringLiteral("other"), "x", &error));
    error = QStringLiteral("stale");
    QVERIFY(!store.read(QStringLiteral("account/1"), &error).has_value());
    QVERIFY(error.isEmpty());
    // An empty file (e.g. touched) reads as an empty store.
    writeFile(store.filePath(), "");
    QVERIFY(!store.read(QStringLiteral("other"), &error).has_value());
    QVERIFY(error.isEmpty());
}

void TestFileSecretStore::removeAndKeys()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    for (const char *k : {"account/1", "account/2", "api-key"})
        QVERIFY(store.write(QLatin1String(k), "v", &error));
    QStringList keys = store.keys(&error);
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("account/1"), QStringLiteral("account/2"), QStringLiteral("api-key")}));
    QVERIFY(store.remove(QStringLiteral("account/2"), &error));
    QVERIFY(!store.read(QStringLiteral("account/2"), &error).has_value());
    QVERIFY(error.isEmpty());
    QCOMPARE(store.keys(&error).size(), 2);
    QVERIFY(!readFile(store.filePath()).contains("account/2"));
}

void TestFileSecretStore::fileIsPrivate()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.write(QStringLiteral("k"), "v", &error));
    QCOMPARE(statFile(store.filePath()).mode, 0600);
    QVERIFY(store.write(QStringLiteral("k2"), "v", &error));
    QCOMPARE(statFile(store.filePath()).mode, 0600);
}

void TestFileSecretStore::widenedFileTightenedOnRead()
{
    if (!platform::posixNative)
        QSKIP("no mode bits to widen: the portable FilePrivacy trusts the folder (tst_fileprivacy)");
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.write(QStringLiteral("k"), "v", &error));
    QVERIFY(QFile::setPermissions(store.filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                        | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(statFile(store.filePath()).mode, 0644);
    QCOMPARE(store.read(QStringLiteral("k"), &error), std::optional<QByteArray>("v"));
    QCOMPARE(statFile(store.filePath()).mode, 0600);
    // A write replaces a widened file with a private one too.
    QVERIFY(QFile::setPermissions(store.filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QVERIFY(store.write(QStringLiteral("k"), "w", &error));
    QCOMPARE(statFile(store.filePath()).mode, 0600);
}

void TestFileSecretStore::replacedAtomically()
{
    // Each write lands as a new file renamed over the old one: a reader (or a crash) sees the old
    // whole file or the new whole file, never a mix. The inode changing shows the rename.
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.write(QStringLiteral("k"), "first", &error));
    const FileId before = statFile(store.filePath());
    QVERIFY(store.write(QStringLiteral("k"), "second", &error));
    const FileId after = statFile(store.filePath());
    QVERIFY(before.inode != 0);
    QVERIFY(before.inode != after.inode);
    // No temporary file is left beside it.
    QCOMPARE(QDir(m_tmp->path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("secrets.json")});
    // Every intermediate state parses: write many values and check the file after each.
    for (int i = 0; i < 50; ++i) {
        QVERIFY(store.write(QStringLiteral("account/%1").arg(i), QByteArray(2000, char('a' + i % 26)), &error));
        QJsonParseError pe;
        QJsonDocument::fromJson(readFile(store.filePath()), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
    }
    QCOMPARE(store.keys(&error).size(), 51);
}

void TestFileSecretStore::corruptFileIsAnErrorAndNotOverwritten_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("truncated") << QByteArray(R"({"version":1,"secrets":{"api-key":"kt-SECRET-123)");
    QTest::newRow("array") << QByteArray(R"(["kt-SECRET-123"])");
    QTest::newRow("wrong version") << QByteArray(R"({"version":2,"secrets":{"api-key":"kt-SECRET-123"}})");
    QTest::newRow("no secrets object") << QByteArray(R"({"version":1,"secrets":"kt-SECRET-123"})");
    QTest::newRow("binary junk") << QByteArray("\x01\x02kt-SECRET-123\xff", 16);
}

void TestFileSecretStore::corruptFileIsAnErrorAndNotOverwritten()
{
    QFETCH(QByteArray, content);
    FileSecretStore store(m_tmp->path());
    writeFile(store.filePath(), content);
    QString error;
    QVERIFY(!store.read(QStringLiteral("api-key"), &error).has_value());
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(store.filePath()), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("SECRET")), qPrintable(error));
    // Writing must not replace a file it could not understand: that would lose every other secret.
    QVERIFY(!store.write(QStringLiteral("api-key"), "new", &error));
    QVERIFY(!store.remove(QStringLiteral("api-key"), &error));
    QVERIFY(store.keys(&error).isEmpty());
    QVERIFY(!error.isEmpty());
    QCOMPARE(readFile(store.filePath()), content);
}

void TestFileSecretStore::malformedEntryIsAnError()
{
    FileSecretStore store(m_tmp->path());
    writeFile(store.filePath(), R"({"version":1,"secrets":{"n":5,"b":{"base64":7},"ok":{"base64":"AAE="}}})");
    QString error;
    QVERIFY(!store.read(QStringLiteral("n"), &error).has_value());
    QVERIFY2(error.contains(QLatin1String("'n' is malformed")), qPrintable(error));
    QVERIFY(!store.read(QStringLiteral("b"), &error).has_value());
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.read(QStringLiteral("ok"), &error), std::optional<QByteArray>(QByteArray("\x00\x01", 2)));
    QVERIFY(error.isEmpty());
    // A write of another entry keeps them as they are.
    QVERIFY(store.write(QStringLiteral("new"), "v", &error));
    const QJsonObject secrets = QJsonDocument::fromJson(readFile(store.filePath())).object().value(QLatin1String("secrets")).toObject();
    QCOMPARE(secrets.value(QLatin1String("n")), QJsonValue(5));
    QCOMPARE(secrets.value(QLatin1String("b")), QJsonValue(QJsonObject{{QLatin1String("base64"), 7}}));
}

void TestFileSecretStore::unwritableLocation()
{
    const QString notADir = m_tmp->filePath(QStringLiteral("plainfile"));
    writeFile(notADir, "x");
    FileSecretStore store(notADir);
    QString error;
    QVERIFY(!store.write(QStringLiteral("k"), "SECRET-VALUE", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1String("SECRET-VALUE")));
}

void TestFileSecretStore::createsMissingDataDir()
{
    const QString dir = m_tmp->filePath(QStringLiteral("a/b"));
    FileSecretStore store(dir);
    QString error;
    QVERIFY2(store.write(QStringLiteral("k"), "v", &error), qPrintable(error));
    QCOMPARE(statFile(dir).mode, 0700);
    QCOMPARE(statFile(store.filePath()).mode, 0600);
}

void TestFileSecretStore::readsOnceAndSeesOtherWriters()
{
    FileSecretStore a(m_tmp->path()), b(m_tmp->path());
    QString error;
    for (int i = 0; i < 50; ++i)
        QVERIFY(a.write(QStringLiteral("account/%1").arg(i), "v1", &error));
    QCOMPARE(b.read(QStringLiteral("account/7"), &error), std::optional<QByteArray>("v1"));
    // b answers from what it read; a's next write (or a hand edit) replaces the file, which b notices.
    QVERIFY(a.write(QStringLiteral("account/7"), "v2", &error));
    QCOMPARE(b.read(QStringLiteral("account/7"), &error), std::optional<QByteArray>("v2"));
    QVERIFY(b.remove(QStringLiteral("account/8"), &error));
    QCOMPARE(a.read(QStringLiteral("account/8"), &error), std::nullopt);
    writeFile(a.filePath(), R"({"version":1,"secrets":{"account/7":"by hand"}})");
    QCOMPARE(a.read(QStringLiteral("account/7"), &error), std::optional<QByteArray>("by hand"));
    QCOMPARE(b.keys(&error), QStringList{QStringLiteral("account/7")});
}

void TestFileSecretStore::writeManyReplacesOnce()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.write(QStringLiteral("api-key"), "kept", &error));
    QList<std::pair<QString, QByteArray>> entries;
    for (int i = 0; i < 1000; ++i)
        entries.append({QStringLiteral("account/%1").arg(i), QByteArray("value-") + QByteArray::number(i)});
    entries.append({QStringLiteral("account/7"), QByteArray("\x00\xff", 2)});   // a later value of a key wins
    const FileId before = statFile(store.filePath());
    QCOMPARE(store.writeMany(entries, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(statFile(store.filePath()).inode != before.inode);
    QCOMPARE(statFile(store.filePath()).mode, 0600);
    QCOMPARE(QDir(m_tmp->path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("secrets.json")});
    // What another reader finds in the file: every entry, and the one that was there before.
    FileSecretStore reader(m_tmp->path());
    QCOMPARE(reader.keys(&error).size(), 1001);
    QCOMPARE(reader.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>("kept"));
    QCOMPARE(reader.read(QStringLiteral("account/999"), &error), std::optional<QByteArray>("value-999"));
    QCOMPARE(reader.read(QStringLiteral("account/7"), &error), std::optional<QByteArray>(QByteArray("\x00\xff", 2)));
    QCOMPARE(store.writeMany({}, &error), QStringList());
}

void TestFileSecretStore::writeManyFailsWhole()
{
    // A file it cannot understand is left alone, and every key is reported as not written.
    FileSecretStore store(m_tmp->path());
    const QByteArray corrupt = R"({"version":1,"secrets":{"api-key":"kt-SECRET-123)";
    writeFile(store.filePath(), corrupt);
    QString error;
    const QStringList failed = store.writeMany({{QStringLiteral("a"), "SECRET-A"}, {QStringLiteral("b"), "SECRET-B"}}, &error);
    QCOMPARE(failed, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1String("SECRET")));
    QCOMPARE(readFile(store.filePath()), corrupt);
    // Nowhere to write: the same.
    const QString notADir = m_tmp->filePath(QStringLiteral("plainfile"));
    writeFile(notADir, "x");
    FileSecretStore nowhere(notADir);
    QCOMPARE(nowhere.writeMany({{QStringLiteral("a"), "SECRET-A"}}, &error), QStringList{QStringLiteral("a")});
    QVERIFY(!error.isEmpty());
}

void TestFileSecretStore::removeManyReplacesOnce()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QList<std::pair<QString, QByteArray>> entries;
    QStringList gone;
    for (int i = 0; i < 1000; ++i) {
        entries.append({QStringLiteral("account/%1").arg(i), QByteArray("value-") + QByteArray::number(i)});
        if (i != 500)
            gone.append(entries.last().first);
    }
    QCOMPARE(store.writeMany(entries, &error), QStringList());
    gone.append(QStringLiteral("account/missing"));   // a missing key is no failure
    const FileId before = statFile(store.filePath());
    QCOMPARE(store.removeMany(gone, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(statFile(store.filePath()).inode != before.inode);
    QCOMPARE(statFile(store.filePath()).mode, 0600);
    FileSecretStore reader(m_tmp->path());
    QCOMPARE(reader.keys(&error), QStringList{QStringLiteral("account/500")});
    // Nothing to remove: the file is not rewritten.
    const FileId kept = statFile(store.filePath());
    QCOMPARE(store.removeMany(gone, &error), QStringList());
    QCOMPARE(statFile(store.filePath()).inode, kept.inode);
    // A file it cannot understand is left alone, and every key is reported as not removed.
    const QByteArray corrupt = R"({"version":1,"secrets":{"account/500":"SECRET-1)";
    writeFile(store.filePath(), corrupt);
    QCOMPARE(store.removeMany({QStringLiteral("account/500")}, &error), QStringList{QStringLiteral("account/500")});
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1String("SECRET")));
    QCOMPARE(readFile(store.filePath()), corrupt);
}

void TestFileSecretStore::readManyInOrder()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.writeMany({{QStringLiteral("account/1"), "one"}, {QStringLiteral("account/2"), "two"}}, &error).isEmpty());
    QHash<QString, QString> errors;
    const QStringList keys = {QStringLiteral("account/2"), QStringLiteral("account/9"), QStringLiteral("account/1")};
    QCOMPARE(store.readMany(keys, &errors),
             (QList<std::optional<QByteArray>>{QByteArray("two"), std::nullopt, QByteArray("one")}));
    QVERIFY(errors.isEmpty());   // a missing key is no error
    QCOMPARE(store.readMany(keys, nullptr).size(), 3);
    // An unreadable file: every key says why, nothing is returned, no secret in the message.
    writeFile(store.filePath(), R"({"version":1,"secrets":{"account/1":"SECRET-1)");
    const auto values = store.readMany(keys, &errors);
    QCOMPARE(values, (QList<std::optional<QByteArray>>(3)));
    QCOMPARE(errors.size(), 3);
    QVERIFY(!errors.value(keys[0]).isEmpty());
    QVERIFY(!errors.value(keys[0]).contains(QLatin1String("SECRET")));
    QCOMPARE(store.readMany(keys, nullptr).size(), 3);
}

// A store that has not written reads through SecretsFileIndex: every value as a full parse gives it,
// whatever the layout; what the index cannot take (an escaped key) is parsed in full instead.
void TestFileSecretStore::indexedReadsEqualTheParsedFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QByteArray written;
    {
        QTemporaryDir dir;
        FileSecretStore writer(dir.path());
        QString error;
        QVERIFY(writer.writeMany({{QStringLiteral("account/1"), R"({"refreshToken":"a\"b","x":"\u00e9"})"},
                                  {QStringLiteral("account/10"), QByteArray("\x00\xff binary", 9)},
                                  {QStringLiteral("account/2"), QStringLiteral("ünïcode ✓").toUtf8()},
                                  {QStringLiteral("account/3"), "tab\there\nnew\x01line\\ \xf0\x9f\x98\x80 \xef\xbf\xbd / \x7f"},
                                  {QStringLiteral("api-key"), "kt-abc"}}, &error).isEmpty());
        written = readFile(writer.filePath());
    }
    QTest::newRow("as the store writes it") << written;
    QTest::newRow("as older versions wrote it") << QJsonDocument::fromJson(written).toJson(QJsonDocument::Indented);
    QTest::newRow("compact, secrets first") << QByteArray(R"({"secrets":{"account/1":"v1","api-key":{"base64":"AAE="}},"version":1})");
    QTest::newRow("spaced, other members") << QByteArray(" \n{ \"note\" : [1, {\"a\": \"}\"}] ,\r\n \"version\" :1 , \"secrets\" : { \"account/1\" : \"v1\" ,\n\"api-key\":\"k\\\\\\\"ey\" } }\n");
    QTest::newRow("escaped key") << QByteArray(R"({"version":1,"secrets":{"account\/1":"v1","api-key":"k"}})");
    QTest::newRow("empty") << QByteArray(R"({"version":1,"secrets":{}})");
}

void TestFileSecretStore::indexedReadsEqualTheParsedFile()
{
    QFETCH(QByteArray, content);
    FileSecretStore store(m_tmp->path());
    writeFile(store.filePath(), content);
    const QJsonObject parsed = QJsonDocument::fromJson(content).object().value(QLatin1String("secrets")).toObject();
    QStringList keys = parsed.keys();
    keys << QStringLiteral("account/404");
    QHash<QString, QString> errors;
    const QList<std::optional<QByteArray>> values = store.readMany(keys, &errors);
    QCOMPARE(errors, (QHash<QString, QString>()));
    QCOMPARE(values.size(), keys.size());
    QVERIFY(!values.last());
    for (qsizetype i = 0; i + 1 < keys.size(); ++i) {
        const QJsonValue v = parsed.value(keys.at(i));
        const QByteArray expected = v.isString() ? v.toString().toUtf8()
                                                 : QByteArray::fromBase64(v.toObject().value(QLatin1String("base64")).toString().toLatin1());
        QCOMPARE(values.at(i), std::optional<QByteArray>(expected));
    }
    // A write after the indexed read keeps every entry.
    QString error;
    QVERIFY2(store.write(QStringLiteral("new"), "n", &error), qPrintable(error));
    FileSecretStore other(m_tmp->path());
    QCOMPARE(other.keys(&error).size(), parsed.size() + 1);
}

// Only the entry that is not valid JSON is unreadable; a write still refuses to replace the file.
void TestFileSecretStore::indexedReadsOneMalformedEntry()
{
    FileSecretStore store(m_tmp->path());
    const QByteArray content = R"({"version":1,"secrets":{"bad":SECRET-1,"good":"fine"}})";
    writeFile(store.filePath(), content);
    QHash<QString, QString> errors;
    const auto values = store.readMany({QStringLiteral("bad"), QStringLiteral("good")}, &errors);
    QCOMPARE(values, (QList<std::optional<QByteArray>>{std::nullopt, QByteArray("fine")}));
    QVERIFY(errors.value(QStringLiteral("bad")).contains(QLatin1String("malformed")));
    QVERIFY(!errors.value(QStringLiteral("bad")).contains(QLatin1String("SECRET")));
    QString error;
    QVERIFY(!store.write(QStringLiteral("good"), "new", &error));
    QCOMPARE(readFile(store.filePath()), content);
}

// The order the pool reads them at start-up (SecretsFileIndex reads no further than it needs).
void TestFileSecretStore::writtenVersionFirstAccountsById()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QVERIFY(store.writeMany({{QStringLiteral("account/10"), "ten"}, {QStringLiteral("account/2"), "two"},
                             {QStringLiteral("api-key"), "k"}, {QStringLiteral("account/1"), QByteArray("\x00\xff", 2)}}, &error).isEmpty());
    const QByteArray text = readFile(store.filePath());
    QList<qsizetype> at;
    for (const char *needle : {"\"version\": 1", "\"secrets\"", "\"api-key\"", "\"account/1\"", "\"account/2\"", "\"account/10\""})
        at.append(text.indexOf(needle));
    QVERIFY2(!at.contains(-1) && std::is_sorted(at.cbegin(), at.cend()), text.constData());
    const QJsonObject secrets = QJsonDocument::fromJson(text).object().value(QLatin1String("secrets")).toObject();
    QCOMPARE(secrets.size(), 4);
    QCOMPARE(secrets.value(QLatin1String("account/1")).toObject().value(QLatin1String("base64")).toString(), QStringLiteral("AP8="));
    QVERIFY(store.removeMany({QStringLiteral("account/1"), QStringLiteral("account/2"), QStringLiteral("account/10"), QStringLiteral("api-key")}, &error).isEmpty());
    QCOMPARE(QJsonDocument::fromJson(readFile(store.filePath())).object(), (QJsonObject{{QLatin1String("version"), 1}, {QLatin1String("secrets"), QJsonObject()}}));
}

// The entries before a break are read as they are; one past it gets the whole file's error, and a write
// still refuses to replace the file.
void TestFileSecretStore::brokenPastTheEntriesRead()
{
    FileSecretStore store(m_tmp->path());
    QString error;
    QList<std::pair<QString, QByteArray>> entries;
    for (int i = 1; i <= 3000; ++i)
        entries.append({QStringLiteral("account/%1").arg(i), "SECRET-" + QByteArray::number(i)});
    QVERIFY(store.writeMany(entries, &error).isEmpty());
    QByteArray content = readFile(store.filePath());
    content.insert(content.indexOf("\"account/2000\""), "SECRET-garbage ");
    writeFile(store.filePath(), content);
    FileSecretStore fresh(m_tmp->path());
    QHash<QString, QString> errors;
    QCOMPARE(fresh.readMany({QStringLiteral("account/1"), QStringLiteral("account/2")}, &errors),
             (QList<std::optional<QByteArray>>{QByteArray("SECRET-1"), QByteArray("SECRET-2")}));
    QVERIFY(errors.isEmpty());
    QCOMPARE(fresh.readMany({QStringLiteral("account/3"), QStringLiteral("account/2999")}, &errors),
             (QList<std::optional<QByteArray>>{std::nullopt, std::nullopt}));
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.value(QStringLiteral("account/3")).contains(QLatin1String("not valid JSON")), qPrintable(errors.value(QStringLiteral("account/3"))));
    QVERIFY(!errors.value(QStringLiteral("account/3")).contains(QLatin1String("SECRET")));
    QVERIFY(!fresh.write(QStringLiteral("account/1"), "new", &error));
    QCOMPARE(readFile(store.filePath()), content);
}

QTEST_GUILESS_MAIN(TestFileSecretStore)
#include "tst_filesecretstore.moc"
