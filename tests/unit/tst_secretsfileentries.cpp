// SecretsFileEntries: secrets.json's entries kept as their JSON text. The text written is what
// QJsonDocument reads back as the same object, each entry on its own line in the file's order (key
// length, then bytes); a value replaced or removed changes that entry only; a value that is not a
// string (base64, or a hand edit) is kept as it was.
#include "secrets/secretsfileentries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kt;

class TestSecretsFileEntries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyFile()
    {
        const SecretsFileEntries entries;
        QCOMPARE(entries.fileText(1), QByteArray("{\n    \"version\": 1,\n    \"secrets\": {}\n}\n"));
        QVERIFY(!entries.value(QStringLiteral("api-key")));
    }

    void textInTheFileOrder()
    {
        SecretsFileEntries entries;
        entries.insert(QStringLiteral("account/10"), QStringLiteral("ten"));
        entries.insert(QStringLiteral("api-key"), QStringLiteral("k"));
        entries.insert(QStringLiteral("account/9"), QStringLiteral("nine"));
        entries.insert(QStringLiteral("account/2"), QJsonObject{{QStringLiteral("base64"), QStringLiteral("AAE=")}});
        QCOMPARE(entries.keys(), (QStringList{QStringLiteral("api-key"), QStringLiteral("account/2"), QStringLiteral("account/9"),
                                              QStringLiteral("account/10")}));
        QCOMPARE(entries.fileText(1), QByteArray("{\n    \"version\": 1,\n    \"secrets\": {\n"
                                                 "        \"api-key\": \"k\",\n"
                                                 "        \"account/2\": {\"base64\":\"AAE=\"},\n"
                                                 "        \"account/9\": \"nine\",\n"
                                                 "        \"account/10\": \"ten\"\n"
                                                 "    }\n}\n"));
    }

    void readsBackAsTheSameObject()
    {
        const QJsonObject secrets{{QStringLiteral("api-key"), QStringLiteral("quote \" backslash \\ newline \n tab \t")},
                                  {QStringLiteral("account/1"), QStringLiteral("{\"refreshToken\":\"r\",\"accessToken\":\"a\"}")},
                                  {QStringLiteral("account/2"), QJsonObject{{QStringLiteral("base64"), QStringLiteral("/w==")}}},
                                  {QStringLiteral("hand/edited"), QJsonArray{1, true, QJsonValue::Null}},
                                  {QStringLiteral("number"), 42},
                                  {QStringLiteral("clé/ünïcode"), QStringLiteral("värde ✓ \u0001")}};
        const SecretsFileEntries entries(secrets);
        QCOMPARE(entries.size(), secrets.size());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(entries.fileText(1), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object().value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(doc.object().value(QStringLiteral("secrets")).toObject(), secrets);
        for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
            QCOMPARE(entries.value(it.key()), std::optional<QJsonValue>(it.value()));
    }

    void replaceAndRemove()
    {
        SecretsFileEntries entries(QJsonObject{{QStringLiteral("account/1"), QStringLiteral("old")},
                                               {QStringLiteral("account/2"), QStringLiteral("two")}});
        const QByteArray before = entries.fileText(1);
        entries.insert(QStringLiteral("account/1"), QStringLiteral("a much longer new value"));
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.value(QStringLiteral("account/1")), std::optional<QJsonValue>(QStringLiteral("a much longer new value")));
        QByteArray expected = before;
        expected.replace("\"old\"", "\"a much longer new value\"");
        QCOMPARE(entries.fileText(1), expected);
        QVERIFY(entries.remove(QStringLiteral("account/1")));
        QVERIFY(!entries.remove(QStringLiteral("account/1")));
        QVERIFY(!entries.value(QStringLiteral("account/1")));
        QCOMPARE(entries.keys(), QStringList{QStringLiteral("account/2")});
        QCOMPARE(entries.fileText(1), QByteArray("{\n    \"version\": 1,\n    \"secrets\": {\n        \"account/2\": \"two\"\n    }\n}\n"));
    }
};

QTEST_GUILESS_MAIN(TestSecretsFileEntries)
#include "tst_secretsfileentries.moc"
