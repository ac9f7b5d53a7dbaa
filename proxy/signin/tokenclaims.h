#pragma once
// Reads claims from the payload of a JWT (an OIDC idToken or a JWT-shaped access token) without
// verifying it: only to name the account (its email), never to trust it.
#include <QJsonObject>
#include <QStringList>

namespace kt::TokenClaims {

QJsonObject payload(const QString &jwt);      // empty when the token is not a JWT
QString email(const QStringList &tokens);     // the first "email" claim found, else empty

} // namespace kt::TokenClaims
