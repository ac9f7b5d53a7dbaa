#pragma once
// Searches every file under a folder for known secrets, in clear and in the encodings a careless
// store would use (base64, base64url, hex, UTF-16); the owner-only secret files are allowed them.
#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace kt::test {

struct SecretFinding {
    QString path;
    QString secret;   // the literal, or the pattern, that matched
    QString form;     // clear, base64, base64url, hex, utf-16le, utf-16be
};

struct SecretScanReport {
    int files = 0;
    qint64 bytes = 0;
    QStringList dataDirs;       // folders holding a proxy database
    QStringList sqliteFiles;    // databases and their -wal/-shm/-journal companions
    QStringList secretFiles;    // allowed secret files seen (all must be mode 0600)
    int secretFilesWithSecrets = 0;
    QList<SecretFinding> findings;
    QStringList modeViolations;
};

class SecretScanner
{
public:
    SecretScanner(const QList<QByteArray> &literals, const QList<QRegularExpression> &patterns);

    SecretScanReport scan(const QString &root) const;
    // File names that may hold secrets if the file is owner-only: the file secret store and a
    // kiro-rs credentials.json (user input, refreshed tokens are written back to it by design).
    static QStringList allowedSecretFiles();

private:
    struct Needle { QByteArray bytes; QString secret; QString form; };
    QList<Needle> m_needles;
    QList<QRegularExpression> m_patterns;

    void scanBytes(const QString &path, const QByteArray &data, QList<SecretFinding> &out) const;
};

} // namespace kt::test
