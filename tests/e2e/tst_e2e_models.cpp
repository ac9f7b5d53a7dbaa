// Per-account model catalogues end to end: the fake upstream serves a paid catalogue (Opus 5 with a
// request-field schema, 1M windows, deepseek) to one account and a free one (no Opus, qwen) to the
// other, in pages; KiroTray fetches them, routes each request only to accounts offering its model,
// fails over within those, lists the union on /v1/models, names the served model in a header and in
// the request log, and counts input_tokens against the served model's window.
#include "fakemodels.h"
#include "proxyfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace kt;
using namespace kt::test;

namespace {

// Access tokens the fake mints end in the refresh token's last 16 characters: "opus5-0123456789" / "small-0123456789".
QJsonObject account(const char *word)
{
    return {{"refreshToken", QStringLiteral("models-refresh-%1-0123456789").arg(QLatin1String(word))}, {"authMethod", "social"}};
}

void serveCatalogues(ProxyFixture &f)
{
    f.fake.setModelCatalogue(QStringLiteral("opus5-0123"), fake::FakeModels::paid());
    f.fake.setModelCatalogue(QStringLiteral("small-0123"), fake::FakeModels::free());
    f.fake.setModelPageSize(2);
}

QStringList ids(const QJsonObject &list)
{
    QStringList out;
    for (const QJsonValue &v : list.value("data").toArray())
        out << v.toObject().value("id").toString();
    return out;
}

QJsonObject request(const QString &model, const QJsonObject &extra = {})
{
    QJsonObject body = ProxyFixture::request(QStringLiteral("Hi"), false, model);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

// Which account served each generateAssistantResponse the fake saw, by the marker in its token.
QStringList servedBy(const ProxyFixture &f)
{
    QStringList out;
    for (const auto &r : f.fake.requests("/generateAssistantResponse")) {
        const QByteArray auth = r.header("authorization");
        out << (auth.contains("opus5") ? QStringLiteral("paid") : auth.contains("small") ? QStringLiteral("free") : QStringLiteral("?"));
    }
    return out;
}

bool catalogueKnown(ProxyFixture &f, int accounts)
{
    int known = 0;
    for (const QJsonValue &v : f.api("GET", "/api/accounts").json().value("accounts").toArray())
        known += v.toObject().value("modelsFetchedAt").isString() ? 1 : 0;
    return known == accounts;
}

} // namespace

class TestE2eModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cataloguesRouteRequests();
    void failoverStaysWithinTheModel();
    void inputTokensUseTheServedWindow();
    void requestFieldsFollowTheSchema();
    void rpcFormAndRepeatedTokens();
    void cataloguesSurviveARestartAndFailuresKeepTheFallback();
};

void TestE2eModels::cataloguesRouteRequests()
{
    ProxyFixture f;
    serveCatalogues(f);
    QVERIFY(f.start(QJsonArray{account("a-opus5"), account("b-small")}, [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 2), 20000);

    // Fetched in pages of two (9 paid models: 5 pages; 5 free: 3), the REST form (docs/protocol.md#model-catalogue).
    const auto lists = f.fake.requests("/ListAvailableModels");
    QCOMPARE(lists.size(), 8);
    for (const auto &r : lists) {
        QCOMPARE(r.method, QByteArray("GET"));
        const QUrlQuery q(QString::fromLatin1(r.query));
        QCOMPARE(q.queryItemValue("origin"), QStringLiteral("AI_EDITOR"));
        QCOMPARE(q.queryItemValue("maxResults"), QStringLiteral("50"));
        QVERIFY(q.hasQueryItem("profileArn"));   // social accounts carry the fake's profile ARN
    }

    // The union, in the Anthropic shape with the windows.
    const HttpResult models = f.get("/v1/models");
    QCOMPARE(models.status, 200);
    QCOMPARE(ids(models.json()), (QStringList{"auto", "claude-haiku-4.5", "claude-opus-4.7", "claude-opus-4.8", "claude-opus-5",
                                              "claude-sonnet-4.5", "claude-sonnet-4.6", "claude-sonnet-5", "deepseek-3.2", "glm-5",
                                              "qwen3-coder-next"}));
    for (const QJsonValue &v : models.json().value("data").toArray()) {
        const QJsonObject m = v.toObject();
        if (m.value("id") == "claude-opus-5") {
            QCOMPARE(m.value("context_window").toInteger(), 1000000);
            QCOMPARE(m.value("max_tokens").toInteger(), 128000);
            QCOMPARE(m.value("owned_by").toString(), QStringLiteral("anthropic"));
        }
    }
    // One account's list.
    const QJsonArray accounts = f.api("GET", "/api/accounts").json().value("accounts").toArray();
    QCOMPARE(accounts.size(), 2);
    const QString paidId = QString::number(accounts.at(0).toObject().value("id").toInteger());
    const QString freeId = QString::number(accounts.at(1).toObject().value("id").toInteger());
    const HttpResult one = f.api("GET", QStringLiteral("/api/accounts/%1/models").arg(freeId).toLatin1());
    QCOMPARE(one.status, 200);
    QCOMPARE(ids(one.json()), (QStringList{"auto", "claude-sonnet-4.5", "claude-sonnet-4.6", "claude-haiku-4.5", "qwen3-coder-next"}));
    QCOMPARE(one.json().value("source").toString(), QStringLiteral("ListAvailableModels"));
    QCOMPARE(one.json().value("defaultModel").toString(), QStringLiteral("auto"));
    QCOMPARE(f.api("GET", QStringLiteral("/api/accounts/%1/models").arg(paidId).toLatin1()).json().value("data").toArray().size(), 9);

    // Routing: Opus only where it is offered, qwen only on the free account, Sonnet 4.6 on both.
    for (int i = 0; i < 3; ++i) {
        const HttpResult r = f.post("/v1/messages", request("claude-opus-5-5"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("kirotray-served-model"), QByteArray("claude-opus-5"));
        QCOMPARE(r.json().value("model").toString(), QStringLiteral("claude-opus-5-5"));   // the client's id is echoed
    }
    QCOMPARE(servedBy(f), (QStringList{"paid", "paid", "paid"}));
    for (const auto &r : f.fake.requests("/generateAssistantResponse"))
        QCOMPARE(r.json().value("conversationState").toObject().value("currentMessage").toObject()
                     .value("userInputMessage").toObject().value("modelId").toString(), QStringLiteral("claude-opus-5"));
    f.fake.clearRequests();
    for (int i = 0; i < 2; ++i)
        QCOMPARE(f.post("/v1/messages", request("qwen3-coder-next")).header("kirotray-served-model"), QByteArray("qwen3-coder-next"));
    QCOMPARE(servedBy(f), (QStringList{"free", "free"}));
    f.fake.clearRequests();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(f.post("/v1/messages", request("claude-sonnet-4-6")).status, 200);
    QCOMPARE(servedBy(f).count("paid"), 2);   // round robin over both
    QCOMPARE(servedBy(f).count("free"), 2);

    // Nothing offers it: 400 naming what is offered, nothing sent upstream.
    f.fake.clearRequests();
    const HttpResult gpt = f.post("/v1/messages", request("gpt-4o"));
    QCOMPARE(gpt.status, 400);
    QCOMPARE(gpt.errorType(), QStringLiteral("invalid_request_error"));
    QVERIFY2(gpt.body.contains("qwen3-coder-next") && gpt.body.contains("claude-opus-5"), gpt.body.constData());
    QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
    // count_tokens resolves the same way.
    QJsonObject count = request("deepseek-3.2");
    count.remove("max_tokens");
    QCOMPARE(f.post("/v1/messages/count_tokens", count).status, 200);

    // The log keeps both ids side by side.
    const QJsonArray logs = f.api("GET", "/api/logs?limit=20").json().value("logs").toArray();
    bool sawOpus = false;
    for (const QJsonValue &v : logs) {
        const QJsonObject row = v.toObject();
        if (row.value("model") == "claude-opus-5-5") {
            QCOMPARE(row.value("servedModel").toString(), QStringLiteral("claude-opus-5"));
            sawOpus = true;
        }
    }
    QVERIFY(sawOpus);
    bool recorded = false;
    for (const RequestRecord &r : f.records)
        recorded |= r.model == "qwen3-coder-next" && r.servedModel == "qwen3-coder-next";
    QVERIFY(recorded);
}

void TestE2eModels::failoverStaysWithinTheModel()
{
    ProxyFixture f;
    serveCatalogues(f);
    // Two paid accounts, one answering 500; one free account that must never see an Opus request.
    QVERIFY(f.start(QJsonArray{account("broken-opus5"), account("b-small"), account("c-opus5")},
                    [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 3), 20000);
    for (int i = 0; i < 3; ++i) {
        const HttpResult r = f.post("/v1/messages", request("claude-opus-4-8"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("kirotray-served-model"), QByteArray("claude-opus-4.8"));
    }
    QVERIFY(!servedBy(f).contains("free"));
    int broken = 0;
    for (const auto &r : f.fake.requests("/generateAssistantResponse"))
        broken += r.header("authorization").contains("broken") ? 1 : 0;
    QVERIFY(broken >= 1);   // it was tried, and the other paid account took over

    // With the healthy paid account disabled, Opus has nowhere to go: the error says so; Sonnet still works.
    const QJsonArray accounts = f.api("GET", "/api/accounts").json().value("accounts").toArray();
    QCOMPARE(f.api("POST", QStringLiteral("/api/accounts/%1/disable").arg(accounts.at(2).toObject().value("id").toInteger()).toLatin1()).status, 200);
    QCOMPARE(f.api("POST", QStringLiteral("/api/accounts/%1/disable").arg(accounts.at(0).toObject().value("id").toInteger()).toLatin1()).status, 200);
    f.fake.clearRequests();
    const HttpResult none = f.post("/v1/messages", request("claude-opus-4-8"));
    QCOMPARE(none.status, 503);
    QVERIFY2(none.body.contains("offering model 'claude-opus-4.8'"), none.body.constData());
    QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
    QCOMPARE(f.post("/v1/messages", request("claude-sonnet-4-5-20250929")).status, 200);
    QCOMPARE(servedBy(f), QStringList{"free"});
}

void TestE2eModels::inputTokensUseTheServedWindow()
{
    ProxyFixture f;
    serveCatalogues(f);
    QVERIFY(f.start(QJsonArray{account("a-opus5")}, [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 1), 20000);
    // The fake reports 1.5 % of the context used.
    const auto inputTokens = [&f](const char *model) {
        return f.post("/v1/messages", request(QString::fromLatin1(model))).json().value("usage").toObject().value("input_tokens").toInt();
    };
    QCOMPARE(inputTokens("claude-opus-5"), 15000);      // 1 000 000 window
    QCOMPARE(inputTokens("deepseek-3.2"), 1920);        // 128 000 window
    QCOMPARE(inputTokens("claude-haiku-4-5"), 3000);    // 200 000 window
}

void TestE2eModels::requestFieldsFollowTheSchema()
{
    ProxyFixture f;
    serveCatalogues(f);
    QVERIFY(f.start(QJsonArray{account("a-opus5")}, [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 1), 20000);
    // What Claude Code 2.1.328 sends (docs/protocol.md#what-claude-code-21328-sends).
    const QJsonObject claudeCode{{"max_tokens", 128000},
                                 {"thinking", QJsonObject{{"type", "adaptive"}, {"display", "omitted"}}},
                                 {"output_config", QJsonObject{{"effort", "medium"}}}};
    QCOMPARE(f.post("/v1/messages", request("claude-opus-5-5", claudeCode)).status, 200);
    QCOMPARE(f.post("/v1/messages", request("claude-sonnet-5", claudeCode)).status, 200);
    const auto sent = f.fake.requests("/generateAssistantResponse");
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(0).json().value("additionalModelRequestFields").toObject(),
             QJsonDocument::fromJson(R"({"thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"},"max_tokens":128000})").object());
    QVERIFY(!sent.at(0).body.contains("<thinking_mode>"));
    QVERIFY(!sent.at(1).json().contains("additionalModelRequestFields"));   // an empty schema takes nothing
    QVERIFY(sent.at(1).body.contains("<thinking_mode>adaptive</thinking_mode>"));
}

void TestE2eModels::rpcFormAndRepeatedTokens()
{
    ProxyFixture f;
    f.fake.setDefaultModelCatalogue(fake::FakeModels::paid());
    f.fake.setModelPageSize(1, true);   // every page names the same nextToken
    QVERIFY(f.start({}, [](Config &c) {
        c.modelRefreshHours = 6;
        c.modelListForm = QStringLiteral("rpc");
    }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 1), 20000);
    const auto lists = f.fake.requests("/");
    QCOMPARE(lists.size(), 2);   // page 0, page 1, then the repeated token ends it
    QCOMPARE(lists.at(0).method, QByteArray("POST"));
    QCOMPARE(lists.at(0).header("x-amz-target"), QByteArray("AmazonCodeWhispererService.ListAvailableModels"));
    QCOMPARE(lists.at(0).header("content-type"), QByteArray("application/x-amz-json-1.0"));
    QCOMPARE(lists.at(0).json().value("origin").toString(), QStringLiteral("AI_EDITOR"));
    QCOMPARE(lists.at(1).json().value("nextToken").toString(), QStringLiteral("page-1"));
    QCOMPARE(ids(f.get("/v1/models").json()), (QStringList{"auto", "claude-opus-5"}));
}

void TestE2eModels::cataloguesSurviveARestartAndFailuresKeepTheFallback()
{
    ProxyFixture f;
    serveCatalogues(f);
    QVERIFY(f.start(QJsonArray{account("a-opus5")}, [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(catalogueKnown(f, 1), 20000);
    f.config.modelRefreshHours = 0;   // the stored list only
    QVERIFY(f.restart());
    QCOMPARE(ids(f.get("/v1/models").json()).size(), 9);
    QCOMPARE(f.post("/v1/messages", request("claude-opus-5-5")).header("kirotray-served-model"), QByteArray("claude-opus-5"));

    // A list that cannot be read: the fallback table serves, and the account says why.
    ProxyFixture g;
    g.fake.setModelListStatus(500);
    QVERIFY(g.start({}, [](Config &c) { c.modelRefreshHours = 6; }));
    QTRY_VERIFY_WITH_TIMEOUT(!g.api("GET", "/api/accounts").json().value("accounts").toArray().at(0).toObject()
                                  .value("modelsError").toString().isEmpty(), 20000);
    QCOMPARE(ids(g.get("/v1/models").json()).size(), 5);
    QCOMPARE(g.api("GET", "/api/accounts/1/models").json().value("source").toString(), QStringLiteral("fallback"));
    const HttpResult r = g.post("/v1/messages", request("claude-opus-5-5"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("kirotray-served-model"), QByteArray("claude-opus-4.6"));
}

QTEST_GUILESS_MAIN(TestE2eModels)
#include "tst_e2e_models.moc"
