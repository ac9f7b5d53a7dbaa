// kt_poolbench: the account pool at a given size (bench/run.sh runs it at 10 and at 10,000 accounts,
// each in a fresh process). Prints one JSON line per measurement (mode "accounts"):
//   import     importAccounts() of N entries into the SQLite-backed pool (file secret store), ms
//   startup    opening the database and the secret store and loading the pool, as the server starts, ms:
//              "startup" in this process (after the import: its memory is already mapped), and
//              "startup-fresh-process" in a new process (as a user starts KiroTray: every page is new),
//              each until the pool can serve (attachStorage() returned: the first page is loaded) and,
//              "-loaded", until the event loop has loaded every account
//   select     µs per select()+release() for each strategy, in memory and SQLite-backed
//   failover   µs per select() with half the pool cooling down and two accounts already tried
//   memory     RSS before and after building the in-memory pool, and bytes per account
//   snapshot   one accounts() copy of the whole pool (secrets stripped), as ProxyCore sends the UI, ms
//   secret-write  one account's secrets written back to the file secret store, as after a token
//              refresh (median of 9 accounts spread over the pool), ms
//   kt_poolbench --accounts N [--selections K] [--startup-runs R] [--storage-accounts M] [--memory-only] [--json FILE]
//   kt_poolbench --load-only DIR   (internal: loads the pool stored in DIR, prints the ms until it serves and until loaded)
#include "accounts/accountsecrets.h"
#include "accounts/credential.h"
#include "accounts/poolstrategy.h"
#include "config/config.h"
#include "pool/accountpool.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "upstream/networkmanagerpool.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace kt;

namespace {

long rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

Credential credential(int n)
{
    Credential c;
    c.refreshToken = QStringLiteral("bench-refresh-token-%1-0123456789abcdef0123456789abcdef").arg(n);
    c.accessToken = QStringLiteral("bench-access-token-%1").arg(n);
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(24 * 3600);
    c.email = QStringLiteral("user%1@example.com").arg(n);
    c.authMethod = AuthMethod::Social;
    return c;
}

QList<Credential> credentials(int n)
{
    QList<Credential> list;
    list.reserve(n);
    for (int i = 1; i <= n; ++i) {
        list.append(credential(i));
        list.last().id = i;
    }
    return list;
}

QByteArray importJson(int n)
{
    QJsonArray array;
    for (int i = 1; i <= n; ++i)
        array.append(credential(i).toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

class Output
{
public:
    Output(int accounts, const QString &path) : m_accounts(accounts), m_file(path)
    {
        if (!path.isEmpty() && !m_file.open(QIODevice::Append | QIODevice::Text))
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    }
    void setExtra(const QString &key, int value) { m_extra.insert(key, value); }
    void add(const QString &stage, const QString &label, QJsonObject values)
    {
        for (auto it = m_extra.begin(); it != m_extra.end(); ++it)
            values.insert(it.key(), it.value());
        values.insert(QStringLiteral("mode"), QStringLiteral("accounts"));
        values.insert(QStringLiteral("stage"), stage);
        values.insert(QStringLiteral("label"), label);
        values.insert(QStringLiteral("accounts"), m_accounts);
        const QByteArray line = QJsonDocument(values).toJson(QJsonDocument::Compact) + '\n';
        std::fputs(line.constData(), stdout);
        if (m_file.isOpen())
            m_file.write(line);
    }

private:
    int m_accounts;
    QFile m_file;
    QJsonObject m_extra;
};

// µs per select() (released at once, as a finished request is), over `selections` requests.
double selectionMicros(AccountPool &pool, int selections, const QSet<qint64> &excluded = {})
{
    QElapsedTimer timer;
    timer.start();
    int found = 0;
    for (int i = 0; i < selections; ++i) {
        if (const auto id = pool.select(excluded)) {
            pool.release(*id);
            ++found;
        }
    }
    const double us = double(timer.nsecsElapsed()) / 1000.0 / selections;
    if (found != selections)
        std::fprintf(stderr, "only %d of %d selections found an account\n", found, selections);
    return us;
}

void selectionStages(AccountPool &pool, const QString &where, int selections, Output &out)
{
    for (PoolStrategy s : {PoolStrategy::RoundRobin, PoolStrategy::Random, PoolStrategy::LeastUsed, PoolStrategy::Priority}) {
        pool.setStrategy(s);
        selectionMicros(pool, std::min(selections, 200));   // warm-up
        out.add(QStringLiteral("select"), QStringLiteral("%1-%2").arg(where, poolStrategyName(s)),
                {{QStringLiteral("us"), selectionMicros(pool, selections)}});
    }
}

// Half the pool cooling down (every other account), and the request already tried two accounts.
void failoverStage(AccountPool &pool, const QString &where, int selections, Output &out)
{
    const QList<Account> accounts = pool.accounts();
    QSet<qint64> tried;
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (i % 2 == 1)
            pool.report(accounts.at(i).id(), UpstreamOutcome::Throttled, QStringLiteral("Rate exceeded"));
        else if (tried.size() < 2)
            tried.insert(accounts.at(i).id());
    }
    for (PoolStrategy s : {PoolStrategy::RoundRobin, PoolStrategy::Random, PoolStrategy::LeastUsed, PoolStrategy::Priority}) {
        pool.setStrategy(s);
        out.add(QStringLiteral("failover"), QStringLiteral("%1-%2").arg(where, poolStrategyName(s)),
                {{QStringLiteral("us"), selectionMicros(pool, selections, tried)}});
    }
}

struct Stored {
    std::unique_ptr<Database> db;
    std::unique_ptr<AccountRepository> repository;
    std::unique_ptr<FileSecretStore> secrets;
    std::unique_ptr<AccountPool> pool;
};

Stored openStored(const Config &config, NetworkManagerPool *network, const QString &dir, int connection)
{
    Stored s;
    s.db = std::make_unique<Database>(Database::defaultPath(dir), QStringLiteral("poolbench-%1").arg(connection));
    QString error;
    if (!s.db->open(&error))
        qFatal("cannot open the database: %s", qPrintable(error));
    s.secrets = std::make_unique<FileSecretStore>(dir);
    s.repository = std::make_unique<AccountRepository>(*s.db);
    s.pool = std::make_unique<AccountPool>(config, network);
    error = s.pool->attachStorage(s.repository.get(), s.secrets.get());
    if (!error.isEmpty())
        qFatal("cannot load the accounts: %s", qPrintable(error));
    return s;
}

// The event loop loads the pages after the first, between whatever else it serves.
void loadRest(AccountPool &pool)
{
    while (pool.loading())
        QCoreApplication::processEvents();
}

// The start-up of a fresh process: the child loads the pool and prints how long it took until it
// could serve and until every account was loaded (ms).
std::pair<double, double> freshProcessStartup(const QString &dir)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--load-only"), dir});
    if (!child.waitForFinished(120000) || child.exitCode() != 0)
        qFatal("the fresh process did not load the pool: %s", child.readAllStandardError().constData());
    const QList<QByteArray> ms = child.readAllStandardOutput().trimmed().split(' ');
    return {ms.value(0).toDouble(), ms.value(1).toDouble()};
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// One account's secrets, with a new access token, written back as a token refresh does (ms, median).
double secretWriteMs(FileSecretStore &secrets, int accounts)
{
    QList<double> ms;
    for (int i = 0; i < 9; ++i) {
        const QString key = AccountSecrets::key(1 + qint64(i) * accounts / 9);
        QString error;
        const std::optional<QByteArray> value = secrets.read(key, &error);
        if (!value)
            qFatal("cannot read %s: %s", qPrintable(key), qPrintable(error));
        QByteArray refreshed = *value;
        refreshed.replace("bench-access-token-", QByteArray("bench-access-token-r") + QByteArray::number(i) + '-');
        QElapsedTimer timer;
        timer.start();
        if (!secrets.write(key, refreshed, &error))
            qFatal("cannot write %s: %s", qPrintable(key), qPrintable(error));
        ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(ms);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("accounts"), QStringLiteral("Pool size."), QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("selections"), QStringLiteral("Requests per selection measurement."), QStringLiteral("k"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("startup-runs"), QStringLiteral("Start-ups measured (median)."), QStringLiteral("r"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("storage-accounts"), QStringLiteral("Accounts for the SQLite stages (default: --accounts)."), QStringLiteral("m")});
    parser.addOption({QStringLiteral("memory-only"), QStringLiteral("Only the in-memory stages (no import, start-up, SQLite).")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Append the results to this file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("load-only"), QStringLiteral("Load the pool stored in this directory, print the ms it took."), QStringLiteral("dir")});
    parser.process(app);
    const int n = parser.value(QStringLiteral("accounts")).toInt();
    const int selections = parser.value(QStringLiteral("selections")).toInt();
    const int startupRuns = std::max(1, parser.value(QStringLiteral("startup-runs")).toInt());
    Output out(n, parser.value(QStringLiteral("json")));
    QLoggingCategory::setFilterRules(QStringLiteral("kirotray.*.info=false"));

    Config config;
    config.quotaRefreshMinutes = 0;
    config.modelRefreshHours = 0;
    config.accountMaxConcurrent = 0;
    config.accountRequestsPerMinute = 0;
    NetworkManagerPool network;
    if (parser.isSet(QStringLiteral("load-only"))) {
        QElapsedTimer timer;
        timer.start();
        Stored s = openStored(config, &network, parser.value(QStringLiteral("load-only")), 0);
        const double serving = double(timer.nsecsElapsed()) / 1e6;
        loadRest(*s.pool);
        std::printf("%f %f\n", serving, double(timer.nsecsElapsed()) / 1e6);
        return s.pool->size() > 0 ? 0 : 1;
    }

    // In memory: RSS per account, selection, failover.
    {
        const QList<Credential> list = credentials(n);
        const long before = rssKb();
        AccountPool pool(config, &network);
        pool.setCredentials(list, QString(), true);
        const long after = rssKb();
        out.add(QStringLiteral("memory"), QStringLiteral("memory-pool"),
                {{QStringLiteral("rss_before_kb"), double(before)}, {QStringLiteral("rss_after_kb"), double(after)},
                 {QStringLiteral("bytes_per_account"), double(after - before) * 1024.0 / n}});
        QElapsedTimer timer;
        timer.start();
        constexpr int Snapshots = 5;
        qsizetype copied = 0;
        for (int i = 0; i < Snapshots; ++i)
            copied += pool.accounts().size();
        out.add(QStringLiteral("snapshot"), QStringLiteral("memory-snapshot"),
                {{QStringLiteral("ms"), double(timer.nsecsElapsed()) / 1e6 / Snapshots}, {QStringLiteral("copied"), double(copied)}});
        selectionStages(pool, QStringLiteral("memory"), selections, out);
        failoverStage(pool, QStringLiteral("memory"), selections, out);
    }

    if (parser.isSet(QStringLiteral("memory-only")))
        return 0;
    // The stored pool (import, start-up, SQLite-backed selection), of --storage-accounts when given.
    const int stored = parser.isSet(QStringLiteral("storage-accounts")) ? parser.value(QStringLiteral("storage-accounts")).toInt() : n;
    Output &storedOut = out;
    if (stored != n)
        out.setExtra(QStringLiteral("storage_accounts"), stored);
    QTemporaryDir dir;
    // Import: the entries as the import dialog and POST /admin/accounts/import hand them over.
    {
        const QByteArray json = importJson(stored);
        Stored s = openStored(config, &network, dir.path(), 0);
        QElapsedTimer timer;
        timer.start();
        const ImportReport report = s.pool->importAccounts(json, false);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (report.count(QStringLiteral("added")) != stored)
            std::fprintf(stderr, "import added %d of %d\n", report.count(QStringLiteral("added")), stored);
        storedOut.add(QStringLiteral("import"), QStringLiteral("import"), {{QStringLiteral("ms"), ms}, {QStringLiteral("bytes"), double(json.size())}});
    }
    // Start-up: open the storage and load the pool (median of startupRuns), then select from it.
    {
        QList<double> serving, loaded;
        Stored kept;
        for (int r = 0; r < startupRuns; ++r) {
            QElapsedTimer timer;
            timer.start();
            Stored s = openStored(config, &network, dir.path(), r + 1);
            serving.append(double(timer.nsecsElapsed()) / 1e6);
            loadRest(*s.pool);
            loaded.append(double(timer.nsecsElapsed()) / 1e6);
            if (s.pool->size() != stored)
                std::fprintf(stderr, "loaded %d of %d accounts\n", s.pool->size(), stored);
            if (r + 1 == startupRuns)
                kept = std::move(s);
        }
        storedOut.add(QStringLiteral("startup"), QStringLiteral("startup"), {{QStringLiteral("ms"), median(serving)}});
        storedOut.add(QStringLiteral("startup"), QStringLiteral("startup-loaded"),
                {{QStringLiteral("ms"), median(loaded)}, {QStringLiteral("rss_kb"), double(rssKb())}});
        QList<double> freshServing, freshLoaded;
        for (int r = 0; r < startupRuns; ++r) {
            const auto [servingMs, loadedMs] = freshProcessStartup(dir.path());
            freshServing.append(servingMs);
            freshLoaded.append(loadedMs);
        }
        storedOut.add(QStringLiteral("startup"), QStringLiteral("startup-fresh-process"), {{QStringLiteral("ms"), median(freshServing)}});
        storedOut.add(QStringLiteral("startup"), QStringLiteral("startup-fresh-process-loaded"), {{QStringLiteral("ms"), median(freshLoaded)}});
        selectionStages(*kept.pool, QStringLiteral("sqlite"), selections, storedOut);
        storedOut.add(QStringLiteral("secret-write"), QStringLiteral("secret-write"), {{QStringLiteral("ms"), secretWriteMs(*kept.secrets, stored)}});
    }
    return 0;
}
