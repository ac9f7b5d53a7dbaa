// ModelResolver: the one rule from a requested model id to the Kiro model that serves it, over
// the fake's catalogues (the pre-catalogue table, a paid plan, a free plan without Opus).
#include "fakemodels.h"

#include "models/fallbackmodels.h"
#include "models/modellistparser.h"
#include "models/modelresolver.h"

#include <QTest>

#include <algorithm>

using namespace kt;

namespace {

QList<KiroModel> catalogue(const QString &name)
{
    if (name == QLatin1String("fallback"))
        return FallbackModels::models();
    const QJsonArray models = name == QLatin1String("paid") ? fake::FakeModels::paid()
        : name == QLatin1String("free")                     ? fake::FakeModels::free()
                                                            : fake::FakeModels::legacy();
    return ModelListParser::parse(QJsonObject{{QStringLiteral("models"), models}}).models;
}

const QHash<QString, QString> kAliases = {{QStringLiteral("gpt-4o"), QStringLiteral("claude-sonnet-4.6")},
                                          {QStringLiteral("claude-opus-4-1"), QStringLiteral("claude-opus-4.7")},
                                          {QStringLiteral("my-hidden"), QStringLiteral("claude-opus-9")}};

} // namespace

class TestModelResolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resolve_data();
    void resolve();
    void errorListsTheOfferedIds();
    void clientIds_data();
    void clientIds();
    void parse();
};

void TestModelResolver::resolve_data()
{
    QTest::addColumn<QString>("pool");
    QTest::addColumn<bool>("aliases");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("served");   // empty: 400
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("thinking");

    const auto row = [](const char *tag, const char *pool, bool aliases, const char *requested, const char *served,
                        const char *rule, bool thinking = false) {
        QTest::newRow(tag) << QString::fromLatin1(pool) << aliases << QString::fromLatin1(requested)
                           << QString::fromLatin1(served) << QString::fromLatin1(rule) << thinking;
    };
    // Exact ids, Anthropic or Kiro spelling.
    row("anthropic dated", "paid", false, "claude-opus-4-8-20260101", "claude-opus-4.8", "exact");
    row("kiro dotted", "paid", false, "claude-opus-4.8", "claude-opus-4.8", "exact");
    row("no minor", "paid", false, "claude-sonnet-5", "claude-sonnet-5", "exact");
    row("upper case", "paid", false, "Claude-Opus-5", "claude-opus-5", "exact");
    row("haiku dashed", "paid", false, "claude-haiku-4-5", "claude-haiku-4.5", "exact");
    row("haiku dated", "paid", false, "claude-haiku-4-5-20251001", "claude-haiku-4.5", "exact");
    row("deepseek", "paid", false, "deepseek-3.2", "deepseek-3.2", "exact");
    row("deepseek any case", "paid", false, "DeepSeek-3.2", "deepseek-3.2", "exact");
    row("auto", "paid", false, "auto", "auto", "exact");
    row("glm", "paid", false, "glm-5", "glm-5", "exact");
    // Suffixes.
    row("thinking suffix", "paid", false, "claude-opus-4-8-thinking", "claude-opus-4.8", "exact", true);
    row("1m suffix", "paid", false, "claude-opus-4-8[1m]", "claude-opus-4.8", "exact");
    row("both suffixes", "paid", false, "claude-sonnet-5-thinking[1m]", "claude-sonnet-5", "exact", true);
    // The newest of the family the pool offers.
    row("claude code default", "paid", false, "claude-opus-5-5", "claude-opus-5", "family");
    row("claude code 1m", "paid", false, "claude-opus-5-5[1m]", "claude-opus-5", "family");
    row("sonnet 4.5 on paid", "paid", false, "claude-sonnet-4-5-20250929", "claude-sonnet-5", "family");
    row("opus 4.1", "paid", false, "claude-opus-4-1", "claude-opus-5", "family");
    row("haiku 3.5 latest", "paid", false, "claude-3-5-haiku-latest", "claude-haiku-4.5", "family");
    row("sonnet 3.7 inverted", "paid", false, "claude-3-7-sonnet-20250219", "claude-sonnet-5", "family");
    row("sonnet latest", "paid", false, "claude-sonnet-latest", "claude-sonnet-5", "family");
    row("opus 4 dated", "paid", false, "claude-opus-4-20250514", "claude-opus-5", "family");
    row("free has no opus", "free", false, "claude-opus-5-5", "", "");
    row("free sonnet 5", "free", false, "claude-sonnet-5", "claude-sonnet-4.6", "family");
    row("free sonnet 4.5", "free", false, "claude-sonnet-4-5-20250929", "claude-sonnet-4.5", "exact");
    // The pre-catalogue table.
    row("fallback sonnet 4.5", "fallback", false, "claude-sonnet-4-5-20250929", "claude-sonnet-4.5", "exact");
    row("fallback opus 4.6", "fallback", false, "claude-opus-4-6", "claude-opus-4.6", "exact");
    row("fallback opus 5.5", "fallback", false, "claude-opus-5-5", "claude-opus-4.6", "family");
    row("fallback sonnet 4", "fallback", false, "claude-sonnet-4-20250514", "claude-sonnet-4.6", "family");
    row("fallback haiku 3.5", "fallback", false, "claude-3-5-haiku-latest", "claude-haiku-4.5", "family");
    // Nothing.
    row("gpt", "paid", false, "gpt-4o", "", "");
    row("unknown vendor version", "paid", false, "deepseek-4", "", "");
    row("empty", "paid", false, "", "", "");
    row("opus substring only", "paid", false, "my-opus-model", "", "");
    // Aliases win over everything.
    row("alias", "paid", true, "gpt-4o", "claude-sonnet-4.6", "alias");
    row("alias any case", "paid", true, "GPT-4o", "claude-sonnet-4.6", "alias");
    row("alias over family", "paid", true, "claude-opus-4-1", "claude-opus-4.7", "alias");
    row("alias with suffix", "paid", true, "claude-opus-4-1-thinking", "claude-opus-4.7", "alias", true);
    row("alias to an unlisted model", "paid", true, "my-hidden", "claude-opus-9", "alias");
    row("no alias: exact", "paid", true, "claude-opus-4-8", "claude-opus-4.8", "exact");
}

void TestModelResolver::resolve()
{
    QFETCH(QString, pool);
    QFETCH(bool, aliases);
    QFETCH(QString, requested);
    QFETCH(QString, served);
    QFETCH(QString, rule);
    QFETCH(bool, thinking);
    const auto r = ModelResolver(catalogue(pool), aliases ? kAliases : QHash<QString, QString>{}).resolve(requested);
    if (served.isEmpty()) {
        QVERIFY(std::holds_alternative<QString>(r));
        QVERIFY(std::get<QString>(r).startsWith("model: "));
        return;
    }
    if (const auto *error = std::get_if<QString>(&r))
        QFAIL(qPrintable(*error));
    const ResolvedModel &m = std::get<ResolvedModel>(r);
    QCOMPARE(m.kiroModelId, served);
    QCOMPARE(m.rule, rule);
    QCOMPARE(m.thinking, thinking);
    QCOMPARE(m.requested, requested);
    QCOMPARE(m.model.id, served);
}

void TestModelResolver::errorListsTheOfferedIds()
{
    const auto r = ModelResolver(catalogue("free"), {}).resolve(QStringLiteral("claude-opus-5-5"));
    const QString message = std::get<QString>(r);
    QVERIFY2(message.contains("'claude-opus-5-5'"), qPrintable(message));
    QVERIFY2(message.contains("auto, claude-haiku-4.5, claude-sonnet-4.5, claude-sonnet-4.6, qwen3-coder-next"), qPrintable(message));
    QVERIFY(message.contains("modelAliases"));
}

// The ids Claude Code 2.1.328 (strings in its binary) and the Anthropic SDK examples use, against
// each catalogue: what KiroTray serves ("400" = refused). Printed as the table of the issue note.
void TestModelResolver::clientIds_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QStringList>("served");   // paid, free, paid+free, fallback
    const auto row = [](const char *id, QStringList served) { QTest::newRow(id) << QString::fromLatin1(id) << served; };
    row("claude-opus-5-5", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-opus-5-5[1m]", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-sonnet-5-5", {"claude-sonnet-5", "claude-sonnet-4.6", "claude-sonnet-5", "claude-sonnet-4.6"});
    row("claude-haiku-5-5", {"claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5"});
    row("claude-opus-4-8", {"claude-opus-4.8", "400", "claude-opus-4.8", "claude-opus-4.6"});
    row("claude-opus-4-6", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-sonnet-4-6", {"claude-sonnet-4.6", "claude-sonnet-4.6", "claude-sonnet-4.6", "claude-sonnet-4.6"});
    row("claude-sonnet-4-5-20250929", {"claude-sonnet-5", "claude-sonnet-4.5", "claude-sonnet-4.5", "claude-sonnet-4.5"});
    row("claude-haiku-4-5-20251001", {"claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5"});
    row("claude-opus-4-1", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-opus-4-1-20250805", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-opus-4-20250514", {"claude-opus-5", "400", "claude-opus-5", "claude-opus-4.6"});
    row("claude-sonnet-4-20250514", {"claude-sonnet-5", "claude-sonnet-4.6", "claude-sonnet-5", "claude-sonnet-4.6"});
    row("claude-3-7-sonnet-latest", {"claude-sonnet-5", "claude-sonnet-4.6", "claude-sonnet-5", "claude-sonnet-4.6"});
    row("claude-3-5-haiku-latest", {"claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5", "claude-haiku-4.5"});
    row("claude-fable-5", {"400", "400", "400", "400"});
}

void TestModelResolver::clientIds()
{
    QFETCH(QString, requested);
    QFETCH(QStringList, served);
    QList<KiroModel> both = catalogue("paid");
    for (const KiroModel &m : catalogue("free")) {
        if (std::none_of(both.cbegin(), both.cend(), [&m](const KiroModel &b) { return b.id == m.id; }))
            both.append(m);
    }
    const QList<QList<KiroModel>> pools{catalogue("paid"), catalogue("free"), both, catalogue("fallback")};
    QStringList got;
    for (const QList<KiroModel> &pool : pools) {
        const auto r = ModelResolver(pool, {}).resolve(requested);
        got << (std::holds_alternative<ResolvedModel>(r) ? std::get<ResolvedModel>(r).kiroModelId : QStringLiteral("400"));
    }
    qInfo().noquote() << QStringLiteral("| %1 | %2 |").arg(requested, got.join(QStringLiteral(" | ")));
    QCOMPARE(got, served);
}

void TestModelResolver::parse()
{
    const ModelName n = ModelResolver::parse(QStringLiteral("claude-opus-4-8-20260101-thinking[1m]"));
    QCOMPARE(n.family, QStringLiteral("opus"));
    QCOMPARE(n.major, 4);
    QCOMPARE(n.minor, 8);
    QVERIFY(n.thinking);
    QCOMPARE(n.kiroForm, QStringLiteral("claude-opus-4.8"));
    QCOMPARE(ModelResolver::parse(QStringLiteral("qwen3-coder-next")).kiroForm, QStringLiteral("qwen3-coder-next"));
    QCOMPARE(ModelResolver::parse(QStringLiteral("claude-opus-4-20250514")).kiroForm, QStringLiteral("claude-opus-4"));
}

QTEST_GUILESS_MAIN(TestModelResolver)
#include "tst_modelresolver.moc"
