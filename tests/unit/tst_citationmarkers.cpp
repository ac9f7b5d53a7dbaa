// Citations found in the model's plain text (CitationMarkers) and streamed as Anthropic's cited text
// blocks (CitedTextStream), whatever the chunking of the text.
#include "anthropic/citationmarkers.h"
#include "websearch/citedtextstream.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace kt;

namespace {

QJsonArray sources()
{
    return {QJsonObject{{"type", "web_search_result"}, {"title", "One"}, {"url", "https://one.test/"},
                        {"encrypted_content", "Kiro is an IDE. It was released in 2025 by AWS."}},
            QJsonObject{{"type", "web_search_result"}, {"title", "Two"}, {"url", "https://two.test/"}, {"encrypted_content", ""}}};
}

// Blocks as "text|1,2" (citations by URL host number), to compare shapes briefly.
QStringList brief(const QJsonArray &blocks)
{
    QStringList out;
    for (const QJsonValue &value : blocks) {
        QStringList cited;
        for (const QJsonValue &c : value.toObject().value("citations").toArray())
            cited.append(c.toObject().value("url").toString() == "https://one.test/" ? "1" : "2");
        out.append(value.toObject().value("text").toString() + (cited.isEmpty() ? QString() : "|" + cited.join(',')));
    }
    return out;
}

SseEvent ev(const char *name, const QJsonObject &data) { return SseEvent::fromJson(name, data); }

SseEvent textDelta(const QString &text)
{
    return ev("content_block_delta", {{"type", "content_block_delta"}, {"index", 0},
                                      {"delta", QJsonObject{{"type", "text_delta"}, {"text", text}}}});
}

// The blocks a client rebuilds from CitedTextStream's events for `chunks`, after a tool_use block;
// empty when a citation follows text in its block or indices have gaps.
QJsonArray streamed(const QStringList &chunks)
{
    CitedTextStream stream;
    stream.setMarkers(CitationMarkers(sources()));
    QList<SseEvent> in{ev("content_block_start", {{"index", 0}, {"content_block", QJsonObject{{"type", "tool_use"}}}}),
                       ev("content_block_stop", {{"index", 0}}),
                       ev("content_block_start", {{"index", 1}, {"content_block", QJsonObject{{"type", "text"}, {"text", ""}}}})};
    QList<SseEvent> out = stream.events(in);
    for (const QString &chunk : chunks)
        out += stream.events({textDelta(chunk)});
    out += stream.events({ev("content_block_stop", {{"index", 1}}), ev("message_stop", {})});
    QJsonArray blocks;
    for (const SseEvent &e : out) {
        const int index = e.json().value("index").toInt();
        if (e.name == "content_block_start") {
            if (index != blocks.size())
                return {};
            blocks.append(e.json().value("content_block"));
        } else if (e.name == "content_block_delta") {
            QJsonObject block = blocks[index].toObject();
            const QJsonObject d = e.json().value("delta").toObject();
            if (d.value("type") == "citations_delta") {
                if (!block.value("text").toString().isEmpty())
                    return {};
                QJsonArray c = block.value("citations").toArray();
                c.append(d.value("citation"));
                block.insert("citations", c);
            } else {
                block.insert("text", block.value("text").toString() + d.value("text").toString());
            }
            blocks.replace(index, block);
        }
    }
    if (out.last().name != "message_stop" || blocks.first().toObject().value("type") != "tool_use")
        return {};
    blocks.removeFirst();
    return blocks;
}

} // namespace

class TestCitationMarkers : public QObject {
    Q_OBJECT

private slots:
    void blocks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("none") << "Plain. Text" << QStringList{"Plain. Text"};
        QTest::newRow("before stop") << "Kiro is an IDE [1]. More." << QStringList{"Kiro is an IDE.|1", " More."};
        QTest::newRow("after stop") << "Kiro is an IDE.[1] More." << QStringList{"Kiro is an IDE.|1", " More."};
        QTest::newRow("after stop and space") << "A b. [2] C." << QStringList{"A b.|2", " C."};
        QTest::newRow("list") << "Both [1, 2]." << QStringList{"Both.|1,2"};
        QTest::newRow("adjacent") << "Both [2][1][2]." << QStringList{"Both.|2,1"};
        QTest::newRow("mid sentence") << "X [1] and Y [2] too. Z" << QStringList{"X and Y too.|1,2", " Z"};
        QTest::newRow("line end") << "- item [1]\n- other\n" << QStringList{"- item|1", "\n- other\n"};
        QTest::newRow("unknown number") << "Array a[3] and [0]. Yes [1]." << QStringList{"Array a[3] and [0]. ", "Yes.|1"};
        QTest::newRow("decimal") << "Version 3.5 is out [1]." << QStringList{"Version 3.5 is out.|1"};
        QTest::newRow("leading white space") << "\n\nSaid so [1].\n" << QStringList{"\n\n", "Said so.|1", "\n"};
        QTest::newRow("marker alone") << "[1]" << QStringList{""};
        QTest::newRow("not a marker") << "See [the docs](https://x)." << QStringList{"See [the docs](https://x)."};
    }

    void blocks()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(brief(CitationMarkers(sources()).blocks(text)), expected);
    }

    void citationShape()
    {
        const QJsonArray blocks = CitationMarkers(sources()).blocks("Released by AWS in 2025 [1]. Two [2].");
        const QJsonObject one = blocks[0].toObject().value("citations").toArray()[0].toObject();
        QCOMPARE(one.value("type").toString(), QStringLiteral("web_search_result_location"));
        QCOMPARE(one.value("url").toString(), QStringLiteral("https://one.test/"));
        QCOMPARE(one.value("title").toString(), QStringLiteral("One"));
        QCOMPARE(one.value("cited_text").toString(), QStringLiteral("It was released in 2025 by AWS."));   // the best matching sentence
        QVERIFY(!one.value("encrypted_index").toString().isEmpty());
        QCOMPARE(one.keys().size(), 5);
        // No snippet: the title.
        QCOMPARE(blocks[2].toObject().value("citations").toArray()[0].toObject().value("cited_text").toString(), QStringLiteral("Two"));
        // At most 150 characters.
        const QJsonArray longSource{QJsonObject{{"url", "https://l.test/"}, {"encrypted_content", QString(400, QLatin1Char('a'))}}};
        QCOMPARE(CitationMarkers(longSource).blocks("Long [1].")[0].toObject().value("citations").toArray()[0].toObject()
                     .value("cited_text").toString().size(), CitationMarkers::MaxCitedChars);
    }

    void inactiveWithoutResults()
    {
        QString pending = "Text [1]";
        const auto segments = CitationMarkers().take(pending, false);
        QCOMPARE(segments.size(), 1);
        QCOMPARE(segments[0].text, QStringLiteral("Text [1]"));
        QVERIFY(pending.isEmpty());
    }

    void holdsWhatCanStillChange()
    {
        const CitationMarkers markers(sources());
        for (const QString &open : {QStringLiteral("Half a sent"), QStringLiteral("Ends here."), QStringLiteral("Ends here. "),
                                    QStringLiteral("Ends here. ["), QStringLiteral("Ends here [1"), QStringLiteral("Ends here.[1, ")}) {
            QString pending = open;
            QVERIFY2(markers.take(pending, false).isEmpty(), qPrintable(open));
            QCOMPARE(pending, open);
        }
        QString pending = "Done [1]. Next";
        QCOMPARE(markers.take(pending, false).size(), 2);   // the cited sentence and its white space
        QCOMPARE(pending, QStringLiteral("Next"));
    }

    void longSentenceNotHeldForever()
    {
        const CitationMarkers markers(sources());
        QString pending;
        for (int i = 0; i < CitationMarkers::MaxHeldChars / 4; ++i)
            pending += "abc ";
        pending += "tail [1";
        const qsizetype size = pending.size();
        const auto segments = markers.take(pending, false);
        QCOMPARE(segments.size(), 1);
        QVERIFY(segments[0].citations.isEmpty());
        QCOMPARE(pending, QStringLiteral("abc abc tail [1"));   // from a space at least 16 characters before the end
        QCOMPARE(segments[0].text.size() + pending.size(), size);
    }

    // Every way of cutting the text in two, and one character at a time, streams the same blocks
    // as the whole text gives.
    void anyChunking()
    {
        const QString text = QStringLiteral("Intro. Kiro is an IDE [1]. Both agree [1][2].\nArray a[7] stays. End [2]");
        const QJsonArray whole = CitationMarkers(sources()).blocks(text);
        QCOMPARE(brief(whole), (QStringList{"Intro. ", "Kiro is an IDE.|1", " ", "Both agree.|1,2", "\nArray a[7] stays. ", "End|2"}));
        for (qsizetype cut = 0; cut <= text.size(); ++cut)
            QCOMPARE(streamed({text.left(cut), text.mid(cut)}), whole);
        QStringList chars;
        for (QChar c : text)
            chars.append(QString(c));
        QCOMPARE(streamed(chars), whole);
    }

    void emptyTextBlockKept()
    {
        QCOMPARE(streamed({}), (QJsonArray{QJsonObject{{"type", "text"}, {"text", ""}}}));
    }
};

QTEST_GUILESS_MAIN(TestCitationMarkers)
#include "tst_citationmarkers.moc"
