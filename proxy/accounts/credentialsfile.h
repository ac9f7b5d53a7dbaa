#pragma once
// Reads and writes the proxy's credentials.json (kiro-rs format: one object or an array of
// accounts) and builds a single account from REFRESH_TOKEN & co. in the environment.
#include "accounts/credential.h"

#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

namespace kt {

class CredentialsFile
{
public:
    struct LoadResult {
        QList<Credential> credentials;
        bool wasArray = false;
        QString error;  // "<file>: entry N: field 'x' ..." (array) or "<file>: field 'x' ..." (single object)
        QStringList warnings;
    };
    // A missing file is an empty pool (wasArray = true, so accounts added later are saved as an array).
    static LoadResult load(const QString &path);
    // Single object or array; any invalid entry fails the whole file. Arrays are stably sorted by
    // priority; ids must be unique, missing ones get the smallest unused ids (1..n when none are given).
    static LoadResult parse(const QByteArray &json, const QString &nameForMessages);
    // REFRESH_TOKEN (required), AUTH_METHOD, CLIENT_ID, CLIENT_SECRET, REGION. nullopt when REFRESH_TOKEN
    // is unset or when the values are invalid (then *error says why).
    static std::optional<Credential> fromEnvironment(const QProcessEnvironment &env, QString *error = nullptr);
    // Writes the kiro-rs shape (extra keys preserved) atomically with mode 0600. asArray = false needs
    // exactly one credential. Returns an error message or empty.
    static QString save(const QString &path, const QList<Credential> &creds, bool asArray);
};

} // namespace kt
