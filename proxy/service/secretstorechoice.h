#pragma once
// Picks the secret store at start-up ("auto": the keychain when one answers, else the file) and
// moves the secrets over when the backend differs from the one the data directory used last time.
#include "secrets/secretstore.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace kt {

struct SecretStoreChoice {
    std::unique_ptr<SecretStore> store;   // null only when mode is "keychain" and none answers, or mode is unknown
    QString notice;                       // the one log line saying which backend and why (no secret in it)
    QString error;                        // set when store is null
};

// mode: "auto" | "keychain" | "file". Logs the notice (category kirotray.secrets) once per process:
// choosing again with the same outcome logs nothing. Does not migrate. Does not probe the keychain
// where SessionBusProbe::unreachableHere() says no D-Bus session bus can be reached.
SecretStoreChoice chooseSecretStore(const QString &mode, const QString &dataDir, int probeTimeoutMs = 3000);

// Copies every key in `keys` present in `from` into `to` (read back to verify), then removes them from
// `from`; on any failure nothing has been removed from `from`. Missing keys are skipped.
bool migrateSecrets(SecretStore &from, SecretStore &to, const QStringList &keys, QString *error);

// Start-up step after chooseSecretStore and before anything reads a secret: if the data directory's
// secrets were kept by the other backend last time (<dataDir>/secret-store names it), moves "api-key"
// and every "account/<id>" (ids from the database in dataDir, plus whatever secrets.json holds)
// into `current`, then records current's backend. Returns false + error when the move failed (the
// previous backend is still recorded, so the next start retries).
bool adoptSecretStore(SecretStore &current, const QString &dataDir, QString *error);

} // namespace kt
