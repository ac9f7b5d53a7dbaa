#pragma once
// One JSON POST of a sign-in flow (OIDC register/device authorization/token, Kiro's /oauth/token):
// the answer as status + object, or a network problem in words. Bodies hold secrets: nothing here logs.
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace kt {

class NetworkManagerPool;

struct SignInHttpResult {
    int status = 0;              // 0 = no HTTP answer (see networkError)
    QJsonObject json;            // empty when the body is not a JSON object
    QString networkError;

    QString errorCode() const;        // OAuth "error" (authorization_pending, slow_down, ...)
    QString describe() const;         // "HTTP 400: <error_description>" or the network error, for people
};

class SignInHttp : public QObject
{
    Q_OBJECT
public:
    SignInHttp(NetworkManagerPool *network, int timeoutMs, QObject *parent = nullptr);
    ~SignInHttp() override;
    // The callback is dropped after abortAll() or when this object is destroyed first (a cancelled flow).
    void post(const QUrl &url, const QJsonObject &body, std::function<void(const SignInHttpResult &)> done);
    void abortAll();

private:
    QPointer<NetworkManagerPool> m_network;
    int m_timeoutMs;
    bool m_aborted = false;
};

} // namespace kt
