#pragma once
// One running sign-in, whatever the method: it fills in its SignInStatus (the prompt: user code or
// authorize URL), signals each change, and ends with a state and, on success, the credential to store.
#include "accounts/credential.h"
#include "signin/signinstatus.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kt {

struct Config;

class SignInFlow : public QObject
{
    Q_OBJECT
public:
    SignInFlow(const Config &config, SignInStatus status, QObject *parent = nullptr);
    const SignInStatus &status() const { return m_status; }
    virtual void start() = 0;
    // Social flows without a listener: the address the browser ended on. Returns a problem in words.
    virtual QString complete(const QUrl &redirect);
    void cancel();
    // Called by SignIn after deliver(): the account the credential went to, or why it could not be stored.
    void stored(qint64 accountId, bool created);
    void finish(SignInState state, const QString &message);

Q_SIGNALS:
    void changed();                                  // status() moved on (prompt shown, or finished)
    void succeeded(const kt::Credential &credential); // before the final changed(); SignIn stores it

protected:
    int protocolMs(qint64 seconds) const;            // seconds of the protocol in timer milliseconds
    void prompt();                                   // state → pending
    void deliver(const Credential &credential);      // the login worked: hand the credential over
    // Ends the flow as expired once `seconds` protocol seconds have passed since start().
    void setDeadline(qint64 seconds);
    qint64 remainingMs() const;
    virtual void stopWork() {}

    const Config &m_config;
    SignInStatus m_status;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    qint64 m_deadlineMs = 0;
    bool m_delivered = false;
    bool m_finished = false;
};

} // namespace kt
