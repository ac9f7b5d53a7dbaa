// kt_tabbench: the Accounts tab (ServiceMonitor → AccountsPage → AccountsModel → QTableView) at a
// given number of accounts, in the GUI thread only: the service's signals are emitted here as the
// proxy thread would send them. Prints one JSON line per size:
//   fill_ms      the first list of N accounts, shown (rows inserted, columns fitted, painted)
//   change_us    per single-account change (1,000 of them, each one batch, every tenth a new state
//                text), as the core sends it: the whole pool before it sent changes alone
//   remove_ms    one account removed from the middle
//   kt_tabbench [N ...]   (default: 10 10000; QT_QPA_PLATFORM=offscreen)
#include "itemmodels/accountsmodel.h"
#include "monitor/servicemonitor.h"
#include "pages/accountspage.h"
#include "service/proxyservice.h"

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

        bool ok = page.model()->rowCount() == list.size();
        for (qsizetype i = 0; ok && i < list.size(); ++i)
            ok = page.model()->accounts().at(i).requestCount == list.at(i).requestCount;

        list.removeAt(list.size() / 2);
        t.restart();
        Q_EMIT service.accountsUpdated(list, QStringLiteral("round-robin"));
        QCoreApplication::processEvents();
        const double remove = msSince(t);
        ok = ok && page.model()->rowCount() == list.size();

        std::printf("{\"mode\":\"accountstab\",\"accounts\":%d,\"fill_ms\":%.2f,\"change_us\":%.1f,\"remove_ms\":%.2f,\"rows_ok\":%s}\n",
                    n, fill, change, remove, ok ? "true" : "false");
        std::fflush(stdout);
    }
    return 0;
}
