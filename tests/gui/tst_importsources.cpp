// ImportSources: several JSON inputs flattened into one list of entries (arrays, {"accounts":[...]},
// single objects), readable errors naming the source, and selection of exactly the kept entries.
#include "files/importsources.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kt;

class TestImportSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flattensEveryShape()
    {
        ImportSources s;
        s.add(QStringLiteral("a.json"), R"([{"refreshToken":"r1"},{"refreshToken":"r2"}])");
        s.add(QStringLiteral("pool.json"), R"({"accounts":[{"name":"x","credentials":{"refreshToken":"r3"}}],"version":1})");
        s.add(QStringLiteral("Pasted text"), R"({"refreshToken":"r4","authMethod":"social"})");
        QString error;
        QVERIFY2(s.combine(&error), qPrintable(error));
        QCOMPARE(s.entries().size(), 4);
        QCOMPARE(s.sourceOf(0), QStringLiteral("a.json"));
        QCOMPARE(s.sourceOf(2), QStringLiteral("pool.json"));
        QCOMPARE(s.sourceOf(3), QStringLiteral("Pasted text"));
        QCOMPARE(s.sourceOf(4), QString());
        QCOMPARE(s.entries().at(2).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("x"));
    }

    void selectionKeepsOnlyChosenEntries()
    {
        ImportSources s;
        s.add(QStringLiteral("a"), R"([{"refreshToken":"r1"},{"refreshToken":"r2"},{"refreshToken":"r3"}])");
        QString error;
        QVERIFY(s.combine(&error));
        const QJsonArray picked = QJsonDocument::fromJson(s.selectedJson({2, 0, 9, -1})).array();
        QCOMPARE(picked.size(), 2);
        QCOMPARE(picked.at(0).toObject().value(QStringLiteral("refreshToken")).toString(), QStringLiteral("r3"));
        QCOMPARE(picked.at(1).toObject().value(QStringLiteral("refreshToken")).toString(), QStringLiteral("r1"));
        QCOMPARE(QJsonDocument::fromJson(s.selectedJson({})).array().size(), 0);
        QCOMPARE(QJsonDocument::fromJson(s.combinedJson()).array().size(), 3);
    }

    void errorsNameTheSource_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{refreshToken: r1") << QStringLiteral("broken.json is not valid JSON");
        QTest::newRow("empty") << QByteArray("  \n") << QStringLiteral("broken.json is empty");
        QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("broken.json holds no account");
        QTest::newRow("empty accounts") << QByteArray(R"({"accounts":[]})") << QStringLiteral("broken.json holds no account");
    }

    void errorsNameTheSource()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        ImportSources s;
        s.add(QStringLiteral("good.json"), R"({"refreshToken":"r1"})");
        s.add(QStringLiteral("broken.json"), json);
        QString error;
        QVERIFY(!s.combine(&error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void nothingToImport()
    {
        ImportSources s;
        QString error;
        QVERIFY(!s.combine(&error));
        QVERIFY(!error.isEmpty());
        s.add(QStringLiteral("x"), "{}");
        QVERIFY(s.combine(&error));   // an object is one entry; the preview says what is wrong with it
        s.clear();
        QVERIFY(s.isEmpty());
        QCOMPARE(s.entries().size(), 0);
    }
};

QTEST_MAIN(TestImportSources)
#include "tst_importsources.moc"
