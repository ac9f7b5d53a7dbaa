#include "secretscanner.h"

#include "secrets/filesecretstore.h"
#include "storage/database.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <sys/stat.h>

namespace kt::test {

namespace {

// The base64 characters that depend only on the secret, for each of the three alignments it can
// have inside a longer encoded value.
QList<QByteArray> base64Cores(const QByteArray &secret, QByteArray::Base64Options options)
{
    QList<QByteArray> cores;
    for (int shift = 0; shift < 3; ++shift) {
        const QByteArray encoded = (QByteArray(shift, '\0') + secret).toBase64(options | QByteArray::OmitTrailingEquals);
        const qsizetype whole = (shift + secret.size()) / 3 * 4;   // groups made only of known bytes
        const qsizetype start = shift ? 4 : 0;
        if (whole - start >= 8)
            cores << encoded.mid(start, whole - start);
    }
    return cores;
}

QByteArray utf16(const QByteArray &latin1, bool bigEndian)
{
    QByteArray out;
    for (char c : latin1) {
        if (bigEndian)
            out += '\0';
        out += c;
        if (!bigEndian)
            out += '\0';
    }
    return out;
}

bool isSqlite(const QString &path)
{
    for (const char *suffix : {".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".db", ".db-wal", ".db-shm"})
        if (path.endsWith(QLatin1String(suffix)))
            return true;
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace

QStringList SecretScanner::allowedSecretFiles()
{
    return {QFileInfo(FileSecretStore::filePath(QStringLiteral("."))).fileName(), QStringLiteral("credentials.json")};
}

SecretScanner::SecretScanner(const QList<QByteArray> &literals, const QList<QRegularExpression> &patterns)
    : m_patterns(patterns)
{
    for (const QByteArray &s : literals) {
        const QString name = QString::fromLatin1(s);
        m_needles.append({s, name, QStringLiteral("clear")});
        QSet<QByteArray> seen{s};
        for (const QByteArray &core : base64Cores(s, QByteArray::Base64Encoding))
            if (!seen.contains(core)) { seen.insert(core); m_needles.append({core, name, QStringLiteral("base64")}); }
        for (const QByteArray &core : base64Cores(s, QByteArray::Base64UrlEncoding))
            if (!seen.contains(core)) { seen.insert(core); m_needles.append({core, name, QStringLiteral("base64url")}); }
        m_needles.append({s.toHex(), name, QStringLiteral("hex")});
        m_needles.append({utf16(s, false), name, QStringLiteral("utf-16le")});
        m_needles.append({utf16(s, true), name, QStringLiteral("utf-16be")});
    }
}

void SecretScanner::scanBytes(const QString &path, const QByteArray &data, QList<SecretFinding> &out) const
{
    for (const Needle &n : m_needles) {
        if (data.contains(n.bytes))
            out.append({path, n.secret, n.form});
    }
    const QString text = QString::fromLatin1(data);
    for (const QRegularExpression &p : m_patterns) {
        const QRegularExpressionMatch m = p.match(text);
        if (m.hasMatch())
            out.append({path, p.pattern() + QStringLiteral(" (") + m.captured(0).left(80) + QLatin1Char(')'), QStringLiteral("clear")});
    }
}

SecretScanReport SecretScanner::scan(const QString &root) const
{
    SecretScanReport report;
    const QString databaseName = QFileInfo(Database::defaultPath(QStringLiteral("."))).fileName();
    const QStringList allowed = allowedSecretFiles();
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        if (info.isSymLink())
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report.findings.append({path, QStringLiteral("(unreadable: %1)").arg(file.errorString()), QString()});
            continue;
        }
        const QByteArray data = file.readAll();
        ++report.files;
        report.bytes += data.size();
        if (info.fileName() == databaseName)
            report.dataDirs << info.absolutePath();
        if (isSqlite(path))
            report.sqliteFiles << path;
        QList<SecretFinding> found;
        scanBytes(path, data, found);
        if (allowed.contains(info.fileName())) {
            report.secretFiles << path;
            struct stat st {};
            if (::stat(QFile::encodeName(path).constData(), &st) != 0 || (st.st_mode & 0777) != 0600)
                report.modeViolations << QStringLiteral("%1 (mode %2)").arg(path).arg(st.st_mode & 0777, 3, 8, QLatin1Char('0'));
            if (!found.isEmpty())
                ++report.secretFilesWithSecrets;
            continue;
        }
        report.findings += found;
    }
    return report;
}

} // namespace kt::test
