#pragma once
// Saves the Settings tab's changes into config.json: merges them into what the file already holds
// (unknown keys survive), validates the result with the real loader, then replaces the file atomically.
#include <QJsonObject>
#include <QString>

namespace kt {

class ConfigFileWriter
{
public:
    // `changes`: keys to set; a null value removes the key (back to the default).
    // Returns an error (nothing written) or empty. The file is written mode 0600 (it may hold keys).
    static QString merge(const QString &path, const QJsonObject &changes);
    // The file's current object ({} when missing); error set when it exists but is unreadable or not an object.
    static QJsonObject read(const QString &path, QString *error);
};

} // namespace kt
