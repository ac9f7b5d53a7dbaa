#pragma once
// Keeps secret-bearing files and the folders KiroTray creates for them to their owner.
//   posix():    mkdir, then chmod 0700; a file is private when it grants nothing to group or others.
//   portable(): Qt's permission API only. QDir::mkdir(path, owner-only) creates the folder 0700, or
//               on Windows with an ACL Qt emulates from those bits. Windows has no mode bits: Qt
//               reports every file as readable by all unless its NTFS lookup is switched on (costly,
//               and not thread-safe in Qt 6.4), so isPrivate() trusts the folder: the data folder
//               lives in the user's profile (%APPDATA%), which other users cannot read by default.
// native() is posix() on Unix and portable() elsewhere and in KIROTRAY_PORTABLE_PATHS builds.
#include <QFileDevice>
#include <QString>

namespace kt {

class FilePrivacy
{
public:
    virtual ~FilePrivacy() = default;

    // Creates one directory, owner-only. An existing directory is left as it is. Error or empty.
    virtual QString makePrivateDir(const QString &path) const = 0;
    // False when the file is known to be readable or writable by other users.
    virtual bool isPrivate(const QString &path) const = 0;

    // Owner read/write (0600; on Windows it only clears the read-only flag).
    static bool restrict(QFileDevice &file);
    static bool restrict(const QString &path);

    static const FilePrivacy &native();
    static const FilePrivacy &posix();
    static const FilePrivacy &portable();
};

} // namespace kt
