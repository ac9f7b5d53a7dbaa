#include "signin/signinflow.h"

#include "config/config.h"

#include <algorithm>
#include <limits>

namespace kt {

SignInFlow::SignInFlow(const Config &config, SignInStatus status, QObject *parent)
    : QObject(parent), m_config(config), m_status(std::move(status))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(SignInState::Expired, QStringLiteral("the sign-in was not completed in time; start again"));
    });
    m_clock.start();
}

QString SignInFlow::complete(const QUrl &)
{
    return QStringLiteral("this sign-in does not take a pasted address");
}

void SignInFlow::cancel()
{
    finish(SignInState::Cancelled, QStringLiteral("cancelled"));
}

int SignInFlow::protocolMs(qint64 seconds) const
{
    return int(std::clamp<qint64>(seconds * m_config.signInSecondMs, 0, std::numeric_limits<int>::max()));
}

void SignInFlow::prompt()
{
    if (m_status.isFinished())
        return;
    m_status.state = SignInState::Pending;
    Q_EMIT changed();
}

void SignInFlow::stored(qint64 accountId, bool created)
{
    m_status.accountId = accountId;
    m_status.accountCreated = created;
    finish(SignInState::Succeeded, {});
}

void SignInFlow::finish(SignInState state, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    stopWork();
    m_status.state = state;
    m_status.message = message;
    Q_EMIT changed();
}

void SignInFlow::deliver(const Credential &credential)
{
    if (m_status.isFinished() || m_delivered)
        return;
    m_delivered = true;
    m_deadline.stop();
    stopWork();
    Q_EMIT succeeded(credential);   // SignIn stores it and finishes the status
}

void SignInFlow::setDeadline(qint64 seconds)
{
    m_deadlineMs = m_clock.elapsed() + protocolMs(seconds);
    m_deadline.start(protocolMs(seconds));
}

qint64 SignInFlow::remainingMs() const
{
    return m_deadlineMs - m_clock.elapsed();
}

} // namespace kt
