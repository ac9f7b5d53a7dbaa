// SecretsFileIndex: a file in the store's layout ("version" first, the accounts by id) is read only as
// far as the keys asked for, in chunks, whatever an entry straddles; a file whose "version" follows
// its entries (older versions) is read and checked whole before any key is answered; a file broken
// after the entries read so far fails when the scan reaches the break.
#include "secrets/filesecretstore.h"
#include "testfiles.h"
#include "secrets/secretsfileindex.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;
using namespace kt::test;

namespace {

constexpr int Entries = 5000;

QByteArray secretOf(int i)
{
    return QStringLiteral("{\"refreshToken\":\"refresh-%1-0123456789abcdef\",\"accessToken\":\"access-%1\"}").arg(i).toUtf8();
}

} // namespace

class TestSecretsFileIndex : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_written;   // Entries accounts as FileSecretStore writes them

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        FileSecretStore store(m_dir.path());
        QList<std::pair<QString, QByteArray>> entries;
        for (int i = 1; i <= Entries; ++i)
            entries.append({QStringLiteral("account/%1").arg(i), secretOf(i)});
        entries.append({QStringLiteral("api-key"), "kt-key"});
        QString error;
        QVERIFY2(store.writeMany(entries, &error).isEmpty(), qPrintable(error));
        m_path = store.filePath();
        m_written = readFile(m_path);
    }

    void readsOnlyAsFarAsTheKeysAskedFor()
    {
        SecretsFileIndex index;
        QVERIFY(index.open(m_path));
        for (int i = 1; i <= 100; ++i)
            QCOMPARE(index.value(QStringLiteral("account/%1").arg(i).toUtf8()), std::optional<QJsonValue>(QString::fromUtf8(secretOf(i))));
#ifdef Q_OS_UNIX   // elsewhere the file is read whole at once (its entries are still scanned as asked)
        QVERIFY2(index.bytesRead() < m_written.size() / 4, qPrintable(QString::number(index.bytesRead())));
#endif
        QCOMPARE(index.value("api-key"), std::optional<QJsonValue>(QStringLiteral("kt-key")));
        // Every later entry, across every chunk boundary, and back.
        for (int i = Entries; i > 100; i -= 7)
            QCOMPARE(index.value(QStringLiteral("account/%1").arg(i).toUtf8()), std::optional<QJsonValue>(QString::fromUtf8(secretOf(i))));
        QCOMPARE(index.bytesRead(), m_written.size());
        QCOMPARE(index.value("account/0"), std::nullopt);
        QVERIFY(!index.failed());
    }

    void olderLayoutIsCheckedWhole()
    {
        const QJsonObject written = QJsonDocument::fromJson(m_written).object();
        QCOMPARE(written.value(QLatin1String("secrets")).toObject().size(), Entries + 1);
        QJsonObject root = written;
        const QString older = m_dir.filePath(QStringLiteral("older.json"));
        writeFile(older, QJsonDocument(root).toJson(QJsonDocument::Indented));   // "secrets" first, sorted by key
        SecretsFileIndex index;
        QVERIFY(index.open(older));
        QCOMPARE(index.bytesRead(), QFileInfo(older).size());
        QCOMPARE(index.value("account/77"), std::optional<QJsonValue>(QString::fromUtf8(secretOf(77))));
        root.insert(QLatin1String("version"), 2);
        writeFile(older, QJsonDocument(root).toJson(QJsonDocument::Indented));
        QVERIFY(!index.open(older));
    }

    // A literal cut by the end of a chunk is not read as a shorter one.
    void valueStraddlingAChunk()
    {
        const QByteArray head = "{\"version\":1,\"secrets\":{\"pad\":\"";
        const QByteArray number = "1234567890123";
        const QByteArray pad(64 * 1024 - 5 - head.size() - 6, 'x');   // the number starts 5 bytes before 64 kB
        const QByteArray text = head + pad + "\",\"n\":" + number + ",\"after\":\"a\"}}";
        QVERIFY(text.indexOf(number) < 64 * 1024 && text.indexOf(number) + number.size() > 64 * 1024);
        const QString path = m_dir.filePath(QStringLiteral("straddle.json"));
        writeFile(path, text);
        SecretsFileIndex index;
        QVERIFY(index.open(path));
        QCOMPARE(index.value("n"), std::optional<QJsonValue>(1234567890123.0));
        QCOMPARE(index.value("after"), std::optional<QJsonValue>(QStringLiteral("a")));
    }

    void brokenAfterTheEntriesRead()
    {
        QByteArray text = m_written;
        const qsizetype at = text.indexOf("\"account/2000\"");
        QVERIFY(at > 0);
        text.insert(at, "SECRET-garbage ");
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        writeFile(path, text);
        SecretsFileIndex index;
        QVERIFY(index.open(path));
        QCOMPARE(index.value("account/1"), std::optional<QJsonValue>(QString::fromUtf8(secretOf(1))));
        QVERIFY(!index.failed());
        QCOMPARE(index.value("account/2001"), std::nullopt);
        QVERIFY(index.failed());
    }

    void truncatedFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("truncated.json"));
        writeFile(path, m_written.left(m_written.size() - 3));
        SecretsFileIndex index;
        QVERIFY(index.open(path));
        QVERIFY(index.value("account/5").has_value());
        QCOMPARE(index.value("account/404404"), std::nullopt);   // read to the end, which is missing
        QVERIFY(index.failed());
    }
};

QTEST_GUILESS_MAIN(TestSecretsFileIndex)
#include "tst_secretsfileindex.moc"
