#pragma once
// AWS SSO-OIDC device authorization (docs/protocol.md#sign-in-flows), used by Builder ID and IAM
// Identity Center: RegisterClient, StartDeviceAuthorization, then CreateToken polls that honour
// `interval`, `slow_down` (+5 s for good), the device code's lifetime, and retry network errors a few times.
#include "signin/signinflow.h"

#include <QTimer>

namespace kt {

class NetworkManagerPool;
class SignInHttp;
struct SignInHttpResult;

class DeviceCodeFlow : public SignInFlow
{
    Q_OBJECT
public:
    static constexpr int SlowDownSeconds = 5;
    static constexpr int MaxNetworkRetries = 3;         // consecutive failed polls before giving up
    static constexpr int DefaultIntervalSeconds = 5;     // when the service names none (as KGP)
    static constexpr int DefaultExpiresInSeconds = 600;

    DeviceCodeFlow(const Config &config, NetworkManagerPool *network, const SignInRequest &request,
                   SignInStatus status, QObject *parent = nullptr);
    void start() override;
    int intervalSeconds() const { return m_interval; }

private:
    void onRegistered(const SignInHttpResult &r);
    void onAuthorization(const SignInHttpResult &r);
    void schedulePoll();
    void poll();
    void onToken(const SignInHttpResult &r);
    Credential credentialFrom(const QJsonObject &token) const;
    void stopWork() override;

    SignInHttp *m_http;
    QString m_region, m_startUrl;
    QString m_clientId, m_clientSecret, m_deviceCode;
    int m_interval = DefaultIntervalSeconds;
    int m_networkFailures = 0;
    QTimer m_pollTimer;
};

} // namespace kt
