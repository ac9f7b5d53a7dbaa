#include "service/proxyservice.h"

#include "signin/signin.h"

#include "pool/overageswitch.h"
#include "service/proxyserver.h"

#include "pool/accountpool.h"
#include "eventloop/epolldispatcher.h"
#include "storage/requestlog.h"
#include "secrets/filesecretstore.h"

#include <QLoggingCategory>
#include <QThread>

namespace kt {

ProxyService::ProxyService(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_thread(new QThread(this)), m_server(new ProxyServer(m_config))
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
    connect(m_server, &ProxyServer::requestFinished, this, &ProxyService::requestFinished, Qt::QueuedConnection);
    connect(m_server, &ProxyServer::accountsSnapshot, this, &ProxyService::accountsUpdated, Qt::QueuedConnection);
    connect(m_server, &ProxyServer::notification, this, &ProxyService::notification, Qt::QueuedConnection);
    connect(m_server->signIn(), &SignIn::changed, this, &ProxyService::signInChanged, Qt::QueuedConnection);
    m_thread->start();
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
        const QList<Account> accounts = m_server->accounts()->accounts();
        const QString strategy = poolStrategyName(m_server->accounts()->strategy());
        QMetaObject::invokeMethod(this, [this, accounts, strategy] { Q_EMIT accountsUpdated(accounts, strategy); },
                                  Qt::QueuedConnection);
    });
}

void ProxyService::importAccounts(const QByteArray &json, bool dryRun)
{
    onProxyThread([this, json, dryRun] {
        const QJsonObject report = m_server->accounts()->importAccounts(json, dryRun).toJson();
        QMetaObject::invokeMethod(this, [this, report] { Q_EMIT importFinished(report); }, Qt::QueuedConnection);
    });
}

void ProxyService::setAccountEnabled(qint64 id, bool enabled)
{
    onProxyThread([this, id, enabled] { m_server->accounts()->setEnabled(id, enabled); });
}

void ProxyService::removeAccount(qint64 id)
{
    onProxyThread([this, id] { m_server->accounts()->removeAccount(id); });
}

void ProxyService::updateAccount(qint64 id, const AccountChanges &changes)
{
    onProxyThread([this, id, changes] {
        if (const QString problem = m_server->accounts()->changeAccount(id, changes); !problem.isEmpty())
            qWarning().noquote() << "account" << id << "not changed:" << problem;
    });
}

void ProxyService::setStrategy(const QString &name)
{
    onProxyThread([this, name] {
        if (const QString problem = m_server->accounts()->setStrategy(name); !problem.isEmpty())
            qWarning().noquote() << "pool strategy not changed:" << problem;
    });
}

void ProxyService::setOverage(qint64 id, bool enabled)
{
    onProxyThread([this, id, enabled] {
        m_server->overage()->set(id, enabled, [this, id, enabled](bool ok, const QString &error) {
            const QString reported = ok ? QString() : error;
            QMetaObject::invokeMethod(this, [this, id, enabled, reported] { Q_EMIT overageFinished(id, enabled, reported); },
                                      Qt::QueuedConnection);
        });
    });
}

void ProxyService::refreshQuota(qint64 id)
{
    onProxyThread([this, id] {
        AccountPool *pool = m_server->accounts();
        if (id == 0)
            pool->refreshAllQuota();
        else
            pool->refreshQuota(id);
        // A refreshed account also reads its model list again (unless model lists are turned off).
        if (m_config.modelRefreshHours > 0) {
            for (const Account &a : pool->accounts()) {
                if ((id == 0 || a.id() == id) && a.state != AccountState::Disabled)
                    pool->refreshModels(a.id());
            }
        }
    });
}

void ProxyService::queryLogs(int tag, const LogFilter &filter)
{
    onProxyThread([this, tag, filter] {
        const QList<RequestRecord> records = m_server->requestLog() ? m_server->requestLog()->query(filter) : QList<RequestRecord>();
        QMetaObject::invokeMethod(this, [this, tag, records] { Q_EMIT logsReady(tag, records); }, Qt::QueuedConnection);
    });
}

void ProxyService::queryStats(int tag)
{
    onProxyThread([this, tag] {
        QJsonObject stats = m_server->requestLog() ? m_server->requestLog()->stats() : QJsonObject();
        stats.insert(QStringLiteral("conversations"), m_server->accounts()->conversationStats());
        QMetaObject::invokeMethod(this, [this, tag, stats] { Q_EMIT statsReady(tag, stats); }, Qt::QueuedConnection);
    });
}

} // namespace kt
