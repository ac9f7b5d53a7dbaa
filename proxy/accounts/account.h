#pragma once
// One account of the pool: its credential (secrets included, in memory only), its health state
// and counters, and its cached quota. Storage keeps everything but the secrets in SQLite.
#include "accounts/credential.h"
#include "accounts/quotainfo.h"
#include "models/modelcatalogue.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace kt {

enum class AccountState {
    Active,     // selectable
    Cooldown,   // throttled or out of quota until cooldownUntil; comes back by itself
    Invalid,    // the upstream refused it for good (suspended, revoked refresh token): stateReason says why
    Disabled,   // switched off by the user
};
QString accountStateName(AccountState s);                  // "active" | "cooldown" | "invalid" | "disabled"
std::optional<AccountState> parseAccountState(const QString &s);

struct Account {
    // What every selection reads and a served request writes come first, before the credential's id,
    // priority and disabled flag: one cache line per account on the per-request path.
    AccountState state = AccountState::Active;
    bool overageEnabled = false;    // keep selecting it at 0 % remaining quota
    qint64 requestCount = 0;
    QDateTime cooldownUntil;        // valid while state == Cooldown
    QDateTime lastUsed;
    Credential credential;          // id, tokens, auth method, regions, priority, email, provider, ...
    QuotaInfo quota;
    QString name;                   // display name, editable; derived from email/provider on import
    QString stateReason;            // why Cooldown/Invalid ("throttled", "quota exhausted", "suspended: ...")
    int errorCount = 0;
    int consecutiveErrors = 0;
    QString lastError;
    QDateTime createdAt;
    ModelCatalogue models;          // ListAvailableModels, cached; unknown until fetched
    QString refreshTokenHash;       // sha256 hex of the refresh token (or API key): duplicate detection
    // Load against the per-account limits (0 = no limit); filled in by the pool, never stored.
    int inFlight = 0;
    int maxInFlight = 0;
    int requestsLastMinute = 0;
    int maxRequestsPerMinute = 0;

    qint64 id() const { return credential.id; }
    bool isSelectable(const QDateTime &now) const;   // Active, or Cooldown already expired; and quota not exhausted unless overage
    // The JSON the management API and UI show: no secret, ever.
    QJsonObject toPublicJson() const;
    static QString hashSecret(const QString &secret);
};

} // namespace kt

Q_DECLARE_METATYPE(kt::Account)
