#pragma once
// Recognises every supported account JSON (Kiro IDE export, kiro-rs credentials.json, the seed's
// data/accounts.json, the Kiro IDE token cache) and parses each entry on its own. Pure: no I/O.
#include "accounts/credential.h"
#include "accounts/importreport.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace kt {

struct ImportDetection {
    ImportReport report;                          // entries are "new" or "rejected"
    QList<std::optional<Credential>> credentials; // one per report entry; set when the entry parsed
};

class ImportDetector
{
public:
    static constexpr int MaxEntries = 10000;

    static ImportDetection detect(const QByteArray &json);
    // The display name of an imported account: its email, else "<provider or method> account <hash>".
    static QString deriveName(const Credential &credential);
    static QString formatOf(const QJsonObject &entry);
    // Why a parsed credential cannot be kept (no refresh token, a truncated one, IdC without its
    // client), or empty. companionHash names the Kiro IDE cache's companion file in the message.
    static QString checkImportable(const Credential &credential, const QString &companionHash = {});
};

} // namespace kt
