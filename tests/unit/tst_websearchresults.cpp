// The web search pieces without a network: the server tool's settings and domain filters, Kiro MCP
// replies (docs/protocol.md#web-search-mcp) read into results or error codes, and the blocks made of them.
#include "anthropic/citationmarkers.h"
#include "anthropic/websearchresults.h"
#include "anthropic/websearchtool.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace kt;

namespace {

QByteArray mcpReply(const QJsonValue &payloadText, bool isError = false)
{
    const QJsonObject content{{"type", "text"}, {"text", payloadText}};
    return QJsonDocument(QJsonObject{{"jsonrpc", "2.0"}, {"id", "x"},
                                     {"result", QJsonObject{{"isError", isError}, {"content", QJsonArray{content}}}}})
        .toJson(QJsonDocument::Compact);
}

QString payload(const QJsonArray &results, const QJsonValue &error = QJsonValue::Null)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{"results", results}, {"totalResults", results.size()},
                                                       {"query", "q"}, {"error", error}}).toJson(QJsonDocument::Compact));
}

} // namespace

class TestWebSearchResults : public QObject {
    Q_OBJECT

private slots:
    void toolSettings()
    {
        QVERIFY(!WebSearchTool::from(QJsonArray{QJsonObject{{"name", "web_search"}, {"input_schema", QJsonObject()}}}));
        const auto tool = WebSearchTool::from(QJsonArray{
            QJsonObject{{"name", "Bash"}},
            QJsonObject{{"type", "web_search_20250305"}, {"name", "search"}, {"max_uses", 2},
                        {"allowed_domains", QJsonArray{"Example.com", "docs.rs/serde", ""}}}});
        QVERIFY(tool);
        QCOMPARE(tool->name, QStringLiteral("search"));
        QCOMPARE(tool->maxUses, 2);
        QCOMPARE(tool->allowedDomains, (QStringList{"example.com", "docs.rs/serde"}));
        QCOMPARE(WebSearchTool::from(QJsonArray{QJsonObject{{"type", "web_search_20250305"}}})->maxUses,
                 WebSearchTool::DefaultMaxUses);
        QVERIFY(tool->allows("https://example.com/a"));
        QVERIFY(tool->allows("https://www.EXAMPLE.com/a"));
        QVERIFY(!tool->allows("https://notexample.com/a"));
        QVERIFY(tool->allows("https://docs.rs/serde/latest"));
        QVERIFY(!tool->allows("https://docs.rs/tokio"));
        WebSearchTool blocking;
        blocking.blockedDomains = {"spam.test"};
        QVERIFY(!blocking.allows("http://a.spam.test/x"));
        QVERIFY(blocking.allows("http://spam.test.example/x"));
    }

    void parsesResults()
    {
        const QJsonArray results{QJsonObject{{"title", "T"}, {"url", "https://a.test/"}, {"snippet", "S"},
                                             {"publishedDate", 1735689600000.0}},
                                 QJsonObject{{"url", "https://b.test/"}},
                                 QJsonObject{{"title", "no url"}}};
        const WebSearchOutcome outcome = WebSearchResults::parseMcpReply(200, mcpReply(payload(results)));
        QCOMPARE(outcome.errorCode, QString());
        QCOMPARE(outcome.hits.size(), 2);
        QCOMPARE(outcome.hits[1].title, QStringLiteral("https://b.test/"));   // no title: the URL
        const QJsonArray blocks = WebSearchResults::blockContent(outcome).toArray();
        QCOMPARE(blocks[0].toObject(), (QJsonObject{{"type", "web_search_result"}, {"title", "T"}, {"url", "https://a.test/"},
                                                    {"encrypted_content", "S"}, {"page_age", "January 1, 2025"}}));
        QVERIFY(blocks[1].toObject().value("page_age").isNull());
        QCOMPARE(WebSearchResults::modelText(blocks),
                 QStringLiteral("1. T\nURL: https://a.test/\nPublished: January 1, 2025\nS\n\n2. https://b.test/\nURL: https://b.test/\n\n")
                     + CitationMarkers::instruction());
        QVERIFY(WebSearchResults::modelText(blocks, 4).startsWith("4. T\n"));
        QVERIFY(WebSearchResults::modelText(blocks, 4).contains("\n\n5. https://b.test/\n"));
        QCOMPARE(WebSearchResults::modelText(QJsonArray()), QStringLiteral("No results found."));
    }

    void failures_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("http 503") << 503 << QByteArray("{}") << "unavailable";
        QTest::newRow("http 429") << 429 << QByteArray("{}") << "too_many_requests";
        QTest::newRow("transport") << 0 << QByteArray() << "unavailable";
        QTest::newRow("json-rpc error") << 200 << QByteArray(R"({"jsonrpc":"2.0","id":"x","error":{"code":-1,"message":"m"}})") << "unavailable";
        QTest::newRow("isError") << 200 << mcpReply(payload({}), true) << "unavailable";
        QTest::newRow("text not JSON") << 200 << mcpReply("nope") << "unavailable";
        QTest::newRow("payload error") << 200 << mcpReply(payload({}, "quota")) << "unavailable";
        QTest::newRow("not JSON at all") << 200 << QByteArray("<html>") << "unavailable";
    }

    void failures()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        const WebSearchOutcome outcome = WebSearchResults::parseMcpReply(status, body);
        QCOMPARE(outcome.errorCode, code);
        const QJsonObject block = WebSearchResults::blockContent(outcome).toObject();
        QCOMPARE(block, (QJsonObject{{"type", "web_search_tool_result_error"}, {"error_code", code}}));
        QCOMPARE(WebSearchResults::modelText(block), QStringLiteral("The web search failed (%1).").arg(code));
    }

    void requestBody()
    {
        const QJsonObject body = QJsonDocument::fromJson(WebSearchResults::mcpRequestBody("kiro \"news\"")).object();
        QCOMPARE(body.value("jsonrpc").toString(), QStringLiteral("2.0"));
        QCOMPARE(body.value("method").toString(), QStringLiteral("tools/call"));
        QVERIFY(QRegularExpression("^web_search_tooluse_[A-Za-z0-9]{22}_\\d{13}_[a-z0-9]{8}$").match(body.value("id").toString()).hasMatch());
        QCOMPARE(body.value("params").toObject(),
                 (QJsonObject{{"name", "web_search"}, {"arguments", QJsonObject{{"query", "kiro \"news\""}}}}));
    }
};

QTEST_GUILESS_MAIN(TestWebSearchResults)
#include "tst_websearchresults.moc"
