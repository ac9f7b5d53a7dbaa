#pragma once
// Numbered accounts for the pool, import and management suites, and account JSON as users paste
// or import it. Every refresh token carries "refresh" and ends in 0123456789, as the final secret
// scan expects of test secrets (testsecrets.h).
#include "accounts/credential.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kt::test {

// Account n: id n, a social login with a refresh token naming n (prefix + n), user<n>@example.com.
Credential numberedCredential(int n, const QString &prefix = QStringLiteral("aorAAAAAGtest-refresh-token-"));
// Accounts from..to, both included.
QList<Credential> numberedCredentials(int from, int to);
// The credentials as a JSON array, the shape an import or credentials.json takes.
QByteArray credentialsJson(const QList<Credential> &credentials);
// A social account's JSON with this refresh token, and any further fields.
QJsonObject socialAccount(const QString &refreshToken, const QJsonObject &extra = {});

} // namespace kt::test
