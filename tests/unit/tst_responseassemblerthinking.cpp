// ResponseAssembler with thinking on: <thinking> text becomes a signed thinking block, split at
// every position, alone or before a tool; with thinking off, and quoted, the tags stay text.
#include "anthropic/responseassembler.h"
#include "unit/support/assemblerfixtures.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestResponseAssemblerThinking : public QObject
{
    Q_OBJECT

private slots:
    void thinkingThenText();
    void thinkingSplitAtEveryPosition();
    void thinkingOnly();
    void thinkingThenTool();
    void thinkingDisabledPassesTagsThrough();
    void quotedThinkingTagIsText();
};

void TestResponseAssemblerThinking::thinkingThenText()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nI should")), text(QStringLiteral(" greet.</thinking>\n\nHel")),
                                          text(QStringLiteral("lo!"))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "thinking_delta@0",
                                     "signature_delta@0", "stop@0", "start:text@1", "text_delta@1", "text_delta@1",
                                     "stop@1", "message_delta", "message_stop"}));
    const QString sig = ResponseAssembler::placeholderSignature();
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9+/]{16,}={0,2}$")).match(sig).hasMatch());
    QCOMPARE(js(ev[1].json()), QByteArray(R"({"content_block":{"signature":"","thinking":"","type":"thinking"},"index":0,"type":"content_block_start"})"));
    QCOMPARE(js(ev[2].json()), QByteArray(R"({"delta":{"thinking":"I should","type":"thinking_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[3].json()), QByteArray(R"({"delta":{"thinking":" greet.","type":"thinking_delta"},"index":0,"type":"content_block_delta"})"));
    QCOMPARE(js(ev[4].json()), js(QJsonObject{{"type", "content_block_delta"}, {"index", 0},
                                            {"delta", QJsonObject{{"type", "signature_delta"}, {"signature", sig}}}}));
    QCOMPARE(js(ev[7].json()), QByteArray(R"({"delta":{"text":"Hel","type":"text_delta"},"index":1,"type":"content_block_delta"})"));
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
    const int out = est("<thinking>\nI should") + est(" greet.</thinking>\n\nHel") + est("lo!");
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "thinking"}, {"thinking", "I should greet."}, {"signature", sig}},
                                 QJsonObject{{"type", "text"}, {"text", "Hello!"}}},
                                "end_turn", 42, out)));
}

void TestResponseAssemblerThinking::thinkingSplitAtEveryPosition()
{
    const QString full = QStringLiteral("\n<thinking>\nStep \"</thinking>\" one.</thinking>\n\nAnswer.");
    for (qsizetype cut = 0; cut <= full.size(); ++cut) {
        ResponseAssembler a(options(true));
        QList<EventStreamMessage> frames;
        for (const QString &part : {full.left(cut), full.mid(cut)})
            frames.append(text(part));
        const QList<SseEvent> ev = runAll(a, frames);
        validateStream(ev);
        const QJsonArray content = a.message()[QLatin1String("content")].toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content[0][QLatin1String("thinking")].toString(), QStringLiteral("Step \"</thinking>\" one."));
        QCOMPARE(content[1][QLatin1String("text")].toString(), QStringLiteral("Answer."));
    }
}

void TestResponseAssemblerThinking::thinkingOnly()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nHmm, long")), text(QStringLiteral(" thought</thinking>"))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "thinking_delta@0",
                                     "signature_delta@0", "stop@0", "start:text@1", "text_delta@1", "stop@1",
                                     "message_delta", "message_stop"}));
    QCOMPARE(ev[7].json()[QLatin1String("delta")][QLatin1String("text")].toString(), QStringLiteral(" "));
    QCOMPARE(ev[9].json()[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("max_tokens"));
    QCOMPARE(a.stopReason(), QStringLiteral("max_tokens"));
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "thinking"}, {"thinking", "Hmm, long thought"},
                                             {"signature", ResponseAssembler::placeholderSignature()}},
                                 QJsonObject{{"type", "text"}, {"text", " "}}},
                                "max_tokens", 42, a.outputTokens())));
}

void TestResponseAssemblerThinking::thinkingThenTool()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("<thinking>\nNeed the weather.</thinking>")),
                                          tool("t1", "get_weather", QStringLiteral("{\"city\":\"Oslo\"}"), true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:thinking@0", "thinking_delta@0", "signature_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1", "message_delta", "message_stop"}));
    QCOMPARE(a.stopReason(), QStringLiteral("tool_use"));
    const QJsonArray content = a.message()[QLatin1String("content")].toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content[0][QLatin1String("thinking")].toString(), QStringLiteral("Need the weather."));
    QCOMPARE(content[1][QLatin1String("type")].toString(), QStringLiteral("tool_use"));
}

void TestResponseAssemblerThinking::thinkingDisabledPassesTagsThrough()
{
    ResponseAssembler a(options(false));
    const QString raw = QStringLiteral("<thinking>\nx</thinking>\n\nHi");
    const QList<SseEvent> ev = runAll(a, {text(raw)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(ev[2].json()[QLatin1String("delta")][QLatin1String("text")].toString(), raw);
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("text")].toString(), raw);
}

void TestResponseAssemblerThinking::quotedThinkingTagIsText()
{
    ResponseAssembler a(options(true));
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("\"<thin")), text(QStringLiteral("king>\" is the tag."))});
    validateStream(ev);
    QCOMPARE(a.stopReason(), QStringLiteral("end_turn"));
    const QJsonArray content = a.message()[QLatin1String("content")].toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(js(content[0].toObject()), js(QJsonObject{{"type", "text"}, {"text", "\"<thinking>\" is the tag."}}));
}

QTEST_GUILESS_MAIN(TestResponseAssemblerThinking)
#include "tst_responseassemblerthinking.moc"
