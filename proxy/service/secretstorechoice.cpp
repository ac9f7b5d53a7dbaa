#include "service/secretstorechoice.h"

#include "util/atomicfile.h"
#include "accounts/accountsecrets.h"
#include "secrets/secretslog.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/sessionbusprobe.h"
#include "storage/accountrepository.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>

namespace kt {

namespace {

// The notice is about the process, not the call: the start-up path and the proxy thread may both
// choose, and the user should read it once.
bool firstTime(const QString &notice)
{
    static QMutex mutex;
    static QSet<QString> logged;
    QMutexLocker lock(&mutex);
    if (logged.contains(notice))
        return false;
    logged.insert(notice);
    return true;
}

QString markerPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("secret-store"));
}

QString readMarker(const QString &dataDir)
{
    QFile file(markerPath(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(64)).trimmed();
}

// Account ids from the database in dataDir, through a private connection (the proxy's may be open).
QStringList accountKeys(const QString &dataDir, QString *error)
{
    const QString path = Database::defaultPath(dataDir);
    if (!QFileInfo::exists(path))
        return {};
    const QString connection = QStringLiteral("kirotray-secret-migration-%1").arg(QRandomGenerator::global()->generate());
    Database db(path, connection);
    if (!db.open(error))
        return {};
    QStringList keys;
    const QList<Account> accounts = AccountRepository(db).loadAll(error);
    for (const Account &a : accounts)
        keys << AccountSecrets::key(a.id());
    return keys;
}

} // namespace

SecretStoreChoice chooseSecretStore(const QString &mode, const QString &dataDir, int probeTimeoutMs)
{
    SecretStoreChoice choice;
    const QString file = FileSecretStore::filePath(dataDir);
    bool warning = false;
    if (mode == QLatin1String("file")) {
        choice.store = std::make_unique<FileSecretStore>(dataDir);
        choice.notice = QStringLiteral("secrets are kept in %1 (mode 0600), as configured (secretStore \"file\")").arg(file);
    } else if (mode == QLatin1String("auto") || mode == QLatin1String("keychain")) {
        // Without a session bus the probe could only fail, after loading and starting libsecret.
        QString reason = SessionBusProbe::unreachableHere();
        auto keychain = reason.isEmpty() ? std::make_unique<KeychainSecretStore>() : nullptr;
        const QString noKeychain = keychain ? QStringLiteral("no system keychain answered")
                                            : QStringLiteral("no system keychain can be reached");
        if (keychain && keychain->probe(probeTimeoutMs, &reason)) {
            choice.store = std::move(keychain);
            choice.notice = QStringLiteral("secrets are kept in the system keychain (service \"KiroTray\")");
        } else if (mode == QLatin1String("auto")) {
            choice.store = std::make_unique<FileSecretStore>(dataDir);
            choice.notice = QStringLiteral("%1 (%2); secrets are kept in %3 (mode 0600) instead").arg(noKeychain, reason, file);
            warning = true;
        } else {
            choice.error = QStringLiteral("secretStore is \"keychain\" but %1 (%2)").arg(noKeychain, reason);
            choice.notice = choice.error;
            warning = true;
        }
    } else {
        choice.error = QStringLiteral("unknown secretStore \"%1\" (expected auto, keychain or file)").arg(mode.left(32));
        choice.notice = choice.error;
        warning = true;
    }
    if (firstTime(choice.notice)) {
        if (warning)
            qCWarning(lcSecrets).noquote() << choice.notice;
        else
            qCInfo(lcSecrets).noquote() << choice.notice;
    }
    return choice;
}

bool migrateSecrets(SecretStore &from, SecretStore &to, const QStringList &keys, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    // Copy everything first (in one writeMany: the file store rewrites itself once, not once per key):
    // until every copy has been read back, `from` stays untouched.
    QList<std::pair<QString, QByteArray>> entries;
    for (const QString &key : keys) {
        QString problem;
        std::optional<QByteArray> value = from.read(key, &problem);
        if (!problem.isEmpty())
            return fail(QStringLiteral("reading '%1' from the %2 store: %3").arg(key, from.backend(), problem));
        if (value)
            entries.append({key, std::move(*value)});
    }
    QString problem;
    if (const QStringList failed = to.writeMany(entries, &problem); !failed.isEmpty())
        return fail(QStringLiteral("writing '%1' to the %2 store: %3").arg(failed.first(), to.backend(), problem));
    QStringList copied;
    copied.reserve(entries.size());
    for (const auto &[key, value] : std::as_const(entries)) {
        const std::optional<QByteArray> check = to.read(key, &problem);
        if (!check || *check != value)
            return fail(QStringLiteral("'%1' did not read back from the %2 store %3").arg(key, to.backend(), problem));
        copied << key;
    }
    if (const QStringList failed = from.removeMany(copied, &problem); !failed.isEmpty())
        return fail(QStringLiteral("removing '%1' from the %2 store (it is already copied): %3")
                        .arg(failed.first(), from.backend(), problem));
    if (error)
        error->clear();
    return true;
}

bool adoptSecretStore(SecretStore &current, const QString &dataDir, QString *error)
{
    const QString now = current.backend();
    QString previous = readMarker(dataDir);
    FileSecretStore file(dataDir);
    if (previous.isEmpty() && now != QLatin1String("file") && QFileInfo::exists(file.filePath()))
        previous = QStringLiteral("file");   // marker lost, but a secrets file is there: it was the file store
    const auto record = [&]() {
        const QString problem = AtomicFile::writePrivate(markerPath(dataDir), now.toUtf8() + '\n');
        if (!problem.isEmpty() && error)
            *error = problem;
        return problem.isEmpty();
    };
    if (previous.isEmpty() || previous == now)
        return previous == now ? true : record();

    QString problem;
    QStringList keys = accountKeys(dataDir, &problem);
    if (!problem.isEmpty()) {
        if (error)
            *error = QStringLiteral("moving secrets from the %1 store: %2").arg(previous, problem);
        return false;
    }
    keys << QStringLiteral("api-key");
    std::unique_ptr<SecretStore> from;
    if (previous == QLatin1String("file")) {
        keys << file.keys(&problem);
        from = std::make_unique<FileSecretStore>(dataDir);
    } else if (previous == QLatin1String("keychain")) {
        problem = SessionBusProbe::unreachableHere();
        auto keychain = problem.isEmpty() ? std::make_unique<KeychainSecretStore>() : nullptr;
        if (!keychain || !keychain->probe(3000, &problem)) {
            if (error)
                *error = QStringLiteral("the secrets are in the system keychain, which does not answer now (%1); "
                                        "they stay there until it does").arg(problem);
            return false;
        }
        from = std::move(keychain);
    } else {
        if (error)
            *error = QStringLiteral("%1: unknown secret store \"%2\"").arg(markerPath(dataDir), previous.left(32));
        return false;
    }
    keys.removeDuplicates();
    if (!problem.isEmpty() || !migrateSecrets(*from, current, keys, &problem)) {
        if (error)
            *error = QStringLiteral("moving secrets from the %1 store to the %2 store: %3").arg(previous, now, problem);
        return false;
    }
    if (previous == QLatin1String("file") && file.keys(&problem).isEmpty() && problem.isEmpty())
        QFile::remove(file.filePath());
    qCInfo(lcSecrets).noquote() << QStringLiteral("moved the secrets from the %1 store to the %2 store (%3 keys checked)")
                                       .arg(previous, now).arg(keys.size());
    return record();
}

} // namespace kt
