// ModelIndex: accounts without a catalogue of their own share one set for every fallback model
// (indexing 10,000 of them costs one entry each, not one per model), accounts with a catalogue are
// indexed under what it lists, and moving between the two (a catalogue arriving, an account
// removed) keeps every answer right.
#include "models/fallbackmodels.h"
#include "models/modelindex.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace kt;

namespace {

ModelCatalogue catalogue(const QStringList &ids)
{
    ModelCatalogue c;
    c.fetchedAt = QDateTime::currentDateTimeUtc();
    for (const QString &id : ids) {
        KiroModel m;
        m.id = id;
        m.name = id;
        m.maxInputTokens = 123;
        c.models.append(m);
    }
    return c;
}

QStringList ids(const QList<KiroModel> &models)
{
    QStringList out;
    for (const KiroModel &m : models)
        out.append(m.id);
    return out;
}

QStringList fallbackIds()
{
    QStringList out = ids(FallbackModels::models());
    out.sort();
    return out;
}

} // namespace

class TestModelIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenThousandFallbackAccounts()
    {
        constexpr int N = 10000;
        ModelIndex index;
        QElapsedTimer timer;
        timer.start();
        for (qint64 id = 1; id <= N; ++id)
            index.set(id, ModelCatalogue());
        qInfo("indexing %d accounts without a catalogue: %.2f ms", N, double(timer.nsecsElapsed()) / 1e6);
        QCOMPARE(ids(index.models()), fallbackIds());
        for (const KiroModel &m : FallbackModels::models()) {
            const ModelAccounts offering = index.accountsFor(m.id);
            QVERIFY(offering.restricted());
            QCOMPARE(offering.size(), qsizetype(N));
            for (qint64 id : {qint64(1), qint64(N / 2), qint64(N)})
                QVERIFY(offering.contains(id));
            QVERIFY(!offering.contains(N + 1));
            QCOMPARE(index.model(m.id)->maxInputTokens, m.maxInputTokens);
        }
        // No account lists it: no restriction (an alias to a model no catalogue shows).
        QVERIFY(!index.accountsFor(QStringLiteral("deepseek-3.2")).restricted());
        QVERIFY(index.accountsFor(QStringLiteral("deepseek-3.2")).contains(7));
        QVERIFY(!index.model(QStringLiteral("deepseek-3.2")));
    }

    void catalogueAccountsAmongFallbackOnes()
    {
        constexpr int N = 10000;
        ModelIndex index;
        for (qint64 id = 1; id <= N; ++id)
            index.set(id, ModelCatalogue());
        // A catalogue arrives for account 5, and an account added later comes with its own.
        const QString sonnet = QStringLiteral("claude-sonnet-4.6");
        index.set(5, catalogue({QStringLiteral("deepseek-3.2"), sonnet}));
        index.set(N + 1, catalogue({QStringLiteral("glm-5"), sonnet}));
        ModelAccounts deepseek = index.accountsFor(QStringLiteral("deepseek-3.2"));
        QVERIFY(deepseek.restricted());
        QCOMPARE(deepseek.size(), 1);
        QVERIFY(deepseek.contains(5));
        QVERIFY(!deepseek.contains(6));
        QVERIFY(index.accountsFor(QStringLiteral("glm-5")).contains(N + 1));
        QCOMPARE(index.accountsFor(QStringLiteral("glm-5")).size(), 1);
        // Sonnet: the 9,999 fallback accounts and the two that list it.
        const ModelAccounts s = index.accountsFor(sonnet);
        QCOMPARE(s.size(), qsizetype(N + 1));
        for (qint64 id : {qint64(1), qint64(5), qint64(N), qint64(N + 1)})
            QVERIFY(s.contains(id));
        // Opus 4.6 is not in account 5's catalogue any more, nor in the new one's.
        const ModelAccounts opus = index.accountsFor(QStringLiteral("claude-opus-4.6"));
        QCOMPARE(opus.size(), qsizetype(N - 1));
        QVERIFY(!opus.contains(5));
        QVERIFY(!opus.contains(N + 1));
        QVERIFY(opus.contains(4));
        // The catalogue's metadata wins over the fallback table's.
        QCOMPARE(index.model(sonnet)->maxInputTokens, qint64(123));
        QVERIFY(ids(index.models()).contains(QStringLiteral("deepseek-3.2")));

        // Removing the only account that lists a model takes the model out; account 5 back on the
        // fallback table offers opus again.
        index.remove(N + 1);
        QVERIFY(!index.accountsFor(QStringLiteral("glm-5")).restricted());
        QVERIFY(!ids(index.models()).contains(QStringLiteral("glm-5")));
        index.set(5, ModelCatalogue());
        QVERIFY(!index.accountsFor(QStringLiteral("deepseek-3.2")).restricted());
        QCOMPARE(index.accountsFor(QStringLiteral("claude-opus-4.6")).size(), qsizetype(N));
        QCOMPARE(ids(index.models()), fallbackIds());
        QCOMPARE(index.model(sonnet)->maxInputTokens, FallbackModels::contextWindow(sonnet));
    }

    void onlyCatalogueAccounts()
    {
        ModelIndex index;
        index.set(1, catalogue({QStringLiteral("auto"), QStringLiteral("claude-opus-5")}));
        index.set(2, catalogue({QStringLiteral("auto")}));
        QCOMPARE(ids(index.models()), (QStringList{QStringLiteral("auto"), QStringLiteral("claude-opus-5")}));
        QVERIFY(!index.accountsFor(QStringLiteral("claude-sonnet-4.6")).restricted());   // the fallback table needs an account on it
        QCOMPARE(index.accountsFor(QStringLiteral("auto")).size(), 2);
        QVERIFY(!index.accountsFor(QStringLiteral("claude-opus-5")).contains(2));
        index.clear();
        QVERIFY(index.models().isEmpty());
        QVERIFY(!index.accountsFor(QStringLiteral("auto")).restricted());
    }
};

QTEST_GUILESS_MAIN(TestModelIndex)
#include "tst_modelindex.moc"
