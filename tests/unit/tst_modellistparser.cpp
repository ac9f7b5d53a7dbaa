// ModelListParser on real-shaped ListAvailableModels bodies (docs/protocol.md#model-catalogue) and on the
// variations peers report (missing fields, "availableModels", pages), the stored catalogue's round
// trip, and the GET /v1/models entries built from it.
#include "anthropic/modelcatalog.h"
#include "models/modellistparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kt;

namespace {

// The reply captured by a peer (docs/protocol.md#model-catalogue), verbatim apart from the elided nextToken.
const QByteArray kCapture = R"({"defaultModel":{"modelId":"auto"},
 "models":[
  {"modelId":"auto","modelName":"auto","description":"Models chosen by task","rateMultiplier":1.0,"rateUnit":"Credit",
   "supportedInputTypes":["TEXT"],"tokenLimits":{"maxInputTokens":1000000,"maxOutputTokens":64000}},
  {"modelId":"claude-opus-5","modelName":"claude-opus-5",
   "description":"Experimental preview of Claude Opus 5 model with 1M context window",
   "rateMultiplier":2.2,"rateUnit":"Credit","supportedInputTypes":["TEXT","IMAGE"],
   "tokenLimits":{"maxInputTokens":1000000,"maxOutputTokens":128000},
   "promptCaching":{"maximumCacheCheckpointsPerRequest":4,"minimumTokensPerCacheCheckpoint":1024,
                    "supportsPromptCaching":true},
   "additionalModelRequestFieldsSchema":{"type":"object","additionalProperties":false,"properties":{
      "thinking":{"type":"object","required":["type"],"properties":{
         "type":{"type":"string","enum":["adaptive","disabled"]},
         "display":{"type":"string","enum":["summarized","omitted"]}}},
      "output_config":{"type":"object","properties":{"effort":{"type":"string",
         "enum":["low","medium","high","xhigh","max"],"default":"high"}}},
      "max_tokens":{"type":"integer","minimum":1024,"maximum":128000}}}},
  {"modelId":"claude-sonnet-5","modelName":"claude-sonnet-5","rateMultiplier":1.3,"rateUnit":"Credit",
   "supportedInputTypes":["TEXT","IMAGE"],"tokenLimits":{"maxInputTokens":1000000,"maxOutputTokens":64000},
   "additionalModelRequestFieldsSchema":{"type":"object","properties":{}}}],
 "nextToken":"eyJwYWdlIjoyfQ=="})";

} // namespace

class TestModelListParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void capture();
    void missingFields();
    void availableModelsAndDuplicates();
    void notJson();
    void catalogueRoundTrip();
    void modelsListJson();
};

void TestModelListParser::capture()
{
    const ModelListPage page = ModelListParser::parse(kCapture);
    QVERIFY(page.error.isEmpty());
    QCOMPARE(page.defaultModel, QStringLiteral("auto"));
    QCOMPARE(page.nextToken, QStringLiteral("eyJwYWdlIjoyfQ=="));
    QCOMPARE(page.models.size(), 3);
    const KiroModel &opus = page.models.at(1);
    QCOMPARE(opus.id, QStringLiteral("claude-opus-5"));
    QCOMPARE(opus.maxInputTokens, 1000000);
    QCOMPARE(opus.maxOutputTokens, 128000);
    QCOMPARE(opus.rateMultiplier, 2.2);
    QCOMPARE(opus.inputTypes, (QStringList{"TEXT", "IMAGE"}));
    QVERIFY(opus.hasRequestFieldsSchema);
    QVERIFY(opus.requestFieldsSchema.value("properties").toObject().contains("thinking"));
    QCOMPARE(opus.description, QStringLiteral("Experimental preview of Claude Opus 5 model with 1M context window"));
    QVERIFY(!page.models.at(0).hasRequestFieldsSchema);
    QVERIFY(page.models.at(2).hasRequestFieldsSchema);   // present, with no properties
    QVERIFY(page.models.at(2).requestFieldsSchema.value("properties").toObject().isEmpty());
}

void TestModelListParser::missingFields()
{
    const ModelListPage page = ModelListParser::parse(QByteArray(
        R"({"models":[{"modelId":"glm-5"},{"id":"qwen3-coder-next","contextWindow":256000},{"modelName":"no id"},)"
        R"("not an object",{"modelId":"minimax-m2.5","tokenLimits":{"maxInputTokens":"lots"}}],"defaultModel":"auto"})"));
    QCOMPARE(page.models.size(), 3);
    QCOMPARE(page.models.at(0).id, QStringLiteral("glm-5"));
    QCOMPARE(page.models.at(0).name, QStringLiteral("glm-5"));   // modelName defaults to the id
    QCOMPARE(page.models.at(0).maxInputTokens, 0);
    QCOMPARE(page.models.at(1).id, QStringLiteral("qwen3-coder-next"));
    QCOMPARE(page.models.at(1).maxInputTokens, 256000);          // KGP's contextWindow
    QCOMPARE(page.models.at(2).maxInputTokens, 0);                // a string is no number
    QCOMPARE(page.defaultModel, QStringLiteral("auto"));          // as a string
    QVERIFY(page.nextToken.isEmpty());
}

void TestModelListParser::availableModelsAndDuplicates()
{
    const ModelListPage page = ModelListParser::parse(QByteArray(
        R"({"availableModels":[{"modelId":"a"},{"modelId":"b"}],"models":[{"modelId":"b","modelName":"B first"},{"modelId":"c"}]})"));
    QStringList ids;
    for (const KiroModel &m : page.models)
        ids << m.id;
    QCOMPARE(ids, (QStringList{"b", "c", "a"}));   // "models" first, then "availableModels"; duplicates keep the first
    QCOMPARE(page.models.at(0).name, QStringLiteral("B first"));
    QVERIFY(ModelListParser::parse(QByteArray("{}")).models.isEmpty());
}

void TestModelListParser::notJson()
{
    QVERIFY(!ModelListParser::parse(QByteArray("<html>")).error.isEmpty());
    QVERIFY(!ModelListParser::parse(QByteArray("[1]")).error.isEmpty());
}

void TestModelListParser::catalogueRoundTrip()
{
    ModelCatalogue c;
    c.models = ModelListParser::parse(kCapture).models;
    c.defaultModel = QStringLiteral("auto");
    c.fetchedAt = QDateTime(QDate(2026, 12, 6), QTime(10, 0, 0, 123), Qt::UTC);
    c.error = QStringLiteral("the model list service answered 500");
    const ModelCatalogue back = ModelCatalogue::fromJson(QJsonDocument::fromJson(QJsonDocument(c.toJson()).toJson()).object());
    QCOMPARE(back.fetchedAt, c.fetchedAt);
    QCOMPARE(back.defaultModel, c.defaultModel);
    QCOMPARE(back.error, c.error);
    QCOMPARE(back.ids(), c.ids());
    QVERIFY(back.known());
    for (qsizetype i = 0; i < c.models.size(); ++i) {
        QCOMPARE(back.models.at(i).maxInputTokens, c.models.at(i).maxInputTokens);
        QCOMPARE(back.models.at(i).maxOutputTokens, c.models.at(i).maxOutputTokens);
        QCOMPARE(back.models.at(i).hasRequestFieldsSchema, c.models.at(i).hasRequestFieldsSchema);
        QCOMPARE(back.models.at(i).requestFieldsSchema, c.models.at(i).requestFieldsSchema);
        QCOMPARE(back.models.at(i).rateMultiplier, c.models.at(i).rateMultiplier);
    }
    QVERIFY(!ModelCatalogue::fromJson({}).known());
}

void TestModelListParser::modelsListJson()
{
    const QList<KiroModel> models = ModelListParser::parse(kCapture).models;
    const QJsonObject body = ModelCatalog::modelsListJson(models, 1765000000);
    QCOMPARE(body.value("object").toString(), QStringLiteral("list"));
    QCOMPARE(body.value("has_more").toBool(true), false);
    QCOMPARE(body.value("first_id").toString(), QStringLiteral("auto"));
    QCOMPARE(body.value("last_id").toString(), QStringLiteral("claude-sonnet-5"));
    const QJsonObject opus = body.value("data").toArray().at(1).toObject();
    QCOMPARE(opus.value("id").toString(), QStringLiteral("claude-opus-5"));
    QCOMPARE(opus.value("type").toString(), QStringLiteral("model"));
    QCOMPARE(opus.value("object").toString(), QStringLiteral("model"));
    QCOMPARE(opus.value("owned_by").toString(), QStringLiteral("anthropic"));
    QCOMPARE(opus.value("context_window").toInteger(), 1000000);
    QCOMPARE(opus.value("max_tokens").toInteger(), 128000);
    QCOMPARE(opus.value("created").toInteger(), 1765000000);
    QVERIFY(QDateTime::fromString(opus.value("created_at").toString(), Qt::ISODate).isValid());
    QCOMPARE(ModelCatalog::ownerOf("deepseek-3.2"), QStringLiteral("deepseek"));
    QCOMPARE(ModelCatalog::ownerOf("auto"), QStringLiteral("kiro"));
    KiroModel bare;
    bare.id = QStringLiteral("x");
    QVERIFY(!ModelCatalog::modelJson(bare, 0).contains("context_window"));   // only where known
}

QTEST_GUILESS_MAIN(TestModelListParser)
#include "tst_modellistparser.moc"
