// A typed block delta is written byte for byte as its JSON would be, reads back from that JSON
// (SseEvent::fromJson), and answers index()/setIndex()/json() as a JSON event does.
#include "anthropic/sseformat.h"

#include <QtTest>

using namespace kt;

namespace {

QByteArray written(const SseEvent &e)
{
    QByteArray out;
    appendSse(out, e);
    return out;
}

SseEvent untyped(const SseEvent &e)
{
    return {e.name, e.json(), {}};
}

} // namespace

class TestSseFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedDeltaIsWrittenAsItsJson_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("text");
        QTest::newRow("text") << int(BlockDelta::Text) << 0 << QStringLiteral("Hello, world!");
        QTest::newRow("escapes") << int(BlockDelta::Text) << 3 << QStringLiteral("a \"quote\"\n\ttab \\ back\x01 slash");
        QTest::newRow("non-ascii") << int(BlockDelta::Thinking) << 12 << QStringLiteral("naïve 日本語 \U0001F600");
        QTest::newRow("empty") << int(BlockDelta::Text) << 1 << QString();
        QTest::newRow("tool input") << int(BlockDelta::InputJson) << 2 << QStringLiteral("{\"city\":\"Oslo\"}");
        QTest::newRow("signature") << int(BlockDelta::Signature) << 0 << QStringLiteral("c2lnbmF0dXJl");
        QTest::newRow("large index") << int(BlockDelta::Text) << 2147483647 << QStringLiteral("x");
    }

    void typedDeltaIsWrittenAsItsJson()
    {
        QFETCH(int, kind);
        QFETCH(int, index);
        QFETCH(QString, text);
        const SseEvent typed = SseEvent::blockDelta(BlockDelta::Kind(kind), index, text);
        QVERIFY(typed.isTypedDelta());
        QVERIFY(typed.data.isEmpty());
        QCOMPARE(written(typed), written(untyped(typed)));
        QCOMPARE(typed.json().value(QLatin1String("type")).toString(), QStringLiteral("content_block_delta"));
        QCOMPARE(typed.json().value(QLatin1String("index")).toInt(), index);
    }

    void fromJsonTypesTheRepeatedDeltas()
    {
        const struct {
            const char *type;
            const char *field;
            BlockDelta::Kind kind;
        } shapes[] = {{"text_delta", "text", BlockDelta::Text},
                      {"thinking_delta", "thinking", BlockDelta::Thinking},
                      {"input_json_delta", "partial_json", BlockDelta::InputJson},
                      {"signature_delta", "signature", BlockDelta::Signature}};
        for (const auto &shape : shapes) {
            const QJsonObject data{{"type", "content_block_delta"}, {"index", 4},
                                   {"delta", QJsonObject{{"type", shape.type}, {shape.field, "piece"}}}};
            const SseEvent e = SseEvent::fromJson("content_block_delta", data);
            QCOMPARE(int(e.delta.kind), int(shape.kind));
            QCOMPARE(e.delta.index, 4);
            QCOMPARE(e.delta.text, QStringLiteral("piece"));
            QCOMPARE(e.json(), data);
        }
    }

    void fromJsonKeepsOtherEventsAsJson()
    {
        const QJsonObject citation{{"type", "content_block_delta"}, {"index", 1},
                                   {"delta", QJsonObject{{"type", "citations_delta"}, {"citation", QJsonObject{{"url", "https://a.test/"}}}}}};
        const SseEvent cited = SseEvent::fromJson("content_block_delta", citation);
        QVERIFY(!cited.isTypedDelta());
        QCOMPARE(cited.data, citation);
        QCOMPARE(cited.index(), 1);

        const QJsonObject stop{{"type", "content_block_stop"}, {"index", 2}};
        const SseEvent e = SseEvent::fromJson("content_block_stop", stop);
        QVERIFY(!e.isTypedDelta());
        QCOMPARE(e.json(), stop);
    }

    void indexIsReadAndMovedOnEitherForm()
    {
        SseEvent typed = SseEvent::blockDelta(BlockDelta::Text, 0, QStringLiteral("a"));
        typed.setIndex(7);
        QCOMPARE(typed.index(), 7);
        QVERIFY(written(typed).contains("\"index\":7,"));

        SseEvent start = SseEvent::fromJson("content_block_start", {{"type", "content_block_start"}, {"index", 0}});
        start.setIndex(7);
        QCOMPARE(start.index(), 7);
        QCOMPARE(start.data.value(QLatin1String("index")).toInt(), 7);

        const SseEvent message = SseEvent::fromJson("message_stop", {{"type", "message_stop"}});
        QCOMPARE(message.index(), -1);
    }
};

QTEST_APPLESS_MAIN(TestSseFormat)
#include "tst_sseformat.moc"
