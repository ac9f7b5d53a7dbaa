#pragma once
// Gives the proxy an API key when none is configured: generates one once and keeps it in
// <dataDir>/api-key (mode 0600) until the keychain-backed secret store replaces this.
#include "config/config.h"

namespace kt {

class ApiKeyStore
{
public:
    struct Result {
        QString key;
        bool generated = false;
        QString error;
    };
    // If config.apiKey is empty: read <dataDir>/api-key, else generate and persist it atomically (0600);
    // sets config.apiKey on success.
    static Result resolve(Config &config);
    // "kt-" + 48 URL-safe base64 characters (288 bits from the system CSPRNG).
    static QString generate();
    static QString keyFilePath(const Config &config);
};

} // namespace kt
