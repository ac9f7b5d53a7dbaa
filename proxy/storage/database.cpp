#include "storage/database.h"

#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <iterator>

namespace kt {

namespace {

// Migration n brings the schema from version n-1 to n. Never edit a released step: add one.
// Times are milliseconds since the epoch (UTC), NULL when unknown. No secret has a column.
const QStringList kMigration1 = {
    QStringLiteral("CREATE TABLE accounts ("
                   " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " name TEXT NOT NULL DEFAULT '',"
                   " auth_method TEXT NOT NULL DEFAULT 'social',"
                   " region TEXT, auth_region TEXT, api_region TEXT, profile_arn TEXT, client_id TEXT,"
                   " priority INTEGER NOT NULL DEFAULT 0,"
                   " state TEXT NOT NULL DEFAULT 'active', cooldown_until INTEGER, state_reason TEXT,"
                   " error_count INTEGER NOT NULL DEFAULT 0, request_count INTEGER NOT NULL DEFAULT 0,"
                   " last_used INTEGER, last_error TEXT, token_expires_at INTEGER,"
                   " machine_id TEXT, email TEXT, subscription_title TEXT, provider TEXT, proxy_url TEXT,"
                   " refresh_token_hash TEXT, created_at INTEGER)"),
    QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE request_log ("
                   " id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, method TEXT, path TEXT,"
                   " account_id INTEGER, account_name TEXT, model TEXT, stream INTEGER NOT NULL DEFAULT 0,"
                   " status INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
                   " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
                   " ttfb_ms INTEGER NOT NULL DEFAULT -1, error TEXT)"),
};

// Version 2: pool state (consecutive errors, overage, quota cache, user disabling, unknown credential
// keys), upstream attempts per request, and statistics that outlive the pruned request log,
// seeded from whatever log rows a version 1 database holds.
const QStringList kMigration2 = {
    QStringLiteral("ALTER TABLE accounts ADD COLUMN consecutive_errors INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE accounts ADD COLUMN overage_enabled INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE accounts ADD COLUMN quota_json TEXT"),
    QStringLiteral("ALTER TABLE accounts ADD COLUMN extra_json TEXT"),
    QStringLiteral("CREATE INDEX accounts_refresh_token_hash ON accounts(refresh_token_hash)"),
    QStringLiteral("ALTER TABLE request_log ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("CREATE INDEX request_log_account ON request_log(account_id)"),
    QStringLiteral("CREATE INDEX request_log_model ON request_log(model)"),
    QStringLiteral("CREATE INDEX request_log_status ON request_log(status)"),
    QStringLiteral("CREATE TABLE request_stats ("
                   " hour INTEGER NOT NULL, account_id INTEGER NOT NULL, model TEXT NOT NULL,"
                   " account_name TEXT NOT NULL DEFAULT '',"
                   " requests INTEGER NOT NULL DEFAULT 0, success INTEGER NOT NULL DEFAULT 0,"
                   " errors INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
                   " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
                   " PRIMARY KEY (hour, account_id, model))"),
    QStringLiteral("INSERT INTO request_stats (hour, account_id, model, account_name, requests, success, errors,"
                   " input_tokens, output_tokens, duration_ms)"
                   " SELECT (time / 3600000) * 3600000, COALESCE(account_id, 0), COALESCE(model, ''),"
                   " COALESCE(MAX(account_name), ''), COUNT(*),"
                   " SUM(status >= 200 AND status < 400), SUM(status < 200 OR status >= 400),"
                   " SUM(input_tokens), SUM(output_tokens), SUM(duration_ms)"
                   " FROM request_log GROUP BY 1, 2, 3"),
};

// Version 3: the API face each request came through (Anthropic Messages, OpenAI Chat or Responses).
const QStringList kMigration3 = {
    QStringLiteral("ALTER TABLE request_log ADD COLUMN face TEXT NOT NULL DEFAULT 'anthropic'"),
};

// Version 4: web searches run per request (the web search server tool).
const QStringList kMigration4 = {
    QStringLiteral("ALTER TABLE request_log ADD COLUMN web_searches INTEGER NOT NULL DEFAULT 0"),
};

// Version 5: each account's model catalogue (ListAvailableModels) and the model that served each request.
const QStringList kMigration5 = {
    QStringLiteral("ALTER TABLE accounts ADD COLUMN models_json TEXT"),
    QStringLiteral("ALTER TABLE request_log ADD COLUMN served_model TEXT"),
};

// Version 6: the credits Kiro metered per request (meteringEvent), and statistics kept per served model
// too (their key grows, so the table is rebuilt; older rows keep an empty served model).
const QStringList kMigration6 = {
    QStringLiteral("ALTER TABLE request_log ADD COLUMN credits REAL NOT NULL DEFAULT 0"),
    QStringLiteral("CREATE TABLE request_stats_v6 ("
                   " hour INTEGER NOT NULL, account_id INTEGER NOT NULL, model TEXT NOT NULL,"
                   " served_model TEXT NOT NULL DEFAULT '', account_name TEXT NOT NULL DEFAULT '',"
                   " requests INTEGER NOT NULL DEFAULT 0, success INTEGER NOT NULL DEFAULT 0,"
                   " errors INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
                   " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
                   " credits REAL NOT NULL DEFAULT 0,"
                   " PRIMARY KEY (hour, account_id, model, served_model))"),
    QStringLiteral("INSERT INTO request_stats_v6 (hour, account_id, model, account_name, requests, success, errors,"
                   " input_tokens, output_tokens, duration_ms)"
                   " SELECT hour, account_id, model, account_name, requests, success, errors,"
                   " input_tokens, output_tokens, duration_ms FROM request_stats"),
    QStringLiteral("DROP TABLE request_stats"),
    QStringLiteral("ALTER TABLE request_stats_v6 RENAME TO request_stats"),
};

// Version 7: the conversation each request belonged to (conversation affinity).
const QStringList kMigration7 = {
    QStringLiteral("ALTER TABLE request_log ADD COLUMN conversation TEXT"),
};

} // namespace

Database::Database(const QString &filePath, const QString &connectionName)
    : m_filePath(filePath), m_connectionName(connectionName)
{
}

Database::~Database()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::defaultPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("kirotray.sqlite"));
}

bool Database::open(QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(m_filePath, message);
        m_open = false;
        return false;
    };
    if (m_open)
        return true;
    // SQLite gives the -wal and -shm files the database file's mode, so creating it 0600 covers all three.
    if (!QFileInfo::exists(m_filePath)) {
        QFile file(m_filePath);
        if (!file.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot create: %1").arg(file.errorString()));
        file.close();
    }
    FilePrivacy::restrict(m_filePath);

    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
        ? QSqlDatabase::database(m_connectionName, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!db.isValid())
        return fail(QStringLiteral("the Qt SQLite driver is not available"));
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return fail(QStringLiteral("cannot open: %1").arg(db.lastError().text()));

    {
        // Scoped: a statement still open would make the migration's COMMIT fail.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()
            || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return fail(QStringLiteral("cannot switch to WAL journal mode: %1").arg(q.lastError().text()));
    }
    QString stepError;
    // NORMAL in WAL mode survives a killed process (only a power cut can lose the last commits) and
    // spares the proxy thread an fsync per logged request (bench measured 0.8-49 ms each).
    for (const char *pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (!exec(QLatin1String(pragma), &stepError))
            return fail(stepError);
    }
    m_open = true;
    if (!migrate(&stepError))
        return fail(stepError);
    return true;
}

bool Database::isOpen() const
{
    return m_open;
}

QSqlDatabase Database::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    if (!m_open)
        return -1;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Database::exec(const QString &sql, QString *error)
{
    QSqlQuery q(db());
    if (q.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1 failed: %2").arg(sql.left(60), q.lastError().text());
    return false;
}

bool Database::migrate(QString *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        if (error)
            *error = QStringLiteral("cannot read the schema version");
        return false;
    }
    if (current > kSchemaVersion) {
        if (error)
            *error = QStringLiteral("schema version %1 is newer than this KiroTray understands (%2)")
                         .arg(current).arg(kSchemaVersion);
        return false;
    }
    const QStringList *steps[] = {&kMigration1, &kMigration2, &kMigration3, &kMigration4, &kMigration5, &kMigration6, &kMigration7};
    static_assert(std::size(steps) == Database::kSchemaVersion);
    QSqlDatabase connection = db();
    for (int version = current + 1; version <= kSchemaVersion; ++version) {
        // Each step and its version number commit together: a crash leaves the previous version whole.
        if (!connection.transaction()) {
            if (error)
                *error = QStringLiteral("migration to version %1: %2").arg(version).arg(connection.lastError().text());
            return false;
        }
        QString stepError;
        bool ok = true;
        for (const QString &sql : *steps[version - 1]) {
            if (!exec(sql, &stepError)) {
                ok = false;
                break;
            }
        }
        if (ok)
            ok = exec(QStringLiteral("PRAGMA user_version=%1").arg(version), &stepError);
        if (ok && !connection.commit()) {
            stepError = connection.lastError().text();
            ok = false;
        }
        if (!ok) {
            connection.rollback();
            if (error)
                *error = QStringLiteral("migration to version %1: %2").arg(version).arg(stepError);
            return false;
        }
    }
    return true;
}

bool Database::integrityCheck(QString *error)
{
    if (!m_open) {
        if (error)
            *error = QStringLiteral("database not open");
        return false;
    }
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems == QStringList{QStringLiteral("ok")})
        return true;
    if (error)
        *error = problems.isEmpty() ? QStringLiteral("integrity_check returned nothing") : problems.join(QLatin1String("; "));
    return false;
}

} // namespace kt
