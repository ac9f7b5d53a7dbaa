#include "util/atomicfile.h"

#include "util/fileprivacy.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace kt {

QString AtomicFile::ensurePrivateDir(const QString &dir)
{
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    const QFileInfo info(absolute);
    if (info.exists())
        return info.isDir() ? QString() : QStringLiteral("%1 exists but is not a directory").arg(absolute);

    // One level at a time, so every directory we create gets 0700, not only the last one.
    QStringList missing;
    QString cursor = absolute;
    while (!QFileInfo::exists(cursor)) {
        missing.prepend(cursor);
        const QString parent = QFileInfo(cursor).path();
        if (parent == cursor)
            break;
        cursor = parent;
    }
    for (const QString &path : std::as_const(missing)) {
        if (const QString error = FilePrivacy::native().makePrivateDir(path); !error.isEmpty())
            return error;
    }
    return {};
}

QString AtomicFile::writePrivate(const QString &path, const QByteArray &data)
{
    const QString parentError = ensurePrivateDir(QFileInfo(path).absolutePath());
    if (!parentError.isEmpty())
        return parentError;

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    // Restrict the temporary file before any secret goes into it; rename keeps the mode.
    if (!FilePrivacy::restrict(file)) {
        file.cancelWriting();
        return QStringLiteral("cannot restrict permissions of %1: %2").arg(path, file.errorString());
    }
    if (file.write(data) != data.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return QStringLiteral("cannot write %1: %2").arg(path, reason);
    }
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

bool AtomicFile::isPrivate(const QString &path)
{
    return FilePrivacy::native().isPrivate(path);
}

} // namespace kt
