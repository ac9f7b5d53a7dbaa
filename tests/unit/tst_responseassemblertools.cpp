// ResponseAssembler tool calls: tool_use blocks between text, repeated and fragmented input, tools
// that never finish or are cut off by another, invalid input JSON, and long tool names mapped back.
#include "anthropic/responseassembler.h"
#include "unit/support/assemblerfixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestResponseAssemblerTools : public QObject
{
    Q_OBJECT

private slots:
    void textToolText();
    void twoTools();
    void toolInputInThreeFragments();
    void toolObjectInput();
    void fragmentsWithoutIdOrName();
    void toolNeverFinished();
    void toolCutOffByAnotherTool();
    void invalidToolJson_data();
    void invalidToolJson();
    void longToolNameMappedBack();
};

void TestResponseAssemblerTools::textToolText()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Let me check.")),
                                          tool("toolu_01", "get_weather", QStringLiteral("{\"city\":\"Oslo\"}"), true),
                                          text(QStringLiteral("Done."))});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:text@0", "text_delta@0", "stop@0", "start:tool_use@1",
                                     "input_json_delta@1", "stop@1", "start:text@2", "text_delta@2", "stop@2",
                                     "message_delta", "message_stop"}));
    QCOMPARE(js(ev[4].json()), QByteArray(R"({"content_block":{"id":"toolu_01","input":{},"name":"get_weather","type":"tool_use"},"index":1,"type":"content_block_start"})"));
    QCOMPARE(js(ev[5].json()), QByteArray(R"({"delta":{"partial_json":"{\"city\":\"Oslo\"}","type":"input_json_delta"},"index":1,"type":"content_block_delta"})"));
    QCOMPARE(ev[10].json()[QLatin1String("delta")][QLatin1String("stop_reason")].toString(), QStringLiteral("tool_use"));
    const int out = est("Let me check.") + est("Done.") + (15 + 3) / 4;
    QCOMPARE(a.outputTokens(), out);
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "text"}, {"text", "Let me check."}},
                                 QJsonObject{{"type", "tool_use"}, {"id", "toolu_01"}, {"name", "get_weather"},
                                             {"input", QJsonObject{{"city", "Oslo"}}}},
                                 QJsonObject{{"type", "text"}, {"text", "Done."}}},
                                "tool_use", 42, out)));
}

void TestResponseAssemblerTools::twoTools()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {tool("t1", "read", QStringLiteral("{\"path\":\"a\"}"), true),
                                          tool("t1", "read", QStringLiteral("{\"path\":\"a\"}"), true), // repeat: ignored
                                          tool("t2", "write", QString()),
                                          tool("t2", "write", QStringLiteral("{\"path\":\"b\"}")),
                                          tool("t2", "write", QString(), true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1", "message_delta", "message_stop"}));
    QCOMPARE(a.stopReason(), QStringLiteral("tool_use"));
    QCOMPARE(a.outputTokens(), 2 * ((12 + 3) / 4));
    QCOMPARE(js(a.message()),
             js(expectedMessage({QJsonObject{{"type", "tool_use"}, {"id", "t1"}, {"name", "read"}, {"input", QJsonObject{{"path", "a"}}}},
                                 QJsonObject{{"type", "tool_use"}, {"id", "t2"}, {"name", "write"}, {"input", QJsonObject{{"path", "b"}}}}},
                                "tool_use", 42, a.outputTokens())));
}

void TestResponseAssemblerTools::toolInputInThreeFragments()
{
    ResponseAssembler a(options());
    const QStringList parts{QStringLiteral("{\"q\":"), QStringLiteral("\"x y\",\"n\""), QStringLiteral(":[1,2]}")};
    const QList<SseEvent> ev = runAll(a, {tool("toolu_9", "search", parts[0]), tool("toolu_9", "search", parts[1]),
                                          tool("toolu_9", "search", parts[2], true)});
    validateStream(ev);
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "input_json_delta@0",
                                     "input_json_delta@0", "stop@0", "message_delta", "message_stop"}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(ev[2 + i].json()[QLatin1String("delta")][QLatin1String("partial_json")].toString(), parts[i]);
    QCOMPARE(a.outputTokens(), (5 + 3) / 4 + (9 + 3) / 4 + (7 + 3) / 4);
    QCOMPARE(js(a.message()[QLatin1String("content")][0].toObject()),
             js(QJsonObject{{"type", "tool_use"}, {"id", "toolu_9"}, {"name", "search"},
                            {"input", QJsonObject{{"q", "x y"}, {"n", QJsonArray{1, 2}}}}}));
}

void TestResponseAssemblerTools::toolObjectInput()
{
    ResponseAssembler a(options());
    const QList<SseEvent> ev = runAll(a, {tool("t", "calc", QJsonObject{{"a", 1}, {"b", "two"}}, true)});
    validateStream(ev);
    QCOMPARE(ev[2].json()[QLatin1String("delta")][QLatin1String("partial_json")].toString(), QStringLiteral(R"({"a":1,"b":"two"})"));
    QCOMPARE(js(a.message()[QLatin1String("content")][0][QLatin1String("input")].toObject()), QByteArray(R"({"a":1,"b":"two"})"));
}

void TestResponseAssemblerTools::fragmentsWithoutIdOrName()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(tool("t", "ls", QStringLiteral("{\"d\":")));
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"input", "\"/\"}"}}));   // input-only fragment
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"stop", true}}));        // stop-only fragment
    ev += a.onMessage(kiroEvent("toolUseEvent", {{"input", "junk"}}));     // nothing open: ignored
    ev += a.finish();
    validateStream(ev);
    QVERIFY(!a.failure());
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "input_json_delta@0",
                                     "stop@0", "message_delta", "message_stop"}));
    QCOMPARE(js(a.message()[QLatin1String("content")][0][QLatin1String("input")].toObject()), QByteArray(R"({"d":"/"})"));
}

void TestResponseAssemblerTools::toolNeverFinished()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(text(QStringLiteral("Writing the file.")));
    ev += a.onMessage(tool("t1", "write_file", QStringLiteral("{\"path\":\"a.txt\",")));
    ev += a.onMessage(tool("t1", "write_file", QStringLiteral("\"content\":\"hel")));
    QVERIFY(!a.failure());
    QVERIFY(a.hasContent());
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QCOMPARE(a.failure()->httpStatus, 502);
    QCOMPARE(a.failure()->type, QStringLiteral("api_error"));
    QCOMPARE(a.failure()->message,
             QStringLiteral("upstream ended the stream before tool call 'write_file' finished its input"));
    QVERIFY(!names(ev).contains(QStringLiteral("message_delta")));
    QVERIFY(a.onMessage(tool("t1", "write_file", QStringLiteral("lo\"}"), true)).isEmpty());
    QVERIFY(a.finish().isEmpty());
}

void TestResponseAssemblerTools::toolCutOffByAnotherTool()
{
    ResponseAssembler a(options());
    QList<SseEvent> ev = a.start();
    ev += a.onMessage(tool("t1", "first", QStringLiteral("{\"a\":")));
    ev += a.onMessage(tool("t2", "second", QStringLiteral("{}"), true));
    ev += a.onMessage(tool("t1", "first", QStringLiteral("1}"), true));   // its block is already closed
    QCOMPARE(shape(ev), QStringList({"message_start", "start:tool_use@0", "input_json_delta@0", "stop@0",
                                     "start:tool_use@1", "input_json_delta@1", "stop@1"}));
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QVERIFY(a.failure()->message.contains(QLatin1String("'first'")));
}

void TestResponseAssemblerTools::invalidToolJson_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("truncated") << QStringLiteral("{\"a\":");
    QTest::newRow("garbage") << QStringLiteral("not json");
    QTest::newRow("array") << QStringLiteral("[1,2]");
    QTest::newRow("trailing junk") << QStringLiteral("{\"a\":1}}");
}

void TestResponseAssemblerTools::invalidToolJson()
{
    QFETCH(QString, input);
    ResponseAssembler a(options());
    a.start();
    QVERIFY(!a.onMessage(tool("t1", "run", input, true)).isEmpty());
    QVERIFY(a.finish().isEmpty());
    QVERIFY(a.failure().has_value());
    QCOMPARE(a.failure()->httpStatus, 502);
    QCOMPARE(a.failure()->type, QStringLiteral("api_error"));
    QVERIFY(a.failure()->message.contains(QLatin1String("'run'")));
}

void TestResponseAssemblerTools::longToolNameMappedBack()
{
    ResponseAssembler::Options o = options();
    const QString original = QStringLiteral("mcp__some_server_with_a_long_name__a_tool_whose_name_is_much_longer_than_sixty_four_chars");
    o.toolNameMap.insert(QStringLiteral("mcp__some_server_wi_3f2a9c"), original);
    ResponseAssembler a(o);
    const QList<SseEvent> ev = runAll(a, {tool("t1", "mcp__some_server_wi_3f2a9c", QStringLiteral("{}"), true),
                                          tool("t2", "unmapped_tool", QString(), true)});
    validateStream(ev);
    QCOMPARE(ev[1].json()[QLatin1String("content_block")][QLatin1String("name")].toString(), original);
    QCOMPARE(ev[4].json()[QLatin1String("content_block")][QLatin1String("name")].toString(), QStringLiteral("unmapped_tool"));
    QCOMPARE(a.message()[QLatin1String("content")][0][QLatin1String("name")].toString(), original);
    QCOMPARE(js(a.message()[QLatin1String("content")][1].toObject()),
             js(QJsonObject{{"type", "tool_use"}, {"id", "t2"}, {"name", "unmapped_tool"}, {"input", QJsonObject()}}));
}

QTEST_GUILESS_MAIN(TestResponseAssemblerTools)
#include "tst_responseassemblertools.moc"
