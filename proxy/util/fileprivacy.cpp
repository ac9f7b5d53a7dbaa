#include "util/fileprivacy.h"

#include "util/platform.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace kt {

namespace {

constexpr QFileDevice::Permissions kOwnerReadWrite =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
constexpr QFileDevice::Permissions kOwnerOnlyDir = kOwnerReadWrite | QFileDevice::ExeOwner | QFileDevice::ExeUser;
constexpr QFileDevice::Permissions kGroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

class PosixFilePrivacy : public FilePrivacy
{
public:
    QString makePrivateDir(const QString &path) const override
    {
        if (!QDir().mkdir(path) && !QFileInfo(path).isDir())
            return QStringLiteral("cannot create directory %1").arg(path);
        if (!QFile::setPermissions(path, kOwnerOnlyDir))
            return QStringLiteral("cannot restrict permissions of directory %1").arg(path);
        return {};
    }

    bool isPrivate(const QString &path) const override
    {
        return (QFileInfo(path).permissions() & kGroupOrOther) == 0;
    }
};

class PortableFilePrivacy : public FilePrivacy
{
public:
    QString makePrivateDir(const QString &path) const override
    {
        // Created private in one step: there is no moment in which another user may open it.
        if (!QDir().mkdir(path, kOwnerOnlyDir) && !QFileInfo(path).isDir())
            return QStringLiteral("cannot create directory %1").arg(path);
        return {};
    }

    bool isPrivate(const QString &) const override { return true; }
};

} // namespace

bool FilePrivacy::restrict(QFileDevice &file)
{
    return file.setPermissions(kOwnerReadWrite);
}

bool FilePrivacy::restrict(const QString &path)
{
    return QFile::setPermissions(path, kOwnerReadWrite);
}

const FilePrivacy &FilePrivacy::posix()
{
    static const PosixFilePrivacy instance;
    return instance;
}

const FilePrivacy &FilePrivacy::portable()
{
    static const PortableFilePrivacy instance;
    return instance;
}

const FilePrivacy &FilePrivacy::native()
{
    return platform::posixNative ? posix() : portable();
}

} // namespace kt
