#pragma once
// `kirotray login`'s logic: one sign-in, run by the instance already serving this configuration
// (through its management API) when one answers on the configured address, else directly on the
// data directory. Reports the prompt once and the end once; the command line only prints.
#include "service/proxysetup.h"
#include "signin/signinrequest.h"
#include "signin/signinstatus.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <memory>

namespace kt {

class ProxyService;

class LoginRunner : public QObject
{
    Q_OBJECT
public:
    LoginRunner(const ProxySetup &setup, const SignInRequest &request, QObject *parent = nullptr);
    ~LoginRunner() override;
    void start();
    void cancel();
    // The address a social sign-in's browser ended on (kiro://…, or a loopback address the browser
    // could not reach), pasted by the user: finishes the sign-in, or pasteRefused says why not.
    void complete(const QString &address);
    bool remote() const { return m_remote; }

Q_SIGNALS:
    void prompted(const kt::SignInStatus &status);   // state pending: show the code / the URL
    void finished(const kt::SignInStatus &status);   // any end; status.message says why when not succeeded
    void failed(const QString &error);               // could not run at all
    void pasteRefused(const QString &error);         // complete(): not this sign-in's address; still waiting

private:
    QNetworkRequest apiRequest(const QString &path) const;
    void runLocally();
    void startRemotely();
    void pollRemote();
    void onStatus(const SignInStatus &status);

    Config m_config;
    std::shared_ptr<SecretStore> m_secrets;   // for the local run: the store start-up chose
    SignInRequest m_request;
    QNetworkAccessManager m_nam;
    std::unique_ptr<ProxyService> m_local;
    QString m_loginId;
    QTimer m_poll;
    bool m_remote = false;
    bool m_done = false;
    bool m_prompted = false;
};

} // namespace kt
