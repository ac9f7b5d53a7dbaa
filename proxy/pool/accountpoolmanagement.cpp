// AccountPool, part 2: what the user (management API, tray UI) changes: imports, new accounts,
// removal, enabling and disabling, names, priorities, overage and the strategy.
#include "pool/accountpool.h"

#include "accounts/importdetector.h"
#include "storage/poolstorage.h"
#include "util/clock.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

namespace {

QString identity(const Credential &c)
{
    return PoolAccounts::identity(c);
}

// The same account imported again: what the new input brings wins, what it lacks is kept (an export
// without an access token must not throw away a working one; the user's priority stays).
Credential merged(const Credential &old, const Credential &incoming)
{
    Credential c = incoming;
    c.id = old.id;
    c.priority = old.priority;
    if (incoming.accessToken.isEmpty() || (old.expiresAt.isValid() && incoming.expiresAt.isValid() && old.expiresAt > incoming.expiresAt)) {
        c.accessToken = old.accessToken;
        c.expiresAt = old.expiresAt;
    }
    for (QString Credential::*field : {&Credential::profileArn, &Credential::clientId, &Credential::clientSecret, &Credential::region,
                                       &Credential::authRegion, &Credential::apiRegion, &Credential::machineId, &Credential::email,
                                       &Credential::subscriptionTitle, &Credential::provider, &Credential::proxyUrl}) {
        if ((c.*field).isEmpty())
            c.*field = old.*field;
    }
    for (auto it = old.extra.begin(); it != old.extra.end(); ++it) {
        if (!c.extra.contains(it.key()))
            c.extra.insert(it.key(), it.value());
    }
    return c;
}

} // namespace

std::optional<qint64> AccountPool::findDuplicate(const Credential &credential) const
{
    return m_accounts.findByIdentity(identity(credential));
}

QString AccountPool::setStrategy(const QString &name)
{
    const auto strategy = parsePoolStrategy(name);
    if (!strategy)
        return QStringLiteral("field 'strategy' must be one of %1").arg(poolStrategyNames().join(QStringLiteral(", ")));
    setStrategy(*strategy);
    return {};
}

void AccountPool::setStrategy(PoolStrategy s)
{
    m_selector.setStrategy(s);
    setSetting(QStringLiteral("strategy"), poolStrategyName(s));
    qCInfo(lcAccounts).noquote() << "pool strategy:" << poolStrategyName(s);
    Q_EMIT accountsChanged();
}

// Adds the credential, or refreshes the account that has the same refresh token (by hash).
std::variant<qint64, QString> AccountPool::store(const Credential &credential, const QString &name, bool *updated,
                                                std::optional<qint64> target)
{
    *updated = false;
    if (m_storage)
        m_storage->beginBatch();   // commit() ends it
    auto staged = stage(credential, name, target);
    if (const QString *error = std::get_if<QString>(&staged)) {
        if (m_storage)
            endBatch();
        return *error;
    }
    const Staged one = std::get<Staged>(std::move(staged));
    if (const QString error = commit({one}).value(one.id); !error.isEmpty())
        return error;
    *updated = one.before.has_value();
    return one.id;
}

// The account changed in memory; a new one also has its row (and so its id). commit() saves the rest.
std::variant<AccountPool::Staged, QString> AccountPool::stage(const Credential &credential, const QString &name,
                                                              std::optional<qint64> target)
{
    if (const auto existing = target ? target : findDuplicate(credential)) {
        Account *a = find(*existing);
        Staged staged{a->id(), *a};
        a->credential = merged(staged.before->credential, credential);
        a->refreshTokenHash = identity(a->credential);
        m_accounts.credentialChanged(staged.id);
        if (staged.before->state == AccountState::Disabled) {   // the user's choice survives a re-import
            a->credential.disabled = true;
        } else if (credential.disabled) {
            a->state = AccountState::Disabled;
        } else if (staged.before->state == AccountState::Invalid) {   // fresh tokens deserve another chance
            a->state = AccountState::Active;
            a->stateReason.clear();
            a->consecutiveErrors = 0;
        }
        return staged;
    }
    Account a;
    a.credential = credential;
    a.credential.id = 0;
    a.name = name.trimmed().isEmpty() ? ImportDetector::deriveName(credential) : name.trimmed().left(200);
    a.state = credential.disabled ? AccountState::Disabled : AccountState::Active;
    a.createdAt = Clock::current().now();
    a.refreshTokenHash = identity(credential);
    if (m_storage) {
        QString error;
        if (!m_storage->insertRow(a, &error))
            return QStringLiteral("could not save: %1").arg(error);
    } else {
        a.credential.id = m_nextMemoryId++;
    }
    const qint64 id = a.id();
    m_accounts.append(std::move(a));
    return Staged{id, std::nullopt};
}

// Saves what stage() changed and ends the batch the caller began before staging (the new rows are in
// it): every secret in one write, then the updated rows, then one commit, so that a crash before the
// secrets are written leaves no row without them. What could not be saved is undone: a new account
// goes again, an updated one is as it was. Returns why, by id.
QHash<qint64, QString> AccountPool::commit(const QList<Staged> &staged)
{
    QHash<qint64, QString> failed;
    if (m_storage) {
        QList<const Account *> accounts;
        accounts.reserve(staged.size());
        for (const Staged &s : staged)
            accounts.append(find(s.id));
        if (!accounts.isEmpty())
            failed = m_storage->writeSecrets(accounts);
        for (const Staged &s : staged) {
            QString error;
            if (failed.contains(s.id)) {
                if (!s.before)
                    m_storage->removeRow(s.id, &error);
            } else if (s.before && !m_storage->updateRow(*find(s.id), &error)) {
                failed.insert(s.id, error);
            }
        }
        if (QString error; !m_storage->endBatch(&error)) {   // none of the rows reached the database
            QList<qint64> orphans;   // new accounts whose secrets were written
            for (const Staged &s : staged) {
                if (!failed.contains(s.id) && !s.before)
                    orphans.append(s.id);
                failed.insert(s.id, error);
            }
            m_storage->removeSecrets(orphans);
        }
    }
    QSet<qint64> gone;
    QList<qint64> updated;
    for (const Staged &s : staged) {
        if (const auto it = failed.find(s.id); it != failed.end()) {
            *it = QStringLiteral("could not save: %1").arg(*it);
            if (s.before) {
                *find(s.id) = *s.before;
                m_accounts.credentialChanged(s.id);
            } else {
                gone.insert(s.id);
            }
        } else if (s.before) {
            m_accounts.unmark(s.id, Dirty);
            updated.append(s.id);
        }
    }
    if (!gone.isEmpty()) {
        QList<Account> kept;
        kept.reserve(m_accounts.size() - gone.size());
        for (const Account &a : std::as_const(m_accounts)) {
            if (!gone.contains(a.id()))
                kept.append(a);
        }
        m_accounts.replace(std::move(kept));
    }
    for (qint64 id : std::as_const(updated)) {   // a listener may remove accounts: signalled after the loop
        if (find(id))
            Q_EMIT accountChanged(id);
    }
    return failed;
}

ImportReport AccountPool::importAccounts(const QByteArray &json, bool dryRun)
{
    ImportDetection detection = ImportDetector::detect(json);
    ImportReport &report = detection.report;
    report.dryRun = dryRun;
    if (!report.error.isEmpty())
        return report;
    ensureLoaded();   // duplicates are found among every account

    QHash<QString, int> seen;   // identity hash → first entry index in this input
    QList<Staged> staged;                          // each account once
    QList<std::pair<qsizetype, Staged>> results;   // entry → what it did
    QSet<qint64> stagedIds;
    if (!dryRun && m_storage)
        m_storage->beginBatch();   // the new rows, their secrets, the updated rows: one commit (commit() ends it)
    for (qsizetype i = 0; i < report.entries.size(); ++i) {
        ImportEntryResult &entry = report.entries[i];
        const std::optional<Credential> &credential = detection.credentials.at(i);
        if (!credential)
            continue;
        const QString hash = identity(*credential);
        if (const auto first = seen.constFind(hash); first != seen.cend()) {
            entry.status = QStringLiteral("rejected");
            entry.reason = QStringLiteral("same account as entry %1 of this input").arg(*first);
            continue;
        }
        seen.insert(hash, entry.index);
        if (dryRun) {
            if (const auto match = m_accounts.findByIdentity(hash)) {
                entry.status = QStringLiteral("duplicate");
                entry.accountId = *match;
                entry.reason = QStringLiteral("already in the pool as '%1'; importing updates it").arg(find(*match)->name);
            }
            continue;
        }
        auto one = stage(*credential, entry.name);
        if (const QString *error = std::get_if<QString>(&one)) {
            entry.status = QStringLiteral("rejected");
            entry.reason = *error;
            continue;
        }
        const Staged s = std::get<Staged>(std::move(one));
        results.append({i, s});
        if (!stagedIds.contains(s.id)) {
            stagedIds.insert(s.id);
            staged.append(s);
        }
    }
    // One write of the secrets for the whole input: an import of n accounts is O(n), not O(n²).
    const QHash<qint64, QString> failed = dryRun ? QHash<qint64, QString>() : commit(staged);
    for (const auto &[i, s] : std::as_const(results)) {
        ImportEntryResult &entry = report.entries[i];
        if (const QString error = failed.value(s.id); !error.isEmpty()) {
            entry.status = QStringLiteral("rejected");
            entry.reason = error;
            continue;
        }
        entry.accountId = s.id;
        entry.status = s.before ? QStringLiteral("updated") : QStringLiteral("added");
        if (s.before)
            entry.name = find(s.id)->name;
    }
    const bool anyChange = staged.size() > failed.size();
    if (!dryRun) {
        qCInfo(lcAccounts).noquote() << QStringLiteral("import (%1): %2 added, %3 updated, %4 rejected")
                                            .arg(report.format).arg(report.count(QStringLiteral("added")))
                                            .arg(report.count(QStringLiteral("updated"))).arg(report.count(QStringLiteral("rejected")));
    }
    if (anyChange) {
        listChanged();
        Q_EMIT accountsChanged();
    }
    return report;
}

std::variant<qint64, QString> AccountPool::addAccount(const Credential &credential, const QString &name, bool strict)
{
    if (const QString problem = strict ? ImportDetector::checkImportable(credential) : QString(); !problem.isEmpty())
        return problem;
    ensureLoaded();
    bool updated = false;
    const auto stored = store(credential, name, &updated);
    if (std::holds_alternative<qint64>(stored)) {
        listChanged();
        Q_EMIT accountsChanged();
    }
    return stored;
}

std::variant<qint64, QString> AccountPool::addSignedIn(const Credential &credential, std::optional<qint64> replaceId, bool *created)
{
    *created = false;
    ensureLoaded();
    if (replaceId && !find(*replaceId))
        return QStringLiteral("account %1 no longer exists").arg(*replaceId);
    std::optional<qint64> target = replaceId;
    if (!target)
        target = findDuplicate(credential);
    if (!target && !credential.email.isEmpty()) {
        for (const Account &a : std::as_const(m_accounts)) {
            if (a.credential.authMethod == credential.authMethod && a.credential.email.compare(credential.email, Qt::CaseInsensitive) == 0)
                target = a.id();
        }
    }
    bool updated = false;
    const auto stored = store(credential, QString(), &updated, target);
    if (const qint64 *id = std::get_if<qint64>(&stored)) {
        *created = !updated;
        qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 (%2) %3 by a sign-in")
                                            .arg(*id).arg(find(*id)->name, updated ? QStringLiteral("updated") : QStringLiteral("added"));
        listChanged();
        Q_EMIT accountsChanged();
    }
    return stored;
}

bool AccountPool::removeAccount(qint64 id)
{
    ensureLoaded();
    const Account *a = find(id);
    if (!a)
        return false;
    QString error;
    if (m_storage && !m_storage->remove(id, &error)) {
        qCWarning(lcAccounts).noquote() << QStringLiteral("cannot remove account %1: %2").arg(id).arg(error);
        return false;
    }
    qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 (%2) removed").arg(id).arg(a->name);
    m_accounts.remove(id);
    m_load.forget(id);
    m_writeBack.forget(id);
    listChanged();
    Q_EMIT accountsChanged();
    return true;
}

bool AccountPool::setEnabled(qint64 id, bool enabled)
{
    ensureLoaded();
    Account *a = find(id);
    if (!a)
        return false;
    if (enabled) {
        // The user's "use it" also overrides an automatic verdict: invalid, or a running cooldown.
        if (a->state != AccountState::Active) {
            a->state = AccountState::Active;
            a->cooldownUntil = {};
            a->stateReason.clear();
            a->consecutiveErrors = 0;
        }
        a->credential.disabled = false;
    } else {
        a->state = AccountState::Disabled;
        a->cooldownUntil = {};
        a->stateReason.clear();
        a->credential.disabled = true;
    }
    qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 %2 by the user").arg(a->name, enabled ? QStringLiteral("enabled")
                                                                                                        : QStringLiteral("disabled"));
    changed(*a, true, false);
    return true;
}

QString AccountPool::changeAccount(qint64 id, const AccountChanges &changes)
{
    ensureLoaded();
    Account *a = find(id);
    if (!a)
        return QStringLiteral("no account with id %1").arg(id);
    if (const QString problem = changes.problem(); !problem.isEmpty())
        return problem;
    if (changes.name)
        a->name = changes.name->trimmed();
    if (changes.priority)
        a->credential.priority = *changes.priority;
    if (changes.overageEnabled) {
        a->overageEnabled = *changes.overageEnabled;
        m_policy.applyQuota(*a, Clock::current().now());
    }
    changed(*a, true, false);
    return {};
}

} // namespace kt
