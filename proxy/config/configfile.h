#pragma once
// config.json as a file: its object as it is, and settings changes merged into it (unknown keys
// survive, a null value removes its key) only when the loader accepts the result; the file is then
// replaced atomically and owner-only (it may hold keys).
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

class ConfigFile
{
public:
    // Refused: the values, or the file they would be merged into, would not load (nothing written);
    // Failed: they are valid but the file could not be read or written (the old file is untouched).
    enum class Outcome { Saved, Refused, Failed };
    struct Result {
        Outcome outcome = Outcome::Saved;
        QString error;   // why, naming the file or the field; empty when saved
    };

    // {} when missing or empty; error set when it exists but is unreadable or not a JSON object.
    static QJsonObject read(const QString &path, QString *error);
    // The object in config.json's text ({} when blank); error set, naming path, when it is not one.
    static QJsonObject parse(const QByteArray &bytes, const QString &path, QString *error);
    static Result merge(const QString &path, const QJsonObject &changes);
};

} // namespace kt
