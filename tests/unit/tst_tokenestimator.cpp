// Tests the local token estimator against values worked out by hand from the pre-tokenizer rule
// (tokenestimator.h): run splitting, per-run costs, the joined space, images and the minimum of 1.
#include "anthropic/tokenestimator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kt;

class TestTokenEstimator : public QObject {
    Q_OBJECT

private slots:
    void estimateText_data();
    void estimateText();
    void estimateTextIsLinear();
    void estimateOutputChunk_data();
    void estimateOutputChunk();
    void countRequestSumsEveryPiece();
    void countRequestSumsBeforeClamping();
    void countRequestMinimumAndMalformedInput();
    void countRequestSystemBlocksAndDocuments();
    void imageTokens_data();
    void imageTokens();
};

void TestTokenEstimator::estimateText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    // Rows marked "old:" give a different number under the former kiro-rs heuristic (chars/4 × 1.5…).
    QTest::newRow("empty -> minimum") << QString() << 1;
    QTest::newRow("single letter") << QStringLiteral("a") << 1;
    QTest::newRow("Hello 1 , 1 ' world' 1 ! 1") << QStringLiteral("Hello, world!") << 4;
    QTest::newRow("9 words + '.' (old: 16)") << QStringLiteral("The quick brown fox jumps over the lazy dog.") << 10;
    QTest::newRow("8 letters: 1") << QStringLiteral("abcdefgh") << 1;
    QTest::newRow("9 letters: 1+1") << QStringLiteral("abcdefghi") << 2;
    QTest::newRow("12 letters: 1+1") << QStringLiteral("abcdefghijkl") << 2;
    QTest::newRow("13 letters: 1+2") << QStringLiteral("abcdefghijklm") << 3;
    QTest::newRow("20 letters: 1+3 (old: 7)") << QStringLiteral("internationalization") << 4;
    QTest::newRow("100 x ' ab' (old: 112)") << QStringLiteral("ab").append(QStringLiteral(" ab").repeated(99)) << 100;
    QTest::newRow("7 digits: ceil(7/3) (old: 2)") << QStringLiteral("1234567") << 3;
    QTest::newRow("date: 2+1+1+1+1 (old: 3)") << QStringLiteral("2026-11-27") << 6;
    QTest::newRow("7 ASCII punct: ceil(7/3)") << QStringLiteral("!!!!!!!") << 3;
    QTest::newRow("x ---> y: 1+2+1") << QStringLiteral("x--->y") << 4;
    QTest::newRow("ASCII run then em dash: 1+1") << QStringLiteral("...\u2014") << 2;
    QTest::newRow("newlines: a, \\n, \\n, b (old: 1)") << QStringLiteral("a\n\nb") << 4;
    QTest::newRow("4 spaces: a, 3 spaces, ' b'") << QStringLiteral("a    b") << 3;
    QTest::newRow("trailing space is a run") << QStringLiteral("a ") << 2;
    QTest::newRow("40 spaces: ceil(40/32)") << QString(40, QLatin1Char(' ')) << 2;
    QTest::newRow("contraction: don + 't") << QStringLiteral("don't") << 2;
    QTest::newRow("contraction: we + 'll") << QStringLiteral("we'll") << 2;
    QTest::newRow("joined space is no contraction: it, ' '', s") << QStringLiteral("it 's") << 3;
    QTest::newRow("upper case is no contraction: IT, ', S") << QStringLiteral("IT'S") << 3;
    QTest::newRow("CJK 1 each (old: 3)") << QStringLiteral("你好") << 2;
    QTest::newRow("CJK + fullwidth punct (old: 9)") << QStringLiteral("你好，世界。") << 6;
    QTest::newRow("Han 2 + Latin 1 + Han 2 in one run") << QStringLiteral("使用Docker部署") << 5;
    QTest::newRow("Latin-1 letters are Latin") << QStringLiteral("café") << 1;
    QTest::newRow("Cyrillic 6: ceil(6/2) (old: 9)") << QStringLiteral("привет") << 3;
    QTest::newRow("Greek 1 each") << QStringLiteral("αβγ") << 3;
    QTest::newRow("emoji pair: 2 each") << QStringLiteral("😀😀") << 4;
    QTest::newRow("ok + joined emoji") << QStringLiteral("ok 👍") << 3;
    QTest::newRow("lone surrogate is one symbol")
        << QString(QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")) << 3;
}

void TestTokenEstimator::estimateText()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(TokenEstimator::estimateText(text), expected);
}

void TestTokenEstimator::estimateTextIsLinear()
{
    // A long repetitive input counts exactly as many tokens as its parts: runs never merge across
    // the repetition boundary. (Speed is measured in bench/RESULTS.md, not asserted here.)
    const QString unit = QStringLiteral("The proxy forwards 42 requests/s; 缓存命中率 99%, don't panic!\n");
    const QString text = unit.repeated(200000 / unit.size());
    // Per unit: The|proxy|forwards|42|requests|/|s|;|缓存命中率 (5)|99|%,|don|'t|panic|!|\n = 20.
    QCOMPARE(TokenEstimator::estimateText(unit), 20);
    QCOMPARE(TokenEstimator::estimateText(text), 20 * int(200000 / unit.size()));
}

void TestTokenEstimator::estimateOutputChunk_data()
{
    QTest::addColumn<QString>("chunk");
    QTest::addColumn<int>("expected");
    // ceil(cjk*2/3) + ceil(other/4), min 1.
    QTest::newRow("empty -> minimum") << QString() << 1;
    QTest::newRow("4 ascii") << QStringLiteral("abcd") << 1;
    QTest::newRow("5 ascii rounds up") << QStringLiteral("abcde") << 2;
    QTest::newRow("1 CJK: 2/3 -> 1") << QStringLiteral("你") << 1;
    QTest::newRow("2 CJK: 4/3 -> 2") << QStringLiteral("你好") << 2;
    QTest::newRow("4 CJK: 8/3 -> 3") << QStringLiteral("你好世界") << 3;
    QTest::newRow("mixed: 2 + 1") << QStringLiteral("你好a") << 3;
    QTest::newRow("hiragana is outside U+4E00..U+9FFF") << QStringLiteral("ぁぁぁぁぁ") << 2;
    QTest::newRow("5 emoji are 5 code points") << QStringLiteral("😀😀😀😀😀") << 2;
    QTest::newRow("400 ascii") << QString(400, QLatin1Char('x')) << 100;
}

void TestTokenEstimator::estimateOutputChunk()
{
    QFETCH(QString, chunk);
    QFETCH(int, expected);
    QCOMPARE(TokenEstimator::estimateOutputChunk(chunk), expected);
}

void TestTokenEstimator::countRequestSumsEveryPiece()
{
    const QJsonObject request = QJsonDocument::fromJson(R"({
        "model": "claude-sonnet-4-5", "max_tokens": 100,
        "system": "You are helpful.",
        "messages": [
            {"role": "user", "content": "Hello, world!"},
            {"role": "assistant", "content": [
                {"type": "thinking", "thinking": "hmm", "signature": "sig"},
                {"type": "text", "text": "Sure."},
                {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Oslo"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": "21°C"}]}
        ],
        "tools": [{"name": "get_weather", "description": "Look up weather",
                   "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]
    })").object();
    QVERIFY(!request.isEmpty());
    // system You|are|helpful|. 4; "Hello, world!" 4; "hmm" 1; Sure|. 2; tool_use name get|_|weather 3
    // and input {"|city|":"|Oslo|"} 5; "21°C" 21|°|C 3; tool name 3; "Look up weather" 3;
    // {"|properties(10: 2)|":{"(2)|city|":{"(2)|type|":"|string|"}},"(2)|type|":"|object|"} 17.
    QCOMPARE(TokenEstimator::countRequestTokens(request), 4 + 4 + 1 + 2 + 3 + 5 + 3 + 3 + 3 + 17);
}

void TestTokenEstimator::countRequestSumsBeforeClamping()
{
    // Ten empty texts each count 0; summing clamped values would give 10.
    QJsonArray messages;
    for (int i = 0; i < 10; ++i)
        messages.append(QJsonObject{{"role", "user"}, {"content", ""}});
    QCOMPARE(TokenEstimator::countRequestTokens(QJsonObject{{"messages", messages}}), 1);
    messages.append(QJsonObject{{"role", "user"}, {"content", "a b"}});
    QCOMPARE(TokenEstimator::countRequestTokens(QJsonObject{{"messages", messages}}), 2);

    // Array tool_result content: each text counted on its own (4 + 4).
    const QJsonObject request = QJsonDocument::fromJson(R"({"messages": [{"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "t", "content": [
            {"type": "text", "text": "Hello, world!"}, {"type": "text", "text": "Hello, world!"}]}]}]})").object();
    QCOMPARE(TokenEstimator::countRequestTokens(request), 8);
}

void TestTokenEstimator::countRequestMinimumAndMalformedInput()
{
    QCOMPARE(TokenEstimator::countRequestTokens(QJsonObject()), 1);
    const QJsonObject garbage = QJsonDocument::fromJson(R"({"system": 5, "messages": "x",
        "tools": [5, {"name": 3}], "extra": null})").object();
    QCOMPARE(TokenEstimator::countRequestTokens(garbage), 1);
    const QJsonObject oddBlocks = QJsonDocument::fromJson(R"({"messages": [7, {"content": [null, 1,
        {"type": "tool_use"}, {"type": "document", "source": "x"}]}]})").object();
    QCOMPARE(TokenEstimator::countRequestTokens(oddBlocks), 1);
}

void TestTokenEstimator::countRequestSystemBlocksAndDocuments()
{
    const QJsonObject request = QJsonDocument::fromJson(R"({
        "system": [{"type": "text", "text": "You are helpful."}, {"type": "text", "text": "Hello, world!"}],
        "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "привет"}},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}}]}]
    })").object();
    // 4 + 4 + привет ceil(6/2) + an image whose "AAAA" data has no readable header (1600).
    QCOMPARE(TokenEstimator::countRequestTokens(request), 4 + 4 + 3 + 1600);
}

namespace {

QByteArray be32(quint32 v)
{
    const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(bytes, 4);
}

QByteArray png(quint32 w, quint32 h)
{
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + QByteArray(5, '\0');
}

QByteArray jpeg(quint16 w, quint16 h)
{
    QByteArray d("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10);
    d += QByteArray(16 - 2 - 4 - 1, '\0') + '\0'; // rest of the 16-byte APP0 segment
    d += QByteArray("\xFF\xC4\x00\x04\x00\x00", 6); // a DHT segment is no frame header
    d += QByteArray("\xFF\xC0\x00\x11\x08", 5);
    d += char(h >> 8);
    d += char(h);
    d += char(w >> 8);
    d += char(w);
    return d + QByteArray(10, '\0');
}

QJsonObject image(const QByteArray &bytes, const QString &type = QStringLiteral("base64"))
{
    return QJsonObject{{"type", "image"},
                       {"source", QJsonObject{{"type", type}, {"media_type", "image/png"},
                                              {"data", QString::fromLatin1(bytes.toBase64())}}}};
}

} // namespace

void TestTokenEstimator::imageTokens_data()
{
    QTest::addColumn<QJsonObject>("block");
    QTest::addColumn<int>("expected");
    QTest::newRow("PNG 1000x500: 500000/750 = 666.7") << image(png(1000, 500)) << 667;
    QTest::newRow("PNG 10x10: at least 1") << image(png(10, 10)) << 1;
    QTest::newRow("PNG 4000x3000 scaled to 1568x1176, capped") << image(png(4000, 3000)) << 1600;
    QTest::newRow("PNG 2000x100 scaled to 1568x78.4") << image(png(2000, 100)) << 164;
    QTest::newRow("GIF 300x200") << image(QByteArray("GIF89a\x2c\x01\xc8\x00", 10) + QByteArray(4, '\0')) << 80;
    QTest::newRow("JPEG 1500x600 after APP0 and DHT") << image(jpeg(1500, 600)) << 1200;
    QTest::newRow("truncated PNG header") << image(png(100, 100).left(20)) << 1600;
    QTest::newRow("zero-sized PNG") << image(png(0, 100)) << 1600;
    QTest::newRow("JPEG without frame header") << image(QByteArray("\xFF\xD8\xFF\xE0\x00\x02", 6)) << 1600;
    QTest::newRow("url source") << image(png(10, 10), QStringLiteral("url")) << 1600;
    QTest::newRow("not base64") << QJsonObject{{"type", "image"}, {"source", QJsonObject{{"type", "base64"}, {"data", "!!"}}}}
                                << 1600;
}

void TestTokenEstimator::imageTokens()
{
    QFETCH(QJsonObject, block);
    QFETCH(int, expected);
    QCOMPARE(TokenEstimator::imageTokens(block), expected);
}

QTEST_GUILESS_MAIN(TestTokenEstimator)
#include "tst_tokenestimator.moc"
