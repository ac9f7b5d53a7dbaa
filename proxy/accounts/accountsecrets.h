#pragma once
// The secret half of an account as kept in the SecretStore under "account/<id>": a JSON object
// {"refreshToken","accessToken","expiresAt","clientSecret","kiroApiKey","proxyUrl"}.
#include "accounts/credential.h"

#include <QByteArray>
#include <QString>

namespace kt {

class AccountSecrets
{
public:
    static QString key(qint64 accountId);                  // "account/<id>"
    static QByteArray encode(const Credential &credential);
    // Fills the secret fields of `credential` from `value`; false + error when it is not such an object.
    static bool apply(const QByteArray &value, Credential &credential, QString *error);
    // Clears the secret fields (what AccountRepository stores); proxyUrl keeps everything but its password.
    static void strip(Credential &credential);
    static bool hasSecrets(const Credential &credential);  // any token, client secret or API key set
};

} // namespace kt
