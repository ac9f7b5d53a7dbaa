#pragma once
// Runs any number of sign-ins at once (Builder ID, IAM Identity Center, Google, GitHub), each a
// SignInFlow with its own loginId, and puts each login that succeeds into the account pool (a new
// account, or an update of the same one). Lives on the proxy thread; the management API, the tray
// dialog (through ProxyService) and the CLI are its faces.
#include "accounts/credential.h"
#include "anthropic/apierror.h"
#include "signin/signinrequest.h"
#include "signin/signinstatus.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>
#include <variant>

namespace kt {

struct Config;
class AccountPool;
class NetworkManagerPool;
class SignInFlow;

class SignIn : public QObject
{
    Q_OBJECT
public:
    static constexpr int KeptFinished = 50;   // ended sign-ins still answered by status()

    using Started = std::function<void(std::variant<SignInStatus, ApiError>)>;

    SignIn(const Config &config, AccountPool *pool, NetworkManagerPool *network, QObject *parent = nullptr);
    ~SignIn() override;

    // Validates, starts, and calls back once the user has something to do (state pending: a user code or
    // an authorize URL) or the start failed (400 bad request, 404 unknown account, 502 service unreachable).
    void start(const SignInRequest &request, Started started);
    std::optional<SignInStatus> status(const QString &loginId) const;
    QList<SignInStatus> all() const;
    bool cancel(const QString &loginId);   // false: unknown loginId
    // A social sign-in whose redirect has no listener: the final address, pasted. Empty = accepted.
    std::variant<SignInStatus, ApiError> complete(const QString &loginId, const QUrl &redirect);

Q_SIGNALS:
    void changed(const kt::SignInStatus &status);

private:
    void onChanged(SignInFlow *flow, Started *started);
    void onSucceeded(SignInFlow *flow, const Credential &credential, std::optional<qint64> replaceId);
    void forgetOldest();

    const Config &m_config;
    QPointer<AccountPool> m_pool;
    NetworkManagerPool *m_network;
    QHash<QString, SignInFlow *> m_flows;
    QList<QString> m_finishedOrder;
};

} // namespace kt
