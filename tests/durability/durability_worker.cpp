// Durability worker: opens a data dir with the real storage classes and writes as fast as it can
// until killed. After an account's row and its secret are both stored it prints "committed <id>"
// (flushed), which tst_durability holds it to after a kill -9.
// Usage: durability_worker <dataDir> <seed> [maxAccounts]
#include "accounts/accountsecrets.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/requestlog.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace kt;

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "durability_worker: %s\n", qPrintable(what));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return fail(QStringLiteral("usage: durability_worker <dataDir> <seed> [maxAccounts]"));
    const QString dataDir = args.at(1);
    QRandomGenerator random(args.at(2).toUInt());
    const int maxAccounts = args.size() > 3 ? args.at(3).toInt() : 100000;

    Database db(Database::defaultPath(dataDir));
    QString error;
    if (!db.open(&error))
        return fail(error);
    AccountRepository repo(db);
    RequestLog log(db, 50);
    FileSecretStore secrets(dataDir);
    QList<Account> accounts = repo.loadAll(&error);
    if (!error.isEmpty())
        return fail(error);
    std::printf("ready %lld\n", qlonglong(accounts.size()));
    std::fflush(stdout);

    for (int n = 0; n < maxAccounts; ++n) {
        // A new account: the row (which assigns the id), then its secret; only then is it committed.
        Account a;
        a.name = QStringLiteral("worker account %1").arg(n);
        a.credential.refreshToken = QStringLiteral("rt-pending");
        a.credential.accessToken = QStringLiteral("at-%1").arg(random.generate());
        a.createdAt = QDateTime::currentDateTimeUtc();
        if (!repo.insert(a, &error))
            return fail(error);
        a.credential.refreshToken = QStringLiteral("rt-%1").arg(a.id());
        if (!secrets.write(AccountSecrets::key(a.id()), AccountSecrets::encode(a.credential), &error))
            return fail(error);
        std::printf("committed %lld\n", qlonglong(a.id()));
        std::fflush(stdout);
        accounts.append(a);

        // Traffic on an existing account: counters, a refreshed access token, log rows.
        Account &used = accounts[int(random.bounded(qsizetype(accounts.size())))];
        used.requestCount += 1;
        used.lastUsed = QDateTime::currentDateTimeUtc();
        used.lastError = QStringLiteral("burst %1").arg(n);
        if (!repo.update(used, &error))
            return fail(error);
        if (!used.credential.refreshToken.isEmpty()) {
            used.credential.accessToken = QStringLiteral("at-%1").arg(random.generate());
            if (!secrets.write(AccountSecrets::key(used.id()), AccountSecrets::encode(used.credential), &error))
                return fail(error);
        }
        for (int k = 0; k < 3; ++k) {
            RequestRecord r;
            r.accountId = used.id();
            r.accountName = used.name;
            r.model = QStringLiteral("model-%1").arg(k);
            r.status = k == 2 ? 429 : 200;
            r.inputTokens = int(random.bounded(1000));
            if (!log.append(r, &error))
                return fail(error);
        }
        if (!repo.setSetting(QStringLiteral("counter"), QString::number(n), &error))
            return fail(error);
    }
    return 0;
}
