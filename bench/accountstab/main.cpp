// kt_tabbench: the Accounts tab (ServiceMonitor → AccountsPage → AccountsModel → QTableView) at a
// given number of accounts, in the GUI thread only: the service's signals are emitted here as the
// proxy thread would send them. Prints one JSON line per size:
//   fill_ms      the first list of N accounts, shown (rows inserted, columns fitted, painted)
//   change_us    per single-account change (1,000 of them, each one batch, every tenth a new state
//                text), as the core sends it: the whole pool before it sent changes alone
//   remove_ms    one account removed from the middle
//   tray_us      the tray's and the dashboard's status line (TrayStatus::compute counts every account),
//                which they recompute after each batch too
//   core_list_us what the core copies for the UI per batch of changes when it sends the whole pool
//                (AccountPool::accounts(), secrets stripped), and core_one_us for one account alone
//   kt_tabbench [N ...]   (default: 10 10000; QT_QPA_PLATFORM=offscreen)
// KT_TABBENCH_SHOT=<dir>: also saves the page after the changes as <dir>/accounts-<N>.png.
#include "itemmodels/accountsmodel.h"
#include "monitor/servicemonitor.h"
#include "monitor/traystatus.h"
#include "pages/accountspage.h"
#include "pool/accountpool.h"
#include "service/proxyservice.h"
#include "upstream/networkmanagerpool.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>

#include <cstdio>

using namespace kt;

namespace {

QList<Account> accounts(int n)
{
    QList<Account> list;
    list.reserve(n);
    for (int i = 1; i <= n; ++i) {
        Account a;
        a.credential.id = i;
        a.credential.email = QStringLiteral("user%1@example.com").arg(i);
        a.credential.authMethod = AuthMethod::Social;
        a.name = a.credential.email;
        a.state = AccountState::Active;
        a.quota.known = true;
        a.quota.used = i % 50;
        a.quota.limit = 50;
        list.append(a);
    }
    return list;
}

// What the core sends for one account's change: the account alone where the service can say so.
template <class Service>
void send(Service &service, const QList<Account> &all, qsizetype changed)
{
    if constexpr (requires(Service s, QList<Account> l) { s.accountsPatched(l); })
        Q_EMIT service.accountsPatched({all.at(changed)});
    else
        Q_EMIT service.accountsUpdated(all, QStringLiteral("round-robin"));
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// The proxy thread's side of one batch: the whole pool's copy against one account's.
std::pair<double, double> coreCopies(int n)
{
    Config config;
    config.quotaRefreshMinutes = 0;
    config.modelRefreshHours = 0;
    NetworkManagerPool network;
    AccountPool pool(config, &network);
    QList<Credential> credentials;
    for (int i = 1; i <= n; ++i) {
        Credential c;
        c.refreshToken = QStringLiteral("bench-refresh-token-%1-0123456789abcdef").arg(i);
        c.email = QStringLiteral("user%1@example.com").arg(i);
        c.authMethod = AuthMethod::Social;
        credentials.append(c);
    }
    pool.setCredentials(credentials, QString(), false);
    const QList<Account> ids = pool.accounts();
    const int rounds = 50;
    qsizetype sink = pool.accounts().size() + pool.account(ids.first().id())->name.size();   // warmed up
    QElapsedTimer t;
    t.start();
    for (int r = 0; r < rounds; ++r)
        sink += pool.accounts().size();
    const double list = msSince(t) * 1000.0 / rounds;
    t.restart();
    for (int r = 0; r < 1000; ++r)
        sink += pool.account(ids.at((qsizetype(r) * 7919) % ids.size()).id())->name.size();
    const double one = msSince(t);   // µs per call: ms for 1,000 calls
    return {list, sink > 0 ? one : 0.0};
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes;
    for (const QString &arg : app.arguments().mid(1))
        sizes.append(arg.toInt());
    if (sizes.isEmpty())
        sizes = {10, 10000};
    Config config;   // no data directory: the pool lives in memory and is never asked for here
    for (const int n : std::as_const(sizes)) {
        ProxyService service(config);
        ServiceMonitor monitor;
        monitor.setService(&service);
        QElapsedTimer settle;   // the empty pool's answers (asked for, then its coalesced load) come before ours
        settle.start();
        while (!monitor.accountsKnown() || settle.elapsed() < 500)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        AccountsPage page(&monitor);
        page.resize(1280, 800);
        page.show();
        QCoreApplication::processEvents();

        QList<Account> list = accounts(n);
        QElapsedTimer t;
        t.start();
        Q_EMIT service.accountsUpdated(list, QStringLiteral("round-robin"));
        QCoreApplication::processEvents();
        const double fill = msSince(t);

        const int changes = 1000;
        t.restart();
        for (int k = 0; k < changes; ++k) {
            const qsizetype at = (qsizetype(k) * 7919) % list.size();
            Account &a = list[at];
            ++a.requestCount;
            if (k % 10 == 0) {
                a.state = a.state == AccountState::Active ? AccountState::Cooldown : AccountState::Active;
                a.cooldownUntil = QDateTime::currentDateTimeUtc().addSecs(60 + k);
            }
            send(service, list, at);
            QCoreApplication::processEvents();
        }
        const double change = msSince(t) * 1000.0 / changes;

        if (const QString dir = qEnvironmentVariable("KT_TABBENCH_SHOT"); !dir.isEmpty()) {
            page.table()->scrollTo(page.model()->index(int(list.size() / 2), 0));
            QCoreApplication::processEvents();
            page.grab().save(QStringLiteral("%1/accounts-%2.png").arg(dir).arg(n));
        }
        bool ok = page.model()->rowCount() == list.size();
        for (qsizetype i = 0; ok && i < list.size(); ++i)
            ok = page.model()->accounts().at(i).requestCount == list.at(i).requestCount;

        list.removeAt(list.size() / 2);
        t.restart();
        Q_EMIT service.accountsUpdated(list, QStringLiteral("round-robin"));
        QCoreApplication::processEvents();
        const double remove = msSince(t);
        ok = ok && page.model()->rowCount() == list.size();

        t.restart();
        qsizetype sink = 0;
        for (int k = 0; k < 100; ++k)
            sink += TrayStatus::compute(ServiceMonitor::RunState::Running, QStringLiteral("http://127.0.0.1:8080"), QString(),
                                        monitor.accounts(), true, 0, QDateTime::currentDateTimeUtc()).tooltip.size();
        const double tray = sink > 0 ? msSince(t) * 1000.0 / 100 : 0.0;
        const auto [coreList, coreOne] = coreCopies(n);
        std::printf("{\"mode\":\"accountstab\",\"accounts\":%d,\"fill_ms\":%.2f,\"change_us\":%.1f,\"remove_ms\":%.2f,\"tray_us\":%.1f,"
                    "\"core_list_us\":%.1f,\"core_one_us\":%.2f,\"rows_ok\":%s}\n",
                    n, fill, change, remove, tray, coreList, coreOne, ok ? "true" : "false");
        std::fflush(stdout);
    }
    return 0;
}
