#include "storage/accountrepository.h"

#include "accounts/accountsecrets.h"
#include "storage/database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>
#include <QVariant>

namespace kt {

namespace {

// Column order shared by insert and update (id is bound apart).
const QStringList kColumns = {
    QStringLiteral("name"), QStringLiteral("auth_method"), QStringLiteral("region"), QStringLiteral("auth_region"),
    QStringLiteral("api_region"), QStringLiteral("profile_arn"), QStringLiteral("client_id"), QStringLiteral("priority"),
    QStringLiteral("state"), QStringLiteral("cooldown_until"), QStringLiteral("state_reason"),
    QStringLiteral("error_count"), QStringLiteral("consecutive_errors"), QStringLiteral("request_count"),
    QStringLiteral("last_used"), QStringLiteral("last_error"), QStringLiteral("token_expires_at"),
    QStringLiteral("machine_id"), QStringLiteral("email"), QStringLiteral("subscription_title"),
    QStringLiteral("provider"), QStringLiteral("proxy_url"), QStringLiteral("refresh_token_hash"),
    QStringLiteral("created_at"), QStringLiteral("overage_enabled"), QStringLiteral("disabled"),
    QStringLiteral("quota_json"), QStringLiteral("extra_json"), QStringLiteral("models_json")};

QVariant timeValue(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime timeFrom(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::utc());
}

QVariant textValue(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QString jsonText(const QJsonObject &o)
{
    return o.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject jsonFrom(const QVariant &v)
{
    const QString text = v.toString();
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toUtf8()).object();
}

// A quota never read is stored as NULL (it reads back as QuotaInfo()): nothing to parse at start-up.
QString quotaText(const QuotaInfo &quota)
{
    static const QString unread = jsonText(QuotaInfo().toJson());
    const QString text = jsonText(quota.toJson());
    return text == unread ? QString() : text;
}

// Values in kColumns order; the secrets are stripped first so no token can reach a column.
QVariantList rowValues(const Account &account)
{
    Credential c = account.credential;
    AccountSecrets::strip(c);
    return {textValue(account.name), authMethodName(c.authMethod), textValue(c.region), textValue(c.authRegion),
            textValue(c.apiRegion), textValue(c.profileArn), textValue(c.clientId), c.priority,
            accountStateName(account.state), timeValue(account.cooldownUntil), textValue(account.stateReason),
            account.errorCount, account.consecutiveErrors, account.requestCount, timeValue(account.lastUsed),
            textValue(account.lastError), timeValue(c.expiresAt), textValue(c.machineId), textValue(c.email),
            textValue(c.subscriptionTitle), textValue(c.provider), textValue(c.proxyUrl),
            textValue(account.refreshTokenHash), timeValue(account.createdAt), int(account.overageEnabled),
            int(c.disabled), quotaText(account.quota),
            jsonText(c.extra), account.models.known() || !account.models.error.isEmpty() ? jsonText(account.models.toJson()) : QString()};
}

bool fail(QString *error, const QString &what, const QSqlQuery &q)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, q.lastError().text());
    return false;
}

} // namespace

AccountRepository::AccountRepository(Database &db) : m_db(db) {}

qsizetype AccountRepository::count() const
{
    QSqlQuery q(m_db.db());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM accounts")) && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 AccountRepository::lastId() const
{
    QSqlQuery q(m_db.db());
    return q.exec(QStringLiteral("SELECT MAX(id) FROM accounts")) && q.next() ? q.value(0).toLongLong() : 0;
}

QList<Account> AccountRepository::loadPage(qint64 afterId, int limit, QString *error) const
{
    QList<Account> accounts;
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    // Room for every row at once: growing a list of 10,000 accounts step by step took a third of the load.
    accounts.reserve(limit >= 0 ? limit : count());
    q.prepare(QStringLiteral("SELECT id, %1 FROM accounts WHERE id > ? ORDER BY id LIMIT ?").arg(kColumns.join(QLatin1String(", "))));
    q.addBindValue(afterId);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(error, QStringLiteral("loading accounts"), q);
        return accounts;
    }
    while (q.next()) {
        Account a;
        Credential &c = a.credential;
        const auto v = [&q](int column) { return q.value(column + 1); };
        c.id = q.value(0).toLongLong();
        a.name = v(0).toString();
        c.authMethod = parseAuthMethod(v(1).toString()).value_or(AuthMethod::Social);
        c.region = v(2).toString();
        c.authRegion = v(3).toString();
        c.apiRegion = v(4).toString();
        c.profileArn = v(5).toString();
        c.clientId = v(6).toString();
        c.priority = v(7).toInt();
        a.state = parseAccountState(v(8).toString()).value_or(AccountState::Active);
        a.cooldownUntil = timeFrom(v(9));
        a.stateReason = v(10).toString();
        a.errorCount = v(11).toInt();
        a.consecutiveErrors = v(12).toInt();
        a.requestCount = v(13).toLongLong();
        a.lastUsed = timeFrom(v(14));
        a.lastError = v(15).toString();
        c.expiresAt = timeFrom(v(16));
        c.machineId = v(17).toString();
        c.email = v(18).toString();
        c.subscriptionTitle = v(19).toString();
        c.provider = v(20).toString();
        c.proxyUrl = v(21).toString();
        a.refreshTokenHash = v(22).toString();
        a.createdAt = timeFrom(v(23));
        a.overageEnabled = v(24).toInt() != 0;
        c.disabled = v(25).toInt() != 0;
        if (const QJsonObject quota = jsonFrom(v(26)); !quota.isEmpty())
            a.quota = QuotaInfo::fromJson(quota);
        c.extra = jsonFrom(v(27));
        if (const QJsonObject models = jsonFrom(v(28)); !models.isEmpty())
            a.models = ModelCatalogue::fromJson(models);
        accounts.append(std::move(a));
    }
    if (error)
        error->clear();
    return accounts;
}

bool AccountRepository::insert(Account &account, QString *error)
{
    QSqlQuery q(m_db.db());
    const bool explicitId = account.credential.id != 0;
    QStringList columns = kColumns;
    QStringList marks(kColumns.size(), QStringLiteral("?"));
    if (explicitId) {
        columns.prepend(QStringLiteral("id"));
        marks.prepend(QStringLiteral("?"));
    }
    q.prepare(QStringLiteral("INSERT INTO accounts (%1) VALUES (%2)")
                  .arg(columns.join(QLatin1String(", ")), marks.join(QLatin1String(", "))));
    if (explicitId)
        q.addBindValue(account.credential.id);
    for (const QVariant &value : rowValues(account))
        q.addBindValue(value);
    if (!q.exec())
        return fail(error, QStringLiteral("adding account"), q);
    if (!explicitId)
        account.credential.id = q.lastInsertId().toLongLong();
    return true;
}

bool AccountRepository::update(const Account &account, QString *error)
{
    QStringList assignments;
    for (const QString &column : kColumns)
        assignments << column + QStringLiteral(" = ?");
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE accounts SET %1 WHERE id = ?").arg(assignments.join(QLatin1String(", "))));
    for (const QVariant &value : rowValues(account))
        q.addBindValue(value);
    q.addBindValue(account.credential.id);
    if (!q.exec())
        return fail(error, QStringLiteral("updating account %1").arg(account.credential.id), q);
    if (q.numRowsAffected() != 1) {
        if (error)
            *error = QStringLiteral("updating account %1: no such account").arg(account.credential.id);
        return false;
    }
    return true;
}

bool AccountRepository::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("DELETE FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, QStringLiteral("removing account %1").arg(id), q);
    return true;
}

bool AccountRepository::begin()
{
    return m_db.db().transaction();
}

bool AccountRepository::commit(QString *error)
{
    QSqlDatabase db = m_db.db();
    if (db.commit())
        return true;
    if (error)
        *error = QStringLiteral("saving accounts: %1").arg(db.lastError().text());
    db.rollback();
    return false;
}

QString AccountRepository::setting(const QString &key, const QString &fallback) const
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return fallback;
    return q.value(0).toString();
}

bool AccountRepository::setSetting(const QString &key, const QString &value, QString *error)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                             " ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(textValue(value));
    if (!q.exec())
        return fail(error, QStringLiteral("saving setting '%1'").arg(key), q);
    return true;
}

} // namespace kt
