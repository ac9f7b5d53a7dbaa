#pragma once
// Where one sign-in stands, as the management API, the tray dialog and the CLI show it. Holds no
// secret: the user code is meant to be read by the person signing in.
#include "signin/signinrequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace kt {

enum class SignInState { Starting, Pending, Succeeded, Denied, Expired, Failed, Cancelled };

QString signInStateName(SignInState s);   // "starting" | "pending" | "succeeded" | "denied" | "expired" | "failed" | "cancelled"

struct SignInStatus {
    QString loginId;
    SignInMethod method = SignInMethod::BuilderId;
    SignInState state = SignInState::Starting;
    QString userCode, verificationUri, verificationUriComplete;   // device flows
    QString authorizeUrl;                                          // social flows
    bool redirectPaste = false;   // social flow without a listener: the final address must be pasted back
    QDateTime expiresAt;
    qint64 accountId = 0;         // succeeded: the account added or updated
    bool accountCreated = false;
    QString message;              // why it ended (denied, expired, failed), in words

    bool isFinished() const { return state != SignInState::Starting && state != SignInState::Pending; }
    // POST /api/auth/login: loginId, method, state and the prompt fields that apply.
    QJsonObject toStartJson() const;
    // GET /api/auth/login/{id}: loginId, method, state, accountId?, message?
    QJsonObject toJson() const;
    static SignInStatus fromJson(const QJsonObject &o);   // either shape back (a remote instance's answer)
};

} // namespace kt

Q_DECLARE_METATYPE(kt::SignInStatus)
