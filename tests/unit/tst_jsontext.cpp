// jsonString writes JSON string literals without building a document: byte for byte what
// QJsonDocument writes, for every ASCII character, non-ASCII text, surrogate pairs, broken UTF-16
// and random strings.
#include "openai/jsontext.h"

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
            QCOMPARE(jsonString(text), qtLiteral(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
