#include "util/atomicfile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace kt {

namespace {

constexpr QFileDevice::Permissions kOwnerReadWrite =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
constexpr QFileDevice::Permissions kOwnerOnlyDir = kOwnerReadWrite | QFileDevice::ExeOwner | QFileDevice::ExeUser;
constexpr QFileDevice::Permissions kGroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

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
        if (!QDir().mkdir(path) && !QFileInfo(path).isDir())
            return QStringLiteral("cannot create directory %1").arg(path);
        if (!QFile::setPermissions(path, kOwnerOnlyDir))
            return QStringLiteral("cannot restrict permissions of directory %1").arg(path);
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
    if (!file.setPermissions(kOwnerReadWrite)) {
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
    return (QFileInfo(path).permissions() & kGroupOrOther) == 0;
}

} // namespace kt
