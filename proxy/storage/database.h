#pragma once
// The SQLite database in the data directory (Qt Sql, one named connection used from one thread):
// WAL journal, synchronous=NORMAL (a commit survives a crash of the process; a power cut may lose
// the last commits, never the file), foreign keys, and the schema brought up to date by numbered migrations.
#include <QSqlDatabase>
#include <QString>

namespace kt {

class Database
{
public:
    static constexpr int kSchemaVersion = 7;

    explicit Database(const QString &filePath, const QString &connectionName = QStringLiteral("kirotray"));
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // <dataDir>/kirotray.sqlite
    static QString defaultPath(const QString &dataDir);

    // Creates or opens the file (0600), sets the pragmas and migrates; the error names the step that failed.
    bool open(QString *error);
    bool isOpen() const;
    int schemaVersion() const;   // PRAGMA user_version; -1 when not open
    QString filePath() const { return m_filePath; }
    QString connectionName() const { return m_connectionName; }
    QSqlDatabase db() const;
    bool integrityCheck(QString *error);   // PRAGMA integrity_check == "ok"

private:
    bool migrate(QString *error);
    bool exec(const QString &sql, QString *error);

    QString m_filePath;
    QString m_connectionName;
    bool m_open = false;
};

} // namespace kt
