// ModelRequestFields: what of thinking / output_config.effort / max_tokens goes into
// additionalModelRequestFields, per model schema (docs/protocol.md#model-catalogue), and how the converter
// then drops or keeps the thinking prompt tags.
#include "fakemodels.h"

#include "anthropic/requestconverter.h"
#include "models/modellistparser.h"
#include "models/modelrequestfields.h"

#include <QJsonDocument>
#include <QTest>

using namespace kt;

namespace {

KiroModel model(const char *id)
{
    for (const KiroModel &m : ModelListParser::parse(QJsonObject{{QStringLiteral("models"), fake::FakeModels::paid()}}).models) {
        if (m.id == QLatin1String(id))
            return m;
    }
    return {};
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestModelRequestFields : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void build_data();
    void build();
    void nearestEffort();
    void converterUsesNativeFieldsOrTags();
};

void TestModelRequestFields::build_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("thinkingSuffix");
    QTest::addColumn<QByteArray>("expected");
    // Claude Code 2.1.328's first request (docs/protocol.md#what-claude-code-21328-sends).
    QTest::newRow("claude code on opus 5") << "claude-opus-5"
        << QByteArray(R"({"max_tokens":128000,"thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"}})")
        << false << QByteArray(R"({"thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"},"max_tokens":128000})");
    QTest::newRow("enabled becomes adaptive") << "claude-opus-5"
        << QByteArray(R"({"thinking":{"type":"enabled","budget_tokens":5000}})") << false << QByteArray(R"({"thinking":{"type":"adaptive"}})");
    QTest::newRow("disabled") << "claude-opus-5" << QByteArray(R"({"thinking":{"type":"disabled"}})") << false
        << QByteArray(R"({"thinking":{"type":"disabled"}})");
    QTest::newRow("suffix turns it on") << "claude-opus-5" << QByteArray("{}") << true << QByteArray(R"({"thinking":{"type":"adaptive"}})");
    QTest::newRow("unknown display dropped") << "claude-opus-5" << QByteArray(R"({"thinking":{"type":"adaptive","display":"full"}})")
        << false << QByteArray(R"({"thinking":{"type":"adaptive"}})");
    QTest::newRow("max_tokens raised to the minimum") << "claude-opus-5" << QByteArray(R"({"max_tokens":100})") << false
        << QByteArray(R"({"max_tokens":1024})");
    QTest::newRow("max_tokens capped") << "claude-opus-5" << QByteArray(R"({"max_tokens":500000})") << false
        << QByteArray(R"({"max_tokens":128000})");
    QTest::newRow("thinking.effort") << "claude-opus-4.8" << QByteArray(R"({"thinking":{"type":"adaptive","effort":"max"}})") << false
        << QByteArray(R"({"thinking":{"type":"adaptive"},"output_config":{"effort":"max"}})");
    QTest::newRow("unknown effort dropped") << "claude-opus-5" << QByteArray(R"({"output_config":{"effort":"extreme"}})") << false
        << QByteArray("{}");
    QTest::newRow("empty schema: nothing") << "claude-sonnet-5"
        << QByteArray(R"({"max_tokens":1000,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"}})") << false << QByteArray("{}");
    QTest::newRow("no schema: nothing") << "claude-opus-4.7"
        << QByteArray(R"({"max_tokens":1000,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"}})") << false << QByteArray("{}");
}

void TestModelRequestFields::build()
{
    QFETCH(QString, model);
    QFETCH(QByteArray, request);
    QFETCH(bool, thinkingSuffix);
    QFETCH(QByteArray, expected);
    const QJsonObject fields = ModelRequestFields::build(QJsonDocument::fromJson(request).object(), ::model(model.toLatin1()), thinkingSuffix);
    QCOMPARE(fields, QJsonDocument::fromJson(expected).object());
}

void TestModelRequestFields::nearestEffort()
{
    QCOMPARE(ModelRequestFields::nearestEffort("medium", {"high"}), QStringLiteral("high"));
    QCOMPARE(ModelRequestFields::nearestEffort("xhigh", {"low", "medium", "high"}), QStringLiteral("high"));
    QCOMPARE(ModelRequestFields::nearestEffort("medium", {"low", "high"}), QStringLiteral("high"));   // ties go up
    QCOMPARE(ModelRequestFields::nearestEffort("low", {}), QStringLiteral("low"));
    QCOMPARE(ModelRequestFields::nearestEffort("bogus", {"low"}), QString());
}

void TestModelRequestFields::converterUsesNativeFieldsOrTags()
{
    const QJsonObject request = json(R"({"model":"claude-opus-5-5","max_tokens":128000,"system":"Be brief.",
        "thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"medium"},
        "messages":[{"role":"user","content":"hi"}]})");
    const auto systemOf = [](const ConvertedRequest &c) {
        const QJsonArray history = c.kiroBody.value("conversationState").toObject().value("history").toArray();
        const QString current = c.kiroBody.value("conversationState").toObject().value("currentMessage").toObject()
                                    .value("userInputMessage").toObject().value("content").toString();
        return QString::fromUtf8(QJsonDocument(history).toJson()) + current;
    };
    for (const char *id : {"claude-opus-5", "claude-opus-4.7"}) {
        ConversionOptions options;
        ResolvedModel resolved;
        resolved.requested = QStringLiteral("claude-opus-5-5");
        resolved.kiroModelId = QString::fromLatin1(id);
        resolved.model = model(id);
        options.model = resolved;
        const auto converted = RequestConverter::convert(request, options);
        QVERIFY(std::holds_alternative<ConvertedRequest>(converted));
        const ConvertedRequest &c = std::get<ConvertedRequest>(converted);
        QCOMPARE(c.kiroModelId, QString::fromLatin1(id));
        QCOMPARE(c.contextWindow, 1000000);
        QVERIFY(c.thinkingEnabled);
        const bool native = QLatin1String(id) == QLatin1String("claude-opus-5");
        QCOMPARE(c.kiroBody.contains("additionalModelRequestFields"), native);
        QCOMPARE(systemOf(c).contains("<thinking_mode>"), !native);   // tags only without a native switch
    }
}

QTEST_GUILESS_MAIN(TestModelRequestFields)
#include "tst_modelrequestfields.moc"
