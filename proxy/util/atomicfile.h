#pragma once
// Writes secret-bearing files (credentials, API key) so that they are never partial and never
// readable by other users: QSaveFile + mode 0600, parent directories created 0700 (FilePrivacy:
// on Windows an owner-only ACL on the directories).
#include <QByteArray>
#include <QString>

namespace kt {

class AtomicFile
{
public:
    // Replaces `path` with `data` atomically, mode 0600 even if the old file was wider.
    // Returns an error message naming the path, or empty on success.
    static QString writePrivate(const QString &path, const QByteArray &data);
    // Creates `dir` (and missing parents) if it does not exist; directories it creates get 0700.
    // An existing directory is left as it is. Returns an error message or empty.
    static QString ensurePrivateDir(const QString &dir);
    // True unless the file is known to grant permissions to group or others (FilePrivacy::isPrivate).
    static bool isPrivate(const QString &path);
};

} // namespace kt
