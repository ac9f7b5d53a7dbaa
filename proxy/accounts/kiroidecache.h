#pragma once
// The Kiro IDE's own login on this computer: ~/.aws/sso/cache/kiro-auth-token.json plus, for
// IdC / Builder ID logins, the <clientIdHash>.json beside it holding the OIDC client id and secret.
#include <QByteArray>
#include <QString>

#include <variant>

namespace kt {

class KiroIdeCache
{
public:
    // $HOME/.aws/sso/cache (HOME from the environment, so tests can point it elsewhere).
    static QString directory();
    static QString tokenFilePath();
    static bool exists();
    // The token file merged with its companion's clientId/clientSecret, as one JSON object ready for
    // import (format "kiro-ide-cache"); or a readable error. Reads files only.
    static std::variant<QByteArray, QString> read();
    static std::variant<QByteArray, QString> read(const QString &directory);
};

} // namespace kt
