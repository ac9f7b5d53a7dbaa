// Tests the Anthropic -> Kiro model mapping (R1 substring rules, unknown families rejected), the
// context windows, and the GET /v1/models body that both Anthropic and OpenAI-style clients read.
#include "anthropic/modelcatalog.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace kt;

class TestModelCatalog : public QObject {
    Q_OBJECT

private slots:
    void kiroModelId_data();
    void kiroModelId();
    void impliesThinking();
    void contextWindow();
    void modelsHaveThinkingTwins();
    void modelsListJsonShape();
};

void TestModelCatalog::kiroModelId_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected"); // empty = rejected
    // Rule: case-insensitive substring. sonnet+4-6/4.6 -> sonnet-4.6, other sonnet -> sonnet-4.5,
    // opus+4-5/4.5 -> opus-4.5, other opus -> opus-4.6, haiku -> haiku-4.5, else unsupported.
    QTest::newRow("sonnet 4-6") << "claude-sonnet-4-6" << "claude-sonnet-4.6";
    QTest::newRow("sonnet 4.6 dotted") << "claude-sonnet-4.6" << "claude-sonnet-4.6";
    QTest::newRow("sonnet 4-6 upper case") << "CLAUDE-SONNET-4-6" << "claude-sonnet-4.6";
    QTest::newRow("sonnet 4-6 thinking") << "claude-sonnet-4-6-thinking" << "claude-sonnet-4.6";
    QTest::newRow("sonnet 4-5 dated") << "claude-sonnet-4-5-20250929" << "claude-sonnet-4.5";
    QTest::newRow("sonnet 4-5 thinking") << "claude-sonnet-4-5-20250929-thinking" << "claude-sonnet-4.5";
    QTest::newRow("sonnet 4 legacy") << "claude-sonnet-4-20250514" << "claude-sonnet-4.5";
    QTest::newRow("sonnet 3.7 legacy") << "claude-3-7-sonnet-20250219" << "claude-sonnet-4.5";
    QTest::newRow("opus 4-5 dated") << "claude-opus-4-5-20251101" << "claude-opus-4.5";
    QTest::newRow("opus 4.5 dotted") << "claude-opus-4.5" << "claude-opus-4.5";
    QTest::newRow("opus 4-6") << "claude-opus-4-6" << "claude-opus-4.6";
    QTest::newRow("opus 4-6 thinking") << "claude-opus-4-6-thinking" << "claude-opus-4.6";
    QTest::newRow("opus 4-1 falls to 4.6") << "claude-opus-4-1-20250805" << "claude-opus-4.6";
    QTest::newRow("haiku 4-5") << "claude-haiku-4-5-20251001" << "claude-haiku-4.5";
    QTest::newRow("haiku 3-5 legacy") << "claude-3-5-haiku-20241022" << "claude-haiku-4.5";
    QTest::newRow("Haiku mixed case") << "Claude-Haiku" << "claude-haiku-4.5";
    QTest::newRow("unknown gpt") << "gpt-4o" << "";
    QTest::newRow("unknown claude family") << "claude-instant-1.2" << "";
    QTest::newRow("unknown bare claude") << "claude-3-5" << "";
    QTest::newRow("empty") << "" << "";
}

void TestModelCatalog::kiroModelId()
{
    QFETCH(QString, model);
    QFETCH(QString, expected);
    const std::optional<QString> mapped = ModelCatalog::kiroModelId(model);
    if (expected.isEmpty()) {
        QVERIFY2(!mapped.has_value(), qPrintable(mapped.value_or(QString())));
    } else {
        QVERIFY(mapped.has_value());
        QCOMPARE(*mapped, expected);
    }
}

void TestModelCatalog::impliesThinking()
{
    QVERIFY(ModelCatalog::impliesThinking("claude-sonnet-4-5-20250929-thinking"));
    QVERIFY(ModelCatalog::impliesThinking("claude-opus-4-6-THINKING"));
    QVERIFY(!ModelCatalog::impliesThinking("claude-sonnet-4-5-20250929"));
    QVERIFY(!ModelCatalog::impliesThinking(""));
}

void TestModelCatalog::contextWindow()
{
    QCOMPARE(ModelCatalog::contextWindow("claude-sonnet-4.6"), 1'000'000);
    QCOMPARE(ModelCatalog::contextWindow("claude-opus-4.6"), 1'000'000);
    QCOMPARE(ModelCatalog::contextWindow("claude-sonnet-4.5"), 200'000);
    QCOMPARE(ModelCatalog::contextWindow("claude-opus-4.5"), 200'000);
    QCOMPARE(ModelCatalog::contextWindow("claude-haiku-4.5"), 200'000);
    QCOMPARE(ModelCatalog::contextWindow("claude-sonnet-4-6"), 200'000); // takes the Kiro id, not the Anthropic one
}

void TestModelCatalog::modelsHaveThinkingTwins()
{
    const QList<ModelInfo> models = ModelCatalog::models();
    QCOMPARE(models.size(), 10);
    const QStringList baseIds{"claude-opus-4-6", "claude-sonnet-4-6", "claude-opus-4-5-20251101",
                              "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"};
    QSet<QString> ids;
    for (qsizetype i = 0; i < models.size(); i += 2) {
        const ModelInfo &plain = models.at(i);
        const ModelInfo &twin = models.at(i + 1);
        QCOMPARE(plain.id, baseIds.at(i / 2));
        QCOMPARE(twin.id, plain.id + "-thinking");
        QCOMPARE(twin.displayName, plain.displayName + " (Thinking)");
        QVERIFY(!plain.thinking);
        QVERIFY(twin.thinking);
        QCOMPARE(twin.kiroModelId, plain.kiroModelId);
        QCOMPARE(twin.created, plain.created);
        for (const ModelInfo &m : {plain, twin}) {
            QCOMPARE(ModelCatalog::kiroModelId(m.id).value_or(QString()), m.kiroModelId);
            QCOMPARE(ModelCatalog::impliesThinking(m.id), m.thinking);
            QCOMPARE(m.maxTokens, 64000);
            QVERIFY(m.created > 1'700'000'000);
            ids.insert(m.id);
        }
    }
    QCOMPARE(ids.size(), 10);
    QCOMPARE(models.at(6).displayName, QStringLiteral("Claude Sonnet 4.5"));
}

void TestModelCatalog::modelsListJsonShape()
{
    const QJsonObject body = ModelCatalog::modelsListJson();
    QCOMPARE(body.value("object").toString(), QStringLiteral("list"));
    QCOMPARE(body.value("has_more"), QJsonValue(false));
    const QJsonArray data = body.value("data").toArray();
    QCOMPARE(data.size(), 10);
    QCOMPARE(body.value("first_id").toString(), QStringLiteral("claude-opus-4-6"));
    QCOMPARE(body.value("last_id").toString(), QStringLiteral("claude-haiku-4-5-20251001-thinking"));
    QCOMPARE(data.first().toObject().value("id"), body.value("first_id"));
    QCOMPARE(data.last().toObject().value("id"), body.value("last_id"));

    const QJsonObject expected{
        {"type", "model"},
        {"id", "claude-sonnet-4-5-20250929"},
        {"display_name", "Claude Sonnet 4.5"},
        {"created_at", "2025-09-29T00:00:00Z"},
        {"object", "model"},
        {"created", 1759104000},
        {"owned_by", "anthropic"},
        {"max_tokens", 64000},
    };
    QCOMPARE(data.at(6).toObject(), expected);
    QCOMPARE(data.at(7).toObject().value("display_name").toString(), QStringLiteral("Claude Sonnet 4.5 (Thinking)"));
    QCOMPARE(data.at(0).toObject().value("created_at").toString(), QStringLiteral("2026-02-04T00:00:00Z"));
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"
