// CredentialsWriteBack: which accounts' refreshed tokens go back into a kiro-rs credentials.json,
// in which shape, and that nothing is written without a file or an account to write.
#include "pool/credentialswriteback.h"

#include "accounts/credentialsfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace kt;

namespace {

Account account(qint64 id)
{
    Account a;
    a.credential.id = id;
    a.credential.refreshToken = QStringLiteral("writeback-refresh-token-%1-0123456789").arg(id);
    a.credential.accessToken = QStringLiteral("writeback-access-%1").arg(id);
    return a;
}

} // namespace

class TestCredentialsWriteBack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingWithoutAFile()
    {
        CredentialsWriteBack back;
        QVERIFY(!back.covers(1));
        QVERIFY(!back.write({account(1)}));
    }

    void everyAccountOfTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("credentials.json"));
        CredentialsWriteBack back;
        back.setFile(path, false);
        QVERIFY(back.covers(1) && back.covers(99));
        QVERIFY(back.write({account(1)}));
        auto loaded = CredentialsFile::load(path);
        QVERIFY(loaded.error.isEmpty());
        QVERIFY(!loaded.wasArray);   // one account, read from a single object: written back as one
        QCOMPARE(loaded.credentials.size(), 1);
        QCOMPARE(loaded.credentials.at(0).accessToken, QStringLiteral("writeback-access-1"));
        QVERIFY(back.write({account(1), account(2)}));
        loaded = CredentialsFile::load(path);
        QVERIFY(loaded.wasArray);
        QCOMPARE(loaded.credentials.size(), 2);
    }

    void onlyTheImportedAccounts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("credentials.json"));
        CredentialsWriteBack back;
        back.setFile(path, true, {2, 3});
        QVERIFY(!back.covers(1));
        QVERIFY(back.covers(2));
        QVERIFY(!back.write({account(1)}));   // none of them: the file is left alone
        QVERIFY(!QFile::exists(path));
        QVERIFY(back.write({account(1), account(2), account(3)}));
        auto loaded = CredentialsFile::load(path);
        QVERIFY(loaded.wasArray);
        QCOMPARE(loaded.credentials.size(), 2);
        QCOMPARE(loaded.credentials.at(0).refreshToken, QStringLiteral("writeback-refresh-token-2-0123456789"));
        back.forget(3);
        QVERIFY(!back.covers(3));
        QVERIFY(back.write({account(1), account(2), account(3)}));
        QCOMPARE(CredentialsFile::load(path).credentials.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCredentialsWriteBack)
#include "tst_credentialswriteback.moc"
