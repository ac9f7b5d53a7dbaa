#pragma once
// What a user asks to sign in with (docs/protocol.md#sign-in-flows): AWS Builder ID, an organisation's IAM
// Identity Center start URL, or Google/GitHub through Kiro's login page; optionally replacing the
// login of an existing account. The management API, the tray dialog and the CLI all build one.
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>
#include <variant>

namespace kt {

enum class SignInMethod { BuilderId, Idc, Google, Github };

QString signInMethodName(SignInMethod m);                       // "builder-id" | "idc" | "google" | "github"
std::optional<SignInMethod> parseSignInMethod(const QString &s);

struct SignInRequest {
    SignInMethod method = SignInMethod::BuilderId;
    QString startUrl;                 // idc only (Builder ID uses AWS's public start URL)
    QString region;                   // idc only: the Identity Center region, where tokens are refreshed
    std::optional<qint64> accountId;  // re-sign-in: this account's login is replaced

    bool isDeviceFlow() const { return method == SignInMethod::BuilderId || method == SignInMethod::Idc; }
    // {"method":..., "startUrl"?, "region"?, "accountId"?}; the error names the field.
    static std::variant<SignInRequest, QString> fromJson(const QJsonObject &o);
    // The same rules for a request built in code (dialog, CLI): empty when usable.
    QString problem() const;
};

} // namespace kt

Q_DECLARE_METATYPE(kt::SignInRequest)
