#include "signin/signin.h"

#include "pool/accountpool.h"
#include "signin/devicecodeflow.h"
#include "signin/socialflow.h"

#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSignIn, "kirotray.signin")

namespace kt {

SignIn::SignIn(const Config &config, AccountPool *pool, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_pool(pool), m_network(network)
{
    qRegisterMetaType<kt::SignInStatus>();
    qRegisterMetaType<kt::SignInRequest>();
}

SignIn::~SignIn()
{
    for (SignInFlow *flow : std::as_const(m_flows))
        flow->disconnect(this);
}

void SignIn::start(const SignInRequest &request, Started started)
{
    if (const QString problem = request.problem(); !problem.isEmpty())
        return started(ApiError::invalidRequest(problem));
    if (request.accountId && (!m_pool || !m_pool->account(*request.accountId)))
        return started(ApiError::notFound(QStringLiteral("no account with id '%1'").arg(*request.accountId)));
    SignInStatus status;
    status.loginId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    status.method = request.method;
    SignInFlow *flow = request.isDeviceFlow()
        ? static_cast<SignInFlow *>(new DeviceCodeFlow(m_config, m_network, request, status, this))
        : new SocialFlow(m_config, m_network, status, this);
    m_flows.insert(status.loginId, flow);
    // Answered once, at the first change (pending, or an early end).
    auto pendingStart = std::make_shared<Started>(std::move(started));
    connect(flow, &SignInFlow::changed, this, [this, flow, pendingStart] { onChanged(flow, pendingStart.get()); });
    connect(flow, &SignInFlow::succeeded, this, [this, flow, replace = request.accountId](const Credential &c) {
        onSucceeded(flow, c, replace);
    });
    qCInfo(lcSignIn).noquote() << QStringLiteral("sign-in %1 (%2) started%3").arg(status.loginId.left(8), signInMethodName(request.method),
                                                                                 request.accountId ? QStringLiteral(" for account %1").arg(*request.accountId) : QString());
    flow->start();
}

void SignIn::onChanged(SignInFlow *flow, Started *started)
{
    const SignInStatus s = flow->status();
    if (*started) {
        const Started answer = std::exchange(*started, Started());
        if (s.state == SignInState::Pending || s.state == SignInState::Succeeded)
            answer(s);
        else
            answer(s.state == SignInState::Cancelled ? ApiError::invalidRequest(QStringLiteral("the sign-in was cancelled"))
                                                     : ApiError::api(QStringLiteral("could not start the sign-in: %1").arg(s.message)));
    }
    if (s.isFinished()) {
        qCInfo(lcSignIn).noquote() << QStringLiteral("sign-in %1 (%2) %3%4").arg(s.loginId.left(8), signInMethodName(s.method), signInStateName(s.state),
                                                                                s.accountId ? QStringLiteral(": account %1").arg(s.accountId) : QStringLiteral(": ") + s.message);
        m_finishedOrder.append(s.loginId);
        forgetOldest();
    }
    Q_EMIT changed(s);
}

void SignIn::onSucceeded(SignInFlow *flow, const Credential &credential, std::optional<qint64> replaceId)
{
    if (!m_pool)
        return flow->finish(SignInState::Failed, QStringLiteral("the account pool is not available"));
    bool created = false;
    const auto stored = m_pool->addSignedIn(credential, replaceId, &created);
    if (const QString *error = std::get_if<QString>(&stored))
        return flow->finish(SignInState::Failed, QStringLiteral("signed in, but the account could not be stored: %1").arg(*error));
    flow->stored(std::get<qint64>(stored), created);
}

void SignIn::forgetOldest()
{
    while (m_finishedOrder.size() > KeptFinished) {
        if (SignInFlow *flow = m_flows.take(m_finishedOrder.takeFirst()))
            flow->deleteLater();
    }
}

std::optional<SignInStatus> SignIn::status(const QString &loginId) const
{
    const SignInFlow *flow = m_flows.value(loginId);
    if (!flow)
        return std::nullopt;
    return flow->status();
}

QList<SignInStatus> SignIn::all() const
{
    QList<SignInStatus> list;
    for (const SignInFlow *flow : m_flows)
        list.append(flow->status());
    return list;
}

bool SignIn::cancel(const QString &loginId)
{
    SignInFlow *flow = m_flows.value(loginId);
    if (!flow)
        return false;
    flow->cancel();
    return true;
}

std::variant<SignInStatus, ApiError> SignIn::complete(const QString &loginId, const QUrl &redirect)
{
    SignInFlow *flow = m_flows.value(loginId);
    if (!flow)
        return ApiError::notFound(QStringLiteral("no sign-in with id '%1'").arg(loginId.left(40)));
    if (const QString problem = flow->complete(redirect); !problem.isEmpty())
        return ApiError::invalidRequest(problem);
    return flow->status();
}

} // namespace kt
