#include "fakemcp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kt::fake {

namespace {

QJsonObject rpc(const QJsonValue &id, const QString &key, const QJsonObject &value)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id}, {key, value}};
}

QJsonObject textResult(const QString &text, bool isError)
{
    return {{QStringLiteral("isError"), isError},
            {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                               {QStringLiteral("text"), text}}}}};
}

QJsonObject hit(int n, const QString &query, const QString &url, const QString &domain)
{
    return {{QStringLiteral("title"), QStringLiteral("Result %1 for %2").arg(n).arg(query)},
            {QStringLiteral("url"), url},
            {QStringLiteral("snippet"), QStringLiteral("Snippet %1 about %2.").arg(n).arg(query)},
            {QStringLiteral("publishedDate"), 1764547200000.0 + n * 86400000.0},
            {QStringLiteral("id"), QStringLiteral("r%1").arg(n)},
            {QStringLiteral("domain"), domain},
            {QStringLiteral("maxVerbatimWordLimit"), 25},
            {QStringLiteral("publicDomain"), false}};
}

} // namespace

QString FakeMcp::query(const RecordedRequest &request)
{
    return request.json().value(QStringLiteral("params")).toObject().value(QStringLiteral("arguments")).toObject()
        .value(QStringLiteral("query")).toString();
}

FakeReply FakeMcp::reply(const RecordedRequest &request, int attempt)
{
    const QJsonObject body = request.json();
    const QJsonValue id = body.value(QStringLiteral("id"));
    const QJsonObject params = body.value(QStringLiteral("params")).toObject();
    if (body.value(QStringLiteral("method")).toString() != QStringLiteral("tools/call")
        || params.value(QStringLiteral("name")).toString() != QStringLiteral("web_search"))
        return FakeReply::json(400, {{QStringLiteral("message"), QStringLiteral("fake_kiro: only tools/call web_search")}});
    const QString query = FakeMcp::query(request);
    const auto has = [&query](const char *marker) { return query.contains(QLatin1String(marker)); };
    if (has("[[mcp:flaky503]]") && attempt <= FlakyFailures)
        return FakeReply::json(503, {{QStringLiteral("message"), QStringLiteral("Service unavailable")}});
    if (has("[[mcp:flakydrop]]") && attempt <= FlakyFailures) {
        FakeReply drop;
        drop.dropConnection = true;
        return drop;
    }
    if (has("[[mcp:http500]]"))
        return FakeReply::json(500, {{QStringLiteral("message"), QStringLiteral("Internal error")}});
    if (has("[[mcp:http429]]"))
        return FakeReply::json(429, {{QStringLiteral("message"), QStringLiteral("Rate exceeded")}});
    if (has("[[mcp:rpcerror]]"))
        return FakeReply::json(200, rpc(id, QStringLiteral("error"), {{QStringLiteral("code"), -32603},
                                                                      {QStringLiteral("message"), QStringLiteral("search backend down")}}));
    if (has("[[mcp:iserror]]"))
        return FakeReply::json(200, rpc(id, QStringLiteral("result"), textResult(QStringLiteral("search failed"), true)));
    if (has("[[mcp:garbage]]"))
        return FakeReply::json(200, rpc(id, QStringLiteral("result"), textResult(QStringLiteral("not json {"), false)));

    const QJsonArray results{hit(1, query, QStringLiteral("https://example.com/one"), QStringLiteral("example.com")),
                             hit(2, query, QStringLiteral("https://docs.example.org/two"), QStringLiteral("docs.example.org")),
                             hit(3, query, QStringLiteral("https://blocked.test/three"), QStringLiteral("blocked.test"))};
    const QJsonObject payload{{QStringLiteral("results"), results},
                              {QStringLiteral("totalResults"), results.size()},
                              {QStringLiteral("query"), query},
                              {QStringLiteral("error"), QJsonValue::Null}};
    FakeReply reply = FakeReply::json(200, rpc(id, QStringLiteral("result"),
                                                textResult(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), false)));
    if (has("[[mcp:slow]]"))
        reply.headDelayMs = SlowMs;
    return reply;
}

} // namespace kt::fake
