#pragma once
// Google / GitHub sign-in through Kiro's login page with PKCE (docs/protocol.md#sign-in-flows): the browser
// opens authorizeUrl, Kiro redirects to the configured redirect URI with code + state, and the code is
// exchanged at /oauth/token with the verifier. A loopback redirect is received by a LoopbackReceiver;
// any other scheme (kiro://) has no listener and waits for the user to paste the final address.
#include "signin/signinflow.h"

#include <QUrlQuery>

namespace kt {

class LoopbackReceiver;
class NetworkManagerPool;
class SignInHttp;

class SocialFlow : public SignInFlow
{
    Q_OBJECT
public:
    static constexpr int LoginWindowSeconds = 600;

    SocialFlow(const Config &config, NetworkManagerPool *network, SignInStatus status, QObject *parent = nullptr);
    void start() override;
    QString complete(const QUrl &redirect) override;

    static QString challengeFor(const QString &verifier);   // base64url(sha256(verifier)), no padding

private:
    QString accept(const QUrlQuery &query);   // empty when the callback is taken
    void exchange(const QString &code);
    void stopWork() override;

    SignInHttp *m_http;
    LoopbackReceiver *m_receiver = nullptr;
    QString m_verifier, m_state, m_redirectUri;
    bool m_exchanging = false;
};

} // namespace kt
