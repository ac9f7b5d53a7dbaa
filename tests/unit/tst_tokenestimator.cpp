// Tests the local token estimator against values worked out by hand from the R1 formula
// (doc §5.4): the size-dependent scaling, non-Latin weighting, surrogate pairs and the minimum of 1.
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
    void estimateOutputChunk_data();
    void estimateOutputChunk();
    void countRequestSumsEveryPiece();
    void countRequestSumsBeforeClamping();
    void countRequestMinimumAndMalformedInput();
    void countRequestSystemBlocksAndDocuments();
};

void TestTokenEstimator::estimateText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");
    // units = chars (Latin) or 4 per other char; tokens = units/4; × factor; truncated; min 1.
    QTest::newRow("empty -> minimum") << QString() << 1;
    QTest::newRow("single ascii: 0.25*1.5 -> min 1") << QStringLiteral("a") << 1;
    QTest::newRow("13 ascii: 3.25*1.5=4.875") << QStringLiteral("Hello, world!") << 4;
    QTest::newRow("399: 99.75*1.5=149.6") << QString(399, QLatin1Char('a')) << 149;
    QTest::newRow("400: 100*1.3") << QString(400, QLatin1Char('a')) << 130;
    QTest::newRow("800: 200*1.25") << QString(800, QLatin1Char('a')) << 250;
    QTest::newRow("1200: 300*1.2") << QString(1200, QLatin1Char('a')) << 360;
    QTest::newRow("3196: 799*1.2=958.8") << QString(3196, QLatin1Char('a')) << 958;
    QTest::newRow("3200: 800*1.0") << QString(3200, QLatin1Char('a')) << 800;
    QTest::newRow("CJK 2 chars: 8 units -> 2*1.5") << QStringLiteral("你好") << 3;
    QTest::newRow("Latin-1 is western: 4 units") << QStringLiteral("café") << 1;
    QTest::newRow("Cyrillic 6 chars: 24 units -> 6*1.5") << QStringLiteral("привет") << 9;
    QTest::newRow("emoji pair counts once per code point") << QStringLiteral("😀😀") << 3;
}

void TestTokenEstimator::estimateText()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(TokenEstimator::estimateText(text), expected);
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
    // system 16 chars -> 6; "Hello, world!" -> 4; "hmm" -> 1; "Sure." -> 1;
    // {"city":"Oslo"} 15 chars -> 5; "21°C" -> 1; "get_weather" -> 4; "Look up weather" -> 5;
    // {"properties":{"city":{"type":"string"}},"type":"object"} 57 chars -> 14.25*1.5 -> 21.
    QCOMPARE(TokenEstimator::countRequestTokens(request), 6 + 4 + 1 + 1 + 5 + 1 + 4 + 5 + 21);
}

void TestTokenEstimator::countRequestSumsBeforeClamping()
{
    // Ten one-letter texts each estimate to 0.375 -> 0; summing clamped values would give 10.
    QJsonArray messages;
    for (int i = 0; i < 10; ++i)
        messages.append(QJsonObject{{"role", "user"}, {"content", "a"}});
    QCOMPARE(TokenEstimator::countRequestTokens(QJsonObject{{"messages", messages}}), 1);

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
    QCOMPARE(TokenEstimator::countRequestTokens(request), 6 + 4 + 9);
}

QTEST_GUILESS_MAIN(TestTokenEstimator)
#include "tst_tokenestimator.moc"
