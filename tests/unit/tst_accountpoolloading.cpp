// AccountPool loading its stored accounts in pages (Config::accountLoadPage, 3 here): it serves from
// the first page at once, the event loop loads the rest (slower while a request holds an account), and whatever needs every account (imports,
// edits, lists, counts, a request the loaded ones cannot serve) completes the load first. Once
// loaded, the pool is the one a load in one go gives.
#include "poolfixtures.h"
#include "quietconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

using namespace kt;
using namespace kt::test;

namespace {

constexpr int Accounts = 10;
constexpr int Page = 3;
const QString OnlyOnLastPage = QStringLiteral("model-of-the-last-page");

} // namespace

class TestAccountPoolLoading : public QObject
{
    Q_OBJECT

    Config m_config;
    NetworkManagerPool m_network;
    QTemporaryDir m_dir;
    QList<qint64> m_ids;   // as stored, in id order
    int m_connections = 0;

    // The pool stored in m_dir, attached with pages of `page` accounts.
    std::unique_ptr<StoredPool> open(int page)
    {
        m_config.accountLoadPage = page;
        auto stored = std::make_unique<StoredPool>(m_dir.path(), QStringLiteral("tst-loading-%1").arg(++m_connections), m_config, &m_network);
        const QString error = stored->open();
        return error.isEmpty() ? std::move(stored) : nullptr;
    }

    static QList<qint64> idsOf(const QList<Account> &accounts)
    {
        QList<qint64> ids;
        for (const Account &a : accounts)
            ids.append(a.id());
        return ids;
    }

private Q_SLOTS:
    // Ten stored accounts: the first one disabled, the eighth cooling down for an hour, the last one
    // the only one whose catalogue lists OnlyOnLastPage.
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = quietConfig();
        m_config.accountMaxConcurrent = 0;
        auto stored = open(1000);
        QVERIFY(stored);
        QJsonArray entries;
        for (int i = 1; i <= Accounts; ++i)
            entries.append(credential(i).toJson());
        const ImportReport r = stored->pool.importAccounts(QJsonDocument(entries).toJson(), false);
        QCOMPARE(r.count("added"), Accounts);
        for (const ImportEntryResult &e : r.entries)
            m_ids.append(e.accountId);
        QVERIFY(stored->pool.setEnabled(m_ids[0], false));
        stored->pool.report(m_ids[7], UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"), 3600);
        QString error;
        Account last = stored->repository.loadAll(&error).constLast();
        KiroModel model;
        model.id = OnlyOnLastPage;
        last.models.models = {model};
        last.models.fetchedAt = QDateTime::currentDateTimeUtc();
        QVERIFY2(stored->repository.update(last, &error), qPrintable(error));
    }

    void init()
    {
        m_config = quietConfig();
        m_config.accountMaxConcurrent = 0;
    }

    // A request arriving mid-load is served from the first page without waiting for the others; the
    // event loop loads them, and the end of the load is announced once.
    void servesFromTheFirstPageThenLoadsTheRest()
    {
        auto stored = open(Page);
        QVERIFY(stored);
        AccountPool &pool = stored->pool;
        QVERIFY(pool.loading());
        QVERIFY(!pool.isEmpty());
        QSignalSpy listChanged(&pool, &AccountPool::accountsChanged);
        const auto id = pool.select({});
        QVERIFY(id == m_ids[1] || id == m_ids[2]);   // the first page, without its disabled account
        QVERIFY(pool.loading());
        pool.release(*id);
        QTRY_VERIFY_WITH_TIMEOUT(!pool.loading(), 30000);
        QCOMPARE(listChanged.size(), 1);
        QCOMPARE(pool.size(), Accounts);
        // Every enabled account takes requests now, the cooling one excepted.
        QSet<qint64> served;
        for (int i = 0; i < 3 * Accounts; ++i) {
            const auto next = pool.select({});
            QVERIFY(next);
            served.insert(*next);
            pool.release(*next);
        }
        QSet<qint64> expected(m_ids.cbegin(), m_ids.cend());
        expected.remove(m_ids[0]);
        expected.remove(m_ids[7]);
        QCOMPARE(served, expected);
    }

    // While a request holds an account, pages wait Config::accountLoadBusyMs (an hour here), so that
    // the event loop's turns go to the request; once it is given back the load goes on at once.
    void pagesWaitWhileARequestHoldsAnAccount()
    {
        m_config.accountLoadBusyMs = 3600 * 1000;
        auto stored = open(Page);
        QVERIFY(stored && stored->pool.loading());
        AccountPool &pool = stored->pool;
        const auto id = pool.select({});
        QVERIFY(id);
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents();
        QVERIFY(pool.loading());
        pool.release(*id);
        QTRY_VERIFY_WITH_TIMEOUT(!pool.loading(), 30000);
        QCOMPARE(pool.accounts().size(), Accounts);
    }

    // What the first page cannot serve (every one of its accounts excluded, or a model only a later
    // account offers) completes the load, and a later account serves it.
    void aRequestTheFirstPageCannotServeCompletesTheLoad()
    {
        {
            auto stored = open(Page);
            QVERIFY(stored && stored->pool.loading());
            const auto id = stored->pool.select({m_ids[1], m_ids[2]});
            QVERIFY(id);
            QVERIFY(!QList<qint64>({m_ids[0], m_ids[1], m_ids[2]}).contains(*id));
            QVERIFY(!stored->pool.loading());
        }
        auto stored = open(Page);
        QVERIFY(stored && stored->pool.loading());
        const auto resolved = stored->pool.resolveModel(OnlyOnLastPage);
        QVERIFY(std::holds_alternative<ResolvedModel>(resolved));
        QCOMPARE(std::get<ResolvedModel>(resolved).kiroModelId, OnlyOnLastPage);
        QCOMPARE(stored->pool.select({}, OnlyOnLastPage), std::optional<qint64>(m_ids.last()));
        QVERIFY(stored->pool.modelIndex().accountsFor(OnlyOnLastPage).contains(m_ids.last()));
    }

    // Lists, counts and lookups mid-load see every account, as a load in one go does.
    void readersMidLoadSeeEveryAccount()
    {
        auto whole = open(1000);
        QVERIFY(whole && !whole->pool.loading());
        const QList<Account> expected = whole->pool.accounts();
        QCOMPARE(idsOf(expected), m_ids);
        const QList<std::pair<const char *, std::function<void(AccountPool &)>>> readers = {
            {"accounts()", [&](AccountPool &pool) {
                 const QList<Account> got = pool.accounts();
                 QCOMPARE(idsOf(got), m_ids);
                 for (qsizetype i = 0; i < got.size(); ++i) {
                     QCOMPARE(got[i].state, expected[i].state);
                     QCOMPARE(got[i].name, expected[i].name);
                     QCOMPARE(got[i].cooldownUntil, expected[i].cooldownUntil);
                 }
             }},
            {"credentials()", [&](AccountPool &pool) {
                 const QList<Credential> got = pool.credentials();
                 QCOMPARE(got.size(), Accounts);
                 QCOMPARE(got.last().refreshToken, credential(Accounts).refreshToken);
             }},
            {"size()", [&](AccountPool &pool) { QCOMPARE(pool.size(), Accounts); }},
            {"account(id)", [&](AccountPool &pool) { QCOMPARE(pool.account(m_ids.last())->name, expected.last().name); }},
            {"accountName(id)", [&](AccountPool &pool) { QCOMPARE(pool.accountName(m_ids.last()), expected.last().name); }},
            {"firstAvailableAt()", [&](AccountPool &pool) { QCOMPARE(pool.firstAvailableAt(), std::optional<QDateTime>(expected[7].cooldownUntil)); }},
        };
        for (const auto &[name, read] : readers) {
            auto stored = open(Page);
            QVERIFY2(stored && stored->pool.loading(), name);
            read(stored->pool);
            QVERIFY2(!stored->pool.loading(), name);
        }
    }

    // An import mid-load finds the account it updates even when that one was not loaded yet.
    void importMidLoadFindsADuplicateNotYetLoaded()
    {
        auto stored = open(Page);
        QVERIFY(stored && stored->pool.loading());
        const ImportReport r = stored->pool.importAccounts(QJsonDocument(QJsonArray{credential(Accounts - 1).toJson()}).toJson(), false);
        QCOMPARE(r.count("updated"), 1);
        QCOMPARE(r.entries[0].accountId, m_ids[Accounts - 2]);
        QCOMPARE(stored->pool.size(), Accounts);
        const ImportReport dry = stored->pool.importAccounts(QJsonDocument(QJsonArray{credential(Accounts).toJson()}).toJson(), true);
        QCOMPARE(dry.entries[0].status, QStringLiteral("duplicate"));
    }

    // Edits mid-load reach accounts not loaded yet, and what they changed is what is stored.
    void editsMidLoadReachEveryAccount()
    {
        {
            auto stored = open(Page);
            QVERIFY(stored && stored->pool.loading());
            QCOMPARE(stored->pool.changeAccount(m_ids[8], AccountChanges{QStringLiteral("renamed"), std::nullopt, std::nullopt}), QString());
        }
        {
            auto stored = open(Page);
            QVERIFY(stored && stored->pool.loading());
            QCOMPARE(stored->pool.account(m_ids[8])->name, QStringLiteral("renamed"));
            QVERIFY(stored->pool.removeAccount(m_ids[8]));
            QCOMPARE(stored->pool.size(), Accounts - 1);
        }
        auto stored = open(Page);
        QVERIFY(stored);
        QVERIFY(!stored->pool.account(m_ids[8]));
        QCOMPARE(stored->pool.size(), Accounts - 1);
        QVERIFY(stored->pool.addAccount(credential(9), QString()).index() == 0);   // back, under a new id
    }

    // Once loaded by the event loop, the pool is the one a load in one go gives: the same accounts in
    // the same order, the cooldown scheduled, the catalogue routed.
    void loadedInPagesEqualsLoadedAtOnce()
    {
        auto whole = open(1000);
        QVERIFY(whole && !whole->pool.loading());
        auto paged = open(Page);
        QVERIFY(paged && paged->pool.loading());
        QTRY_VERIFY_WITH_TIMEOUT(!paged->pool.loading(), 30000);
        const QList<Account> a = whole->pool.accounts(), b = paged->pool.accounts();
        QCOMPARE(idsOf(b), idsOf(a));
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].state, a[i].state);
            QCOMPARE(b[i].credential.disabled, a[i].credential.disabled);
            QCOMPARE(b[i].models.ids(), a[i].models.ids());
            QCOMPARE(paged->pool.credential(b[i].id())->refreshToken, whole->pool.credential(a[i].id())->refreshToken);
        }
        QCOMPARE(paged->pool.firstAvailableAt(), whole->pool.firstAvailableAt());
        QVERIFY(paged->pool.modelIndex().accountsFor(OnlyOnLastPage).contains(m_ids.last()));
    }

    // Before serving, at most 25 accounts are read whatever the page (100 cost a fresh start 2-3 ms
    // more than 10); the pages after the first are of the configured size.
    void atMost25BeforeServing()
    {
        QTemporaryDir dir;
        m_config.accountLoadPage = 100;
        {
            StoredPool stored(dir.path(), QStringLiteral("tst-loading-30-a"), m_config, &m_network);
            QCOMPARE(stored.open(), QString());
            QJsonArray entries;
            for (int i = 1; i <= 30; ++i)
                entries.append(credential(i).toJson());
            QCOMPARE(stored.pool.importAccounts(QJsonDocument(entries).toJson(), false).count("added"), 30);
        }
        StoredPool stored(dir.path(), QStringLiteral("tst-loading-30-b"), m_config, &m_network);
        QCOMPARE(stored.open(), QString());
        QVERIFY(stored.pool.loading());
        QSignalSpy listChanged(&stored.pool, &AccountPool::accountsChanged);
        QTRY_VERIFY_WITH_TIMEOUT(!stored.pool.loading(), 30000);
        QCOMPARE(listChanged.size(), 1);
        QCOMPARE(stored.pool.accounts().size(), 30);
    }
};

QTEST_GUILESS_MAIN(TestAccountPoolLoading)
#include "tst_accountpoolloading.moc"
