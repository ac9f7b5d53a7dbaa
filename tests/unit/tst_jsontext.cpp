// jsonString writes JSON string literals without building a document: byte for byte what
// QJsonDocument writes, for every ASCII character, non-ASCII text, surrogate pairs, broken UTF-16
// and random strings; compactJson writes whole objects as QJsonDocument::toJson(Compact) does;
// readJsonString reads a literal back as QJsonDocument reads it, or declines.
#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace kt;

namespace {

QByteArray qtLiteral(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// Up to 40 characters: ASCII (controls included), the BMP below the surrogates and above them, and
// surrogate pairs.
QString randomText(QRandomGenerator &random)
{
    QString text;
    const int length = int(random.bounded(40));
    for (int i = 0; i < length; ++i) {
        switch (random.bounded(4)) {
        case 0: text += QChar(char16_t(random.bounded(0x80))); break;
        case 1: text += QChar(char16_t(0x80 + random.bounded(0xd800 - 0x80))); break;
        case 2: text += QStringLiteral("🎉"); break;
        default: text += QChar(char16_t(0xe000 + random.bounded(0x2000))); break;
        }
    }
    return text;
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAsciiCharacterAsQtWritesIt()
    {
        for (char16_t c = 0; c < 0x80; ++c) {
            const QString text = QStringLiteral("a") + QChar(c) + QStringLiteral("z");
            QCOMPARE(jsonString(text), qtLiteral(text));
        }
    }

    void knownLiterals()
    {
        QCOMPARE(jsonString(QString()), QByteArray("\"\""));
        QCOMPARE(jsonString(QStringLiteral("say \"hi\"\n\tC:\\")), QByteArray("\"say \\\"hi\\\"\\n\\tC:\\\\\""));
        QCOMPARE(jsonString(QString(QChar(0x1f))), QByteArray("\"\\u001f\""));
        QCOMPARE(jsonString(QStringLiteral("中文 é 🎉")), QByteArray("\"中文 é 🎉\""));
    }

    void brokenUtf16AsQtWritesIt()
    {
        for (const QString &text : {QString(QChar(0xd800)), QStringLiteral("x") + QChar(0xdc00) + QStringLiteral("y"),
                                    QString(QChar(0xdbff)) + QChar(0xd800), QStringLiteral("é\n") + QChar(0xd800) + QStringLiteral("\"")}) {
            QCOMPARE(jsonString(text), qtLiteral(text));
            QByteArray appended("{\"a\":");   // what was written before stays, whichever path escapes
            appendJsonString(appended, text);
            QCOMPARE(appended, "{\"a\":" + qtLiteral(text));
        }
    }

    void randomStringsAsQtWritesThem()
    {
        QRandomGenerator random(20261206);
        for (int n = 0; n < 5000; ++n) {
            const QString text = randomText(random);
            QCOMPARE(jsonString(text), qtLiteral(text));
        }
    }

    void literalsReadAsQtReadsThem_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::newRow("plain") << QByteArray("\"Hello, world!\"");
        QTest::newRow("empty") << QByteArray("\"\"");
        QTest::newRow("escapes") << QByteArray("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"");
        QTest::newRow("unicode escapes") << QByteArray("\"caf\\u00e9 \\u00E9 \\ud83d\\ude00 \\u0000\"");
        QTest::newRow("utf-8") << QByteArray("\"值 café 🎉\"");
        QTest::newRow("lone surrogate escape") << QByteArray("\"x\\ud800y\"");
        QTest::newRow("U+FEFF first and after an escape") << QByteArray("\"\xef\xbb\xbf" "a\\n\xef\xbb\xbf" " b\"");
    }

    void literalsReadAsQtReadsThem()
    {
        QFETCH(QByteArray, literal);
        const QJsonDocument doc = QJsonDocument::fromJson("[" + literal + "]");
        QVERIFY(doc.isArray());
        const std::optional<QString> text = readJsonString(literal);
        QVERIFY(text.has_value());
        QCOMPARE(*text, doc.array().at(0).toString());
    }

    void literalsItDeclines_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::newRow("no quotes") << QByteArray("abc");
        QTest::newRow("one quote") << QByteArray("\"");
        QTest::newRow("quote inside") << QByteArray("\"a\"b\"");
        QTest::newRow("unknown escape") << QByteArray("\"a\\xb\"");
        QTest::newRow("short unicode escape") << QByteArray("\"\\u12\"");
        QTest::newRow("bad hex") << QByteArray("\"\\u12G4\"");
        QTest::newRow("escape at the end") << QByteArray("\"abc\\\"");
        QTest::newRow("raw newline") << QByteArray("\"a\nb\"");
        QTest::newRow("invalid utf-8") << QByteArray("\"a\xff\xfe b\"");
        QTest::newRow("truncated utf-8") << QByteArray("\"a\xe5\x80\"");
    }

    void literalsItDeclines()
    {
        QFETCH(QByteArray, literal);
        QVERIFY(!readJsonString(literal).has_value());
    }

    void randomStringsRoundTrip()
    {
        QRandomGenerator random(20261207);
        for (int n = 0; n < 5000; ++n) {
            const QString text = randomText(random);
            const std::optional<QString> back = readJsonString(jsonString(text));
            QVERIFY(back.has_value());
            QCOMPARE(*back, text);
        }
    }

    void objectsAsQtWritesThem_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::newRow("empty") << QJsonObject();
        QTest::newRow("an event") << QJsonObject{
            {QStringLiteral("type"), QStringLiteral("message_start")},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_1")},
                                                   {QStringLiteral("content"), QJsonArray()},
                                                   {QStringLiteral("stop_reason"), QJsonValue::Null},
                                                   {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 3000}}}}}};
        QTest::newRow("numbers") << QJsonObject{
            {QStringLiteral("int"), 42}, {QStringLiteral("negative"), -7}, {QStringLiteral("big"), qint64(1) << 60},
            {QStringLiteral("whole double"), 3.0}, {QStringLiteral("tenth"), 0.1}, {QStringLiteral("huge"), 1e300},
            {QStringLiteral("tiny"), -2.5e-308}, {QStringLiteral("2^53"), 9007199254740992.0}, {QStringLiteral("zero"), 0}};
        QTest::newRow("literals") << QJsonObject{{QStringLiteral("t"), true}, {QStringLiteral("f"), false},
                                                 {QStringLiteral("n"), QJsonValue::Null}};
        QTest::newRow("nested arrays") << QJsonObject{
            {QStringLiteral("a"), QJsonArray{1, QStringLiteral("two"), QJsonArray{}, QJsonObject{}, QJsonArray{QJsonArray{false}}}}};
        QTest::newRow("text") << QJsonObject{{QStringLiteral("ключ \"k\""), QStringLiteral("值\n🎉\t\\")},
                                             {QStringLiteral("broken"), QString(QChar(0xd800))}};
        // A request body as the parser gives it (numbers read from text are doubles).
        QTest::newRow("parsed") << QJsonDocument::fromJson("{\"max_tokens\":1024,\"temperature\":0.7,\"n\":[1,2.5,-0.0,1e21]}").object();
    }

    void objectsAsQtWritesThem()
    {
        QFETCH(QJsonObject, object);
        QCOMPARE(compactJson(object), QJsonDocument(object).toJson(QJsonDocument::Compact));
        QByteArray appended("data: ");
        appendCompactJson(appended, object);
        QCOMPARE(appended, "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
