#pragma once
// Gives the proxy an API key when none is configured: generates one once and keeps it in the
// secret store under "api-key" (a legacy <dataDir>/api-key file is moved into the store once).
#include "config/config.h"

namespace kt {

class SecretStore;

class ApiKeyStore
{
public:
    struct Result {
        QString key;
        bool generated = false;
        QString error;
    };
    // If config.apiKey is empty: read "api-key" from `secrets`, else move a legacy <dataDir>/api-key file
    // into it (and delete the file), else generate one and store it; sets config.apiKey on success.
    // With no store (null) the key is kept in <dataDir>/api-key (mode 0600) as before.
    static Result resolve(Config &config, SecretStore *secrets);
    static constexpr const char *kSecretKey = "api-key";
    // "kt-" + 48 URL-safe base64 characters (288 bits from the system CSPRNG).
    static QString generate();
    static QString keyFilePath(const Config &config);
};

} // namespace kt
