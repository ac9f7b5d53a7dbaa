#pragma once
// The sign-in side of the fake upstream (docs/protocol.md#sign-in-flows): AWS SSO-OIDC client registration,
// device authorization and the device-code token grant, with hooks that play the user in the browser
// (approve, deny, let the code expire, ask to slow down, drop polls); and Kiro's social login page
// (redirects with code + state) and its /oauth/token exchange, which checks the PKCE verifier.
#include "fakerecordedrequest.h"
#include "fakereply.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace kt::fake {

class FakeSignIn
{
public:
    FakeSignIn();

    // Hooks on a pending device authorization, by its user code (lastUserCode() = the newest one).
    void approve(const QString &userCode, const QString &email = {});
    void deny(const QString &userCode);
    void expire(const QString &userCode);
    void slowDown(const QString &userCode, int times = 1);
    void dropPolls(const QString &userCode, int count);   // the next polls get a reset connection
    QString lastUserCode() const { return m_lastUserCode; }
    QStringList userCodes() const { return m_order; }
    QList<qint64> pollTimesMs(const QString &userCode) const;   // since the fake started
    int pollCount(const QString &userCode) const { return int(pollTimesMs(userCode).size()); }

    void setDeviceTiming(int intervalSeconds, int expiresInSeconds);
    void setAutoApprove(const QString &email) { m_autoApproveEmail = email; }   // empty = off
    // Social login: the email put into the minted idToken, or an OAuth error to redirect with.
    void setSocialEmail(const QString &email) { m_socialEmail = email; }
    void setSocialError(const QString &error) { m_socialError = error; }
    int socialExchanges() const { return m_socialExchanges; }

    // Routes; nullopt-like empty reply (status 0) when the path is not a sign-in route.
    bool handles(const RecordedRequest &request) const;
    FakeReply handle(const RecordedRequest &request);

    static QString idToken(const QString &email);   // an unsigned JWT carrying the email claim

private:
    struct Device {
        QString deviceCode, userCode, clientId, email;
        enum class Verdict { Pending, Approved, Denied, Expired } verdict = Verdict::Pending;
        int slowDowns = 0, drops = 0;
        bool issued = false;
        QList<qint64> polls;
    };
    struct SocialCode {
        QString challenge, redirectUri;
    };
    FakeReply registerClient(const RecordedRequest &request);
    FakeReply authorizeDevice(const RecordedRequest &request);
    FakeReply deviceToken(const QJsonObject &body);
    FakeReply socialLogin(const RecordedRequest &request);
    FakeReply socialToken(const QJsonObject &body);
    Device *device(const QString &userCode);

    QElapsedTimer m_clock;
    QHash<QString, QString> m_clients;      // clientId -> clientSecret
    QHash<QString, Device> m_devices;       // userCode -> device
    QStringList m_order;
    QString m_lastUserCode, m_autoApproveEmail, m_socialEmail, m_socialError;
    QHash<QString, SocialCode> m_codes;
    int m_interval = 1, m_expiresIn = 600, m_counter = 0, m_socialExchanges = 0;
};

} // namespace kt::fake
