// Citations of web search results end to end: the fake model marks what it quotes with "[N]" as
// KiroTray asks it to (one marker cut over two upstream frames, one naming no result), and the
// client gets Anthropic's cited text blocks: citations_delta events before the text when streaming,
// "citations" arrays otherwise (docs/web-search.md#citations).
#include "proxyfixture.h"
#include "searchmessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;
using namespace kt::test::SearchMessages;

namespace {

QJsonObject textBlock(const QString &text, const QJsonArray &citations = {})
{
    QJsonObject block{{"type", "text"}, {"text", text}};
    if (!citations.isEmpty())
        block.insert("citations", citations);
    return block;
}

// The citation of result `number` (a web_search_result the client got), as KiroTray writes it.
QJsonObject citation(const QJsonObject &result, int number)
{
    const QString url = result.value("url").toString();
    const QByteArray index = QJsonDocument(QJsonObject{{"url", url}, {"result", number}}).toJson(QJsonDocument::Compact).toBase64();
    return {{"type", "web_search_result_location"}, {"url", url}, {"title", result.value("title")},
            {"encrypted_index", QString::fromLatin1(index)}, {"cited_text", result.value("encrypted_content")}};
}

// The fake's citing answer (FakeSessionScript) once KiroTray has turned its markers into blocks,
// quoting results first and second.
QJsonArray citedAnswer(const QJsonObject &first, const QJsonObject &second)
{
    return {textBlock("Here is what I found. "), textBlock("The first result covers it.", {first}), textBlock(" "),
            textBlock("Both agree.", {first, second}), textBlock("\nIndex a[99] stays.")};
}

SseEventData event(const char *name, QJsonObject data)
{
    data.insert("type", QLatin1String(name));
    return {name, data, {}};
}

// The events of citedAnswer() from block `index` on: each block opened, a cited one with its
// citations_delta events before its text, and closed.
QList<SseEventData> citedAnswerEvents(const QJsonArray &blocks, int index)
{
    QList<SseEventData> out;
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QJsonArray citations = block.value("citations").toArray();
        QJsonObject start{{"type", "text"}, {"text", ""}};
        if (!citations.isEmpty())
            start.insert("citations", QJsonArray());
        out.append(event("content_block_start", {{"index", index}, {"content_block", start}}));
        for (const QJsonValue &c : citations)
            out.append(event("content_block_delta", {{"index", index}, {"delta", QJsonObject{{"type", "citations_delta"}, {"citation", c}}}}));
        // The last plain run arrives in two deltas: the white space before the held sentence, then it.
        const QString text = block.value("text").toString();
        const QStringList parts = text == "\nIndex a[99] stays." ? QStringList{"\n", "Index a[99] stays."} : QStringList{text};
        for (const QString &part : parts)
            out.append(event("content_block_delta", {{"index", index}, {"delta", QJsonObject{{"type", "text_delta"}, {"text", part}}}}));
        out.append(event("content_block_stop", {{"index", index}}));
        ++index;
    }
    return out;
}

} // namespace

class TestE2eWebSearchCitations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nonStreaming()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("[[cite]] kiro", false));
        QCOMPARE(r.status, 200);
        const QJsonArray content = r.json().value("content").toArray();
        QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result", "text", "text", "text", "text", "text"}));
        const QJsonArray hits = results(content, 0);
        QCOMPARE(hits[0].toObject().value("encrypted_content").toString(), QStringLiteral("Snippet 1 about [[cite]] kiro."));
        const QJsonArray expected = citedAnswer(citation(hits[0].toObject(), 1), citation(hits[1].toObject(), 2));
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(content[3 + i].toObject(), expected[i].toObject());
        // What the model was told: numbered results and how to cite them.
        const QString fed = f.fake.requests("/generateAssistantResponse")[1].json().value("conversationState").toObject()
                                .value("currentMessage").toObject().value("userInputMessage").toObject()
                                .value("userInputMessageContext").toObject().value("toolResults").toArray()[0].toObject()
                                .value("content").toArray()[0].toObject().value("text").toString();
        QVERIFY2(fed.contains("\n\n2. Result 2") && fed.endsWith("like \"Kiro is an IDE [1].\""), qPrintable(fed));
    }

    void streaming()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("[[cite]] kiro", true));
        QCOMPARE(r.status, 200);
        const QJsonObject m = fromStream(r);
        QVERIFY2(!m.isEmpty(), r.body.constData());
        const QJsonArray hits = results(m.value("content").toArray(), 0);
        const QJsonArray blocks = citedAnswer(citation(hits[0].toObject(), 1), citation(hits[1].toObject(), 2));
        // Every event from the answer's first text block to the message's end, in order.
        const QList<SseEventData> events = r.events();
        qsizetype at = 0;
        while (at < events.size() && !(events[at].name == "content_block_start" && events[at].data.value("index").toInt() == 3))
            ++at;
        const QList<SseEventData> expected = citedAnswerEvents(blocks, 3);
        QCOMPARE(events.size(), at + expected.size() + 2);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(events[at + i].name, expected[i].name);
            QCOMPARE(events[at + i].data, expected[i].data);
        }
        QCOMPARE(events[at + expected.size()].name, QByteArray("message_delta"));
        QCOMPARE(events.last().name, QByteArray("message_stop"));
    }

    // Result numbers run on across searches: the second search's results are 4 to 6.
    void secondSearchCited()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("[[searches:2]] [[cite]] two", false));
        QCOMPARE(r.status, 200);
        const QJsonArray content = r.json().value("content").toArray();
        const QJsonArray hits = results(content, 1);
        QVERIFY(hits[0].toObject().value("title").toString().endsWith("(search 2)"));
        QCOMPARE(content[7].toObject(), textBlock("The first result covers it.", {citation(hits[0].toObject(), 4)}));
        QCOMPARE(content[9].toObject().value("citations").toArray(),
                 (QJsonArray{citation(hits[0].toObject(), 4), citation(hits[1].toObject(), 5)}));
    }

    // A later turn sends the cited blocks back: accepted, the citations dropped upstream (the text
    // runs together again), and the earlier result keeps number 1.
    void historyWithCitations()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QJsonObject first = f.post("/v1/messages", request("[[searches:2]] [[cite]] kiro", false)).json();
        const QJsonArray firstContent = first.value("content").toArray();
        // The first turn ends after one search here: keep its server blocks and the cited answer.
        QJsonArray turn;
        for (qsizetype i = 0; i < firstContent.size(); ++i)
            if (i < 3 || i >= 6)
                turn.append(firstContent[i]);
        QJsonObject body = request("[[searches:2]] [[cite]] kiro", false);
        QJsonArray messages = body.value("messages").toArray();
        messages.append(QJsonObject{{"role", "assistant"}, {"content", turn}});
        messages.append(QJsonObject{{"role", "user"}, {"content", "And more?"}});
        body.insert("messages", messages);
        const int before = int(f.fake.requests("/generateAssistantResponse").size());
        const HttpResult r = f.post("/v1/messages", body);
        QCOMPARE(r.status, 200);

        const auto chats = f.fake.requests("/generateAssistantResponse");
        const QJsonArray history = chats[before].json().value("conversationState").toObject().value("history").toArray();
        QCOMPARE(history[3].toObject().value("assistantResponseMessage").toObject().value("content").toString(),
                 QStringLiteral("Here is what I found. The first result covers it. Both agree.\nIndex a[99] stays."));
        QVERIFY(!QJsonDocument(history).toJson().contains("citations"));
        const QJsonArray content = r.json().value("content").toArray();
        const QJsonArray hits = results(content, 0);
        QCOMPARE(hits.size(), 3);
        const QJsonArray cited = content[4].toObject().value("citations").toArray();
        QCOMPARE(cited, (QJsonArray{citation(hits[0].toObject(), 4)}));
    }
};

QTEST_GUILESS_MAIN(TestE2eWebSearchCitations)
#include "tst_e2e_websearchcitations.moc"
