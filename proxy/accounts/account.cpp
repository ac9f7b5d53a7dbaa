#include "accounts/account.h"

#include <QJsonArray>

#include <QCryptographicHash>
#include <QJsonObject>

namespace kt {

namespace {

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString accountStateName(AccountState s)
{
    switch (s) {
    case AccountState::Active: return QStringLiteral("active");
    case AccountState::Cooldown: return QStringLiteral("cooldown");
    case AccountState::Invalid: return QStringLiteral("invalid");
    case AccountState::Disabled: return QStringLiteral("disabled");
    }
    return QStringLiteral("active");
}

std::optional<AccountState> parseAccountState(const QString &s)
{
    const QString v = s.trimmed().toLower();
    if (v == QLatin1String("active"))
        return AccountState::Active;
    if (v == QLatin1String("cooldown"))
        return AccountState::Cooldown;
    if (v == QLatin1String("invalid"))
        return AccountState::Invalid;
    if (v == QLatin1String("disabled"))
        return AccountState::Disabled;
    return std::nullopt;
}

bool Account::isSelectable(const QDateTime &now) const
{
    if (credential.disabled)
        return false;
    switch (state) {
    case AccountState::Active:
        break;
    case AccountState::Cooldown:
        if (cooldownUntil.isValid() && cooldownUntil > now)
            return false;
        break;
    case AccountState::Invalid:
    case AccountState::Disabled:
        return false;
    }
    // A cached "0 % left" only holds until the quota resets.
    if (quota.exhausted() && !overageEnabled && (!quota.resetAt.isValid() || quota.resetAt > now))
        return false;
    return true;
}

QJsonObject Account::toPublicJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("id"), double(credential.id));
    o.insert(QLatin1String("name"), name.isEmpty() ? credential.displayName() : name);
    o.insert(QLatin1String("authMethod"), authMethodName(credential.authMethod));
    o.insert(QLatin1String("provider"), credential.provider);
    o.insert(QLatin1String("email"), credential.email);
    o.insert(QLatin1String("region"), credential.region);
    o.insert(QLatin1String("authRegion"), credential.authRegion);
    o.insert(QLatin1String("apiRegion"), credential.apiRegion);
    o.insert(QLatin1String("priority"), credential.priority);
    o.insert(QLatin1String("state"), accountStateName(state));
    const bool cooling = state == AccountState::Cooldown;
    o.insert(QLatin1String("cooldownUntil"), cooling ? timeOrNull(cooldownUntil) : QJsonValue(QJsonValue::Null));
    o.insert(QLatin1String("stateReason"), stateReason);
    o.insert(QLatin1String("errorCount"), errorCount);
    o.insert(QLatin1String("consecutiveErrors"), consecutiveErrors);
    o.insert(QLatin1String("requestCount"), double(requestCount));
    o.insert(QLatin1String("inFlight"), inFlight);
    o.insert(QLatin1String("maxInFlight"), maxInFlight);
    o.insert(QLatin1String("requestsLastMinute"), requestsLastMinute);
    o.insert(QLatin1String("maxRequestsPerMinute"), maxRequestsPerMinute);
    o.insert(QLatin1String("lastUsed"), timeOrNull(lastUsed));
    o.insert(QLatin1String("lastError"), lastError);
    o.insert(QLatin1String("createdAt"), timeOrNull(createdAt));
    o.insert(QLatin1String("tokenExpiresAt"), timeOrNull(credential.expiresAt));
    o.insert(QLatin1String("subscription"),
             quota.subscription.isEmpty() ? credential.subscriptionTitle : quota.subscription);
    o.insert(QLatin1String("overageEnabled"), overageEnabled);
    o.insert(QLatin1String("quota"), quota.toJson());
    o.insert(QLatin1String("models"), QJsonArray::fromStringList(models.ids()));
    o.insert(QLatin1String("modelsFetchedAt"), timeOrNull(models.fetchedAt));
    o.insert(QLatin1String("modelsError"), models.error);
    return o;
}

QString Account::hashSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace kt
