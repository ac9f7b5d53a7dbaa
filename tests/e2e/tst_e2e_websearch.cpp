// The web search server tool end to end: the fake model calls the offered "web_search" tool, the
// proxy runs each call on the fake's MCP endpoint and asks again; the client sees server_tool_use
// and web_search_tool_result blocks in one message (docs/protocol.md#web-search-mcp).
#include "anthropic/citationmarkers.h"
#include "proxyfixture.h"
#include "searchmessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;
using namespace kt::test::SearchMessages;

namespace {

// A conversation with an earlier web search. (moc misreads a double slash inside a raw string.)
QJsonObject historyRequest()
{
    return QJsonDocument::fromJson(QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":100,"messages":[
        {"role":"user","content":"What is new in Kiro?"},
        {"role":"assistant","content":[{"type":"text","text":"Searching."},
          {"type":"server_tool_use","id":"srvtoolu_01","name":"web_search","input":{"query":"kiro"}},
          {"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":[
            {"type":"web_search_result","title":"Kiro","url":"KIRO_URL","encrypted_content":"Kiro is an IDE.","page_age":"May 1, 2025"}]},
          {"type":"text","text":"Kiro is an IDE."}]},
        {"role":"user","content":"Thanks"}]})").replace("KIRO_URL", "https://kiro.dev/")).object();
}

} // namespace

class TestE2eWebSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nonStreamingSearch()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("kiro news", false));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject m = r.json();
        const QJsonArray content = m.value("content").toArray();
        QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result", "text"}));
        const QJsonObject use = content[1].toObject();
        QVERIFY(use.value("id").toString().startsWith("srvtoolu_"));
        QCOMPARE(use.value("name").toString(), QStringLiteral("web_search"));
        QCOMPARE(use.value("input").toObject().value("query").toString(), QStringLiteral("kiro news"));
        const QJsonObject result = content[2].toObject();
        QCOMPARE(result.value("tool_use_id"), use.value("id"));
        const QJsonArray hits = result.value("content").toArray();
        QCOMPARE(hits.size(), 3);
        const QJsonObject first = hits[0].toObject();
        QCOMPARE(first.value("type").toString(), QStringLiteral("web_search_result"));
        QCOMPARE(first.value("title").toString(), QStringLiteral("Result 1 for kiro news"));
        QCOMPARE(first.value("url").toString(), QStringLiteral("https://example.com/one"));
        QCOMPARE(first.value("page_age").toString(), QStringLiteral("December 2, 2025"));
        QCOMPARE(first.value("encrypted_content").toString(), QStringLiteral("Snippet 1 about kiro news."));
        QCOMPARE(content[3].toObject().value("text").toString(),
                 QStringLiteral("Sources: https://example.com/one, https://docs.example.org/two, https://blocked.test/three"));
        QCOMPARE(m.value("stop_reason").toString(), QStringLiteral("end_turn"));
        QCOMPARE(m.value("usage").toObject().value("server_tool_use").toObject().value("web_search_requests").toInt(), 1);

        // What went upstream: one MCP call on the account, and the results back to the model.
        const auto mcp = f.fake.requests("/mcp");
        QCOMPARE(mcp.size(), 1);
        QVERIFY(mcp[0].header("authorization").startsWith("Bearer fake-access-"));
        QCOMPARE(mcp[0].header("content-type"), QByteArray("application/json"));
        QVERIFY(!mcp[0].header("x-amzn-kiro-profile-arn").isEmpty());
        const QJsonObject rpc = mcp[0].json();
        QCOMPARE(rpc.value("method").toString(), QStringLiteral("tools/call"));
        QVERIFY(rpc.value("id").toString().startsWith("web_search_tooluse_"));
        QCOMPARE(rpc.value("params").toObject().value("arguments").toObject().value("query").toString(), QStringLiteral("kiro news"));
        const auto chats = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(chats.size(), 2);
        const QJsonObject current = chats[1].json().value("conversationState").toObject().value("currentMessage").toObject()
                                        .value("userInputMessage").toObject();
        const QString fed = current.value("userInputMessageContext").toObject().value("toolResults").toArray()[0].toObject()
                                .value("content").toArray()[0].toObject().value("text").toString();
        QVERIFY2(fed.startsWith("1. Result 1 for kiro news\nURL: https://example.com/one\nPublished: December 2, 2025\nSnippet 1"),
                 qPrintable(fed));
        QTRY_COMPARE(f.records.size(), 1);
        QCOMPARE(f.records[0].webSearches, 1);
        const QJsonObject logs = f.api("GET", "/api/logs").json();
        QCOMPARE(logs.value("logs").toArray()[0].toObject().value("webSearches").toInt(), 1);
    }

    void streamingTwoSearches()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("[[searches:2]] oslo weather", true));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/event-stream"));
        const QJsonObject m = fromStream(r);
        QVERIFY2(!m.isEmpty(), r.body.constData());
        const QJsonArray content = m.value("content").toArray();
        QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result",
                                              "text", "server_tool_use", "web_search_tool_result", "text"}));
        QCOMPARE(content[4].toObject().value("input").toObject().value("query").toString(), QStringLiteral("[[searches:2]] oslo weather (search 2)"));
        QCOMPARE(content[5].toObject().value("tool_use_id"), content[4].toObject().value("id"));
        QCOMPARE(results(content, 1).size(), 3);
        QCOMPARE(m.value("stop_reason").toString(), QStringLiteral("end_turn"));
        QCOMPARE(m.value("usage").toObject().value("server_tool_use").toObject().value("web_search_requests").toInt(), 2);
        QVERIFY(m.value("usage").toObject().value("output_tokens").toInt() > 0);
        QCOMPARE(f.fake.requests("/mcp").size(), 2);
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 3);
        QTRY_COMPARE(f.records.size(), 1);
        QCOMPARE(f.records[0].webSearches, 2);
    }

    void maxUsesReached()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("[[searches:2]] limits", false, {{"max_uses", 1}}));
        QCOMPARE(r.status, 200);
        const QJsonObject m = r.json();
        const QJsonArray content = m.value("content").toArray();
        QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result",
                                              "text", "server_tool_use", "web_search_tool_result", "text"}));
        QCOMPARE(content[5].toObject().value("content").toObject(),
                 (QJsonObject{{"type", "web_search_tool_result_error"}, {"error_code", "max_uses_exceeded"}}));
        QCOMPARE(m.value("usage").toObject().value("server_tool_use").toObject().value("web_search_requests").toInt(), 1);
        QCOMPARE(f.fake.requests("/mcp").size(), 1);
    }

    void domainFilters_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("allowed") << QJsonObject{{"allowed_domains", QJsonArray{"example.com"}}}
                                 << QStringList{"https://example.com/one"};
        QTest::newRow("allowed subdomain") << QJsonObject{{"allowed_domains", QJsonArray{"example.org"}}}
                                           << QStringList{"https://docs.example.org/two"};
        QTest::newRow("blocked") << QJsonObject{{"blocked_domains", QJsonArray{"blocked.test"}}}
                                 << QStringList{"https://example.com/one", "https://docs.example.org/two"};
    }

    void domainFilters()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(QStringList, urls);
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.post("/v1/messages", request("filters", false, filter));
        QCOMPARE(r.status, 200);
        QStringList got;
        for (const QJsonValue &hit : results(r.json().value("content").toArray(), 0))
            got.append(hit.toObject().value("url").toString());
        QCOMPARE(got, urls);
    }

    void mcpFailure_data()
    {
        QTest::addColumn<QString>("marker");
        QTest::addColumn<QString>("code");
        QTest::newRow("http 500") << "[[mcp:http500]]" << "unavailable";
        QTest::newRow("http 429") << "[[mcp:http429]]" << "too_many_requests";
        QTest::newRow("json-rpc error") << "[[mcp:rpcerror]]" << "unavailable";
        QTest::newRow("isError") << "[[mcp:iserror]]" << "unavailable";
        QTest::newRow("unparsable text") << "[[mcp:garbage]]" << "unavailable";
        QTest::newRow("too slow") << "[[mcp:slow]]" << "unavailable";
    }

    void mcpFailure()
    {
        QFETCH(QString, marker);
        QFETCH(QString, code);
        ProxyFixture f;
        // The MCP call gives up after webSearchTimeoutMs; the slow answer takes longer.
        QVERIFY(f.start({}, [](Config &c) {
            c.webSearchTimeoutMs = 400;
            c.webSearchRetryDelayMs = 1;
        }));
        for (const bool stream : {false, true}) {
            const HttpResult r = f.post("/v1/messages", request(marker + " failing", stream));
            QCOMPARE(r.status, 200);
            const QJsonObject m = stream ? fromStream(r) : r.json();
            const QJsonArray content = m.value("content").toArray();
            QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result", "text"}));
            QCOMPARE(content[2].toObject().value("content").toObject(),
                     (QJsonObject{{"type", "web_search_tool_result_error"}, {"error_code", code}}));
            QCOMPARE(content[3].toObject().value("text").toString(), QStringLiteral("No sources."));
        }
    }

    // A 5xx or a network error is tried again (webSearchRetries, default 2); other failures are not.
    void mcpRetries_data()
    {
        QTest::addColumn<QString>("marker");
        QTest::addColumn<int>("retries");
        QTest::addColumn<int>("requests");
        QTest::addColumn<QString>("code");   // empty: results
        QTest::newRow("503 twice, then results") << "[[mcp:flaky503]]" << 2 << 3 << "";
        QTest::newRow("reset twice, then results") << "[[mcp:flakydrop]]" << 2 << 3 << "";
        QTest::newRow("retries run out") << "[[mcp:flaky503]]" << 1 << 2 << "unavailable";
        QTest::newRow("no retries") << "[[mcp:flakydrop]]" << 0 << 1 << "unavailable";
        QTest::newRow("500 every time") << "[[mcp:http500]]" << 2 << 3 << "unavailable";
        QTest::newRow("429 not retried") << "[[mcp:http429]]" << 2 << 1 << "too_many_requests";
        QTest::newRow("isError not retried") << "[[mcp:iserror]]" << 2 << 1 << "unavailable";
    }

    void mcpRetries()
    {
        QFETCH(QString, marker);
        QFETCH(int, retries);
        QFETCH(int, requests);
        QFETCH(QString, code);
        ProxyFixture f;
        QVERIFY(f.start({}, [retries](Config &c) {
            c.webSearchRetries = retries;
            c.webSearchRetryDelayMs = 1;
        }));
        const HttpResult r = f.post("/v1/messages", request(marker + " retried", false));
        QCOMPARE(r.status, 200);
        const QJsonArray content = r.json().value("content").toArray();
        QCOMPARE(types(content), (QStringList{"text", "server_tool_use", "web_search_tool_result", "text"}));
        if (code.isEmpty())
            QCOMPARE(results(content, 0).size(), 3);
        else
            QCOMPARE(content[2].toObject().value("content").toObject(),
                     (QJsonObject{{"type", "web_search_tool_result_error"}, {"error_code", code}}));
        QCOMPARE(f.fake.requests("/mcp").size(), requests);
        QCOMPARE(r.json().value("usage").toObject().value("server_tool_use").toObject().value("web_search_requests").toInt(), 1);
    }

    void historyWithSearchBlocks()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QJsonObject body = historyRequest();
        const HttpResult r = f.post("/v1/messages", body);
        QCOMPARE(r.status, 200);
        const QJsonObject state = f.fake.requests("/generateAssistantResponse")[0].json().value("conversationState").toObject();
        const QJsonArray history = state.value("history").toArray();
        QCOMPARE(history.size(), 4);
        const QJsonObject use = history[1].toObject().value("assistantResponseMessage").toObject();
        QCOMPARE(use.value("content").toString(), QStringLiteral("Searching."));
        QCOMPARE(use.value("toolUses").toArray()[0].toObject().value("name").toString(), QStringLiteral("web_search"));
        const QJsonObject results = history[2].toObject().value("userInputMessage").toObject();
        QCOMPARE(results.value("userInputMessageContext").toObject().value("toolResults").toArray()[0].toObject()
                     .value("content").toArray()[0].toObject().value("text").toString(),
                 QStringLiteral("1. Kiro\nURL: https://kiro.dev/\nPublished: May 1, 2025\nKiro is an IDE.\n\n") + CitationMarkers::instruction());
        QCOMPARE(history[3].toObject().value("assistantResponseMessage").toObject().value("content").toString(),
                 QStringLiteral("Kiro is an IDE."));
        // web_search was used in the history: declared for Kiro although this request has no tools.
        const QJsonArray tools = state.value("currentMessage").toObject().value("userInputMessage").toObject()
                                     .value("userInputMessageContext").toObject().value("tools").toArray();
        QCOMPARE(tools.size(), 1);
        QCOMPARE(tools[0].toObject().value("toolSpecification").toObject().value("name").toString(), QStringLiteral("web_search"));
    }
};

QTEST_GUILESS_MAIN(TestE2eWebSearch)
#include "tst_e2e_websearch.moc"
