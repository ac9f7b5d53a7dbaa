#include "service/proxyservice.h"

#include "eventloop/epolldispatcher.h"
#include "management/managementservice.h"
#include "secrets/filesecretstore.h"
#include "service/proxycore.h"
#include "signin/signin.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#include <QThread>

namespace kt {

ProxyService::ProxyService(const Config &config, std::shared_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent), m_config(config), m_thread(new QThread(this)), m_server(new ProxyCore(m_config, std::move(secrets)))
{
    qRegisterMetaType<kt::RequestRecord>();
    qRegisterMetaType<QList<kt::RequestRecord>>();
    qRegisterMetaType<kt::Account>();
    qRegisterMetaType<QList<kt::Account>>();
    qRegisterMetaType<kt::LogFilter>();
    m_thread->setObjectName(QStringLiteral("kirotray-proxy"));
    if (QAbstractEventDispatcher *dispatcher = createProxyEventDispatcher())
        m_thread->setEventDispatcher(dispatcher);
    m_server->moveToThread(m_thread);
    connect(m_server, &ProxyCore::notification, this, &ProxyService::notification, Qt::QueuedConnection);
    connect(m_server->signIn(), &SignIn::changed, this, &ProxyService::signInChanged, Qt::QueuedConnection);
    m_thread->start();
}

// The core's accounts and finished requests cross to this thread only for a listener: a headless
// server has none (at 10,000 accounts a copy of the whole pool after every load and import, and an
// event per request). The first listener of either has them forwarded.
void ProxyService::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&ProxyService::requestFinished)) {
        if (!m_forwardingRequests.exchange(true))
            connect(m_server, &ProxyCore::requestFinished, this, &ProxyService::requestFinished, Qt::QueuedConnection);
    } else if (signal == QMetaMethod::fromSignal(&ProxyService::accountsUpdated) || signal == QMetaMethod::fromSignal(&ProxyService::accountsPatched)) {
        if (!m_forwardingAccounts.exchange(true)) {
            connect(m_server, &ProxyCore::accountsSnapshot, this, &ProxyService::accountsUpdated, Qt::QueuedConnection);
            connect(m_server, &ProxyCore::accountsPatched, this, &ProxyService::accountsPatched, Qt::QueuedConnection);
        }
    }
}

ProxyService::~ProxyService()
{
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QString ProxyService::baseUrl() const
{
    const QString host = m_config.host == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : m_config.host;
    return QStringLiteral("http://%1:%2").arg(host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host)
        .arg(m_port ? m_port : m_config.port);
}

QString ProxyService::startAndWait()
{
    QString error;
    quint16 port = 0;
    QString backend;
    QMetaObject::invokeMethod(m_server, [&] {
        error = m_server->start();
        port = m_server->port();
        backend = m_server->secretBackend();
    }, Qt::BlockingQueuedConnection);
    if (backend != QLatin1String("none") && backend != m_secretBackend)
        Q_EMIT secretBackendChanged(m_secretBackend = backend);
    if (error.isEmpty())
        onStarted(port);
    else
        Q_EMIT startFailed(error);
    return error;
}

void ProxyService::start()
{
    QMetaObject::invokeMethod(m_server, [this] {
        const QString error = m_server->start();
        const quint16 port = m_server->port();
        reportSecretBackend();
        QMetaObject::invokeMethod(this, [this, error, port] {
            if (error.isEmpty())
                onStarted(port);
            else
                Q_EMIT startFailed(error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyService::onStarted(quint16 port)
{
    m_port = port;
    Q_EMIT started(port);
}

QString ProxyService::secretsFilePath() const
{
    return FileSecretStore::filePath(m_config.dataDir);
}

void ProxyService::reportSecretBackend()
{
    const QString backend = m_server->secretBackend();
    if (backend == QLatin1String("none"))
        return;
    QMetaObject::invokeMethod(this, [this, backend] {
        if (backend != m_secretBackend)
            Q_EMIT secretBackendChanged(m_secretBackend = backend);
    }, Qt::QueuedConnection);
}

void ProxyService::stop()
{
    QMetaObject::invokeMethod(m_server, [this] {
        m_server->stop();
        QMetaObject::invokeMethod(this, [this] {
            m_port = 0;
            Q_EMIT stopped();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyService::onProxyThread(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_server, [this, work = std::move(work)] {
        const QString error = m_server->openStorage();
        if (!error.isEmpty())
            qWarning().noquote() << "account storage unavailable:" << error;
        reportSecretBackend();
        work();
    }, Qt::QueuedConnection);
}

void ProxyService::startSignIn(int tag, const SignInRequest &request)
{
    onProxyThread([this, tag, request] {
        m_server->signIn()->start(request, [this, tag](std::variant<SignInStatus, ApiError> started) {
            const SignInStatus status = std::holds_alternative<SignInStatus>(started) ? std::get<SignInStatus>(started) : SignInStatus();
            const QString error = std::holds_alternative<ApiError>(started) ? std::get<ApiError>(started).message : QString();
            QMetaObject::invokeMethod(this, [this, tag, status, error] { Q_EMIT signInStarted(tag, status, error); }, Qt::QueuedConnection);
        });
    });
}

void ProxyService::cancelSignIn(const QString &loginId)
{
    onProxyThread([this, loginId] { m_server->signIn()->cancel(loginId); });
}

void ProxyService::completeSignIn(const QString &loginId, const QUrl &redirect)
{
    onProxyThread([this, loginId, redirect] {
        const auto done = m_server->signIn()->complete(loginId, redirect);
        if (const ApiError *e = std::get_if<ApiError>(&done)) {
            const QString error = e->message;
            QMetaObject::invokeMethod(this, [this, loginId, error] { Q_EMIT signInError(loginId, error); }, Qt::QueuedConnection);
        }
    });
}

void ProxyService::requestAccounts()
{
    onProxyThread([this] {
        const QList<Account> accounts = m_server->management()->accounts();
        const QString strategy = m_server->management()->strategy();
        QMetaObject::invokeMethod(this, [this, accounts, strategy] { Q_EMIT accountsUpdated(accounts, strategy); },
                                  Qt::QueuedConnection);
    });
}

void ProxyService::importAccounts(const QByteArray &json, bool dryRun)
{
    onProxyThread([this, json, dryRun] {
        const QJsonObject report = m_server->management()->importAccounts(json, dryRun).toJson();
        QMetaObject::invokeMethod(this, [this, report] { Q_EMIT importFinished(report); }, Qt::QueuedConnection);
    });
}

void ProxyService::setAccountEnabled(qint64 id, bool enabled)
{
    onProxyThread([this, id, enabled] { logRefusal(m_server->management()->setEnabled(id, enabled), id); });
}

void ProxyService::removeAccount(qint64 id)
{
    onProxyThread([this, id] {
        if (const auto e = m_server->management()->removeAccount(id))
            qWarning().noquote() << "account" << id << "not removed:" << e->message;
    });
}

void ProxyService::updateAccount(qint64 id, const AccountChanges &changes)
{
    onProxyThread([this, id, changes] { logRefusal(m_server->management()->changeAccount(id, changes), id); });
}

void ProxyService::logRefusal(const std::variant<Account, ApiError> &result, qint64 id)
{
    if (const ApiError *e = std::get_if<ApiError>(&result))
        qWarning().noquote() << "account" << id << "not changed:" << e->message;
}

void ProxyService::setStrategy(const QString &name)
{
    onProxyThread([this, name] {
        if (const auto e = m_server->management()->setStrategy(name))
            qWarning().noquote() << "pool strategy not changed:" << e->message;
    });
}

void ProxyService::setOverage(qint64 id, bool enabled, bool chargesAcknowledged)
{
    onProxyThread([this, id, enabled, chargesAcknowledged] {
        m_server->management()->setOverage(id, enabled, chargesAcknowledged, [this, id, enabled](const std::variant<Account, ApiError> &result) {
            const QString error = std::holds_alternative<ApiError>(result) ? std::get<ApiError>(result).message : QString();
            QMetaObject::invokeMethod(this, [this, id, enabled, error] { Q_EMIT overageFinished(id, enabled, error); },
                                      Qt::QueuedConnection);
        });
    });
}

void ProxyService::refreshQuota(qint64 id)
{
    onProxyThread([this, id] { m_server->management()->refreshUsageAndModels(id); });
}

void ProxyService::saveSettings(int tag, const QJsonObject &changes)
{
    QMetaObject::invokeMethod(m_server, [this, tag, changes] {
        const ConfigFile::Result result = m_server->management()->saveSettings(changes);
        QMetaObject::invokeMethod(this, [this, tag, result] { Q_EMIT settingsSaved(tag, result.outcome, result.error); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ProxyService::queryLogs(int tag, const LogFilter &filter)
{
    onProxyThread([this, tag, filter] {
        const QList<RequestRecord> records = m_server->management()->logs(filter);
        QMetaObject::invokeMethod(this, [this, tag, records] { Q_EMIT logsReady(tag, records); }, Qt::QueuedConnection);
    });
}

void ProxyService::queryStats(int tag)
{
    onProxyThread([this, tag] {
        QJsonObject stats = m_server->management()->logStats();
        stats.insert(QStringLiteral("conversations"), m_server->management()->conversations());
        QMetaObject::invokeMethod(this, [this, tag, stats] { Q_EMIT statsReady(tag, stats); }, Qt::QueuedConnection);
    });
}

} // namespace kt
