#include "service/proxycore.h"

#include "management/managementservice.h"
#include "pool/accountpool.h"
#include "pool/overageswitch.h"
#include "secrets/secretstore.h"
#include "service/credentialsmigration.h"
#include "service/proxyserver.h"
#include "service/secretstorechoice.h"
#include "signin/signin.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/requestlog.h"
#include "storage/requestlogwriter.h"
#include "upstream/networkmanagerpool.h"
#include "upstream/upstreamconnectionpool.h"

#include <QLoggingCategory>
#include <QMetaMethod>

Q_LOGGING_CATEGORY(lcCore, "kirotray.core")

namespace kt {

ProxyCore::ProxyCore(const Config &config, std::shared_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent), m_config(config), m_network(new NetworkManagerPool(this)),
      m_upstreamConnections(new UpstreamConnectionPool(this)), m_accounts(new AccountPool(m_config, m_network, this)),
      m_signIn(new SignIn(m_config, m_accounts, m_network, this)),
      m_overage(new OverageSwitch(m_config, m_network, m_accounts, this)), m_logWriter(new RequestLogWriter(this)),
      m_chosenSecrets(std::move(secrets)), m_management(std::make_unique<ManagementService>(m_config, m_accounts, m_overage, this)),
      m_server(new ProxyServer(*this, this))
{
    qRegisterMetaType<kt::RequestRecord>();
    qRegisterMetaType<kt::Account>();
    qRegisterMetaType<QList<kt::Account>>();
    if (auto proxy = NetworkManagerPool::proxyFromUrl(m_config.proxyUrl))
        m_network->setProxy(*proxy);
    m_snapshotTimer.setParent(this);   // follows the core to the proxy thread
    m_snapshotTimer.setSingleShot(true);
    m_snapshotTimer.setInterval(100);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &ProxyCore::emitSnapshot);
    const auto schedule = [this] {
        if (!m_snapshotTimer.isActive())
            m_snapshotTimer.start();
    };
    connect(m_accounts, &AccountPool::accountsChanged, this, [this, schedule] {
        m_wholeListChanged = true;
        schedule();
    });
    connect(m_accounts, &AccountPool::accountChanged, this, [this, schedule](qint64 id) {
        m_changedIds.insert(id);
        schedule();
    });
    connect(m_accounts, &AccountPool::notify, this, &ProxyCore::notification);
    connect(m_server, &ProxyServer::requestFinished, this, &ProxyCore::requestFinished);
}

ProxyCore::~ProxyCore()
{
    stop();
    delete std::exchange(m_server, nullptr);
    // The pool flushes its counters into the repository: it must go before the storage does.
    delete std::exchange(m_accounts, nullptr);
    m_logWriter->setLog(nullptr);   // writes what is still waiting
    m_log.reset();
    m_repository.reset();
    m_db.reset();
}

QString ProxyCore::start()
{
    return m_server->start();
}

void ProxyCore::stop()
{
    if (m_server)
        m_server->stop();
    m_upstreamConnections->clear();
}

// Only the accounts that changed in place when that is all that happened: at 10,000 accounts a
// request's change costs one account's copy here and one row in the UI, not the whole pool.
void ProxyCore::emitSnapshot()
{
    const QSet<qint64> ids = std::exchange(m_changedIds, {});
    if (!m_accounts)
        return;
    // While loading, the whole list follows once loaded (accountsChanged); nobody listening (a headless
    // server), it follows when someone does.
    if (m_accounts->loading() || (!isSignalConnected(QMetaMethod::fromSignal(&ProxyCore::accountsSnapshot))
                                  && !isSignalConnected(QMetaMethod::fromSignal(&ProxyCore::accountsPatched)))) {
        m_wholeListChanged = true;
        return;
    }
    if (!std::exchange(m_wholeListChanged, false)) {
        QList<Account> changed;
        changed.reserve(ids.size());
        for (const qint64 id : ids) {
            auto account = m_accounts->account(id);
            if (!account)
                break;   // gone meanwhile: the whole list says so
            changed.append(std::move(*account));
        }
        if (changed.size() == ids.size()) {
            if (!changed.isEmpty())
                Q_EMIT accountsPatched(changed);
            return;
        }
    }
    Q_EMIT accountsSnapshot(m_accounts->accounts(), poolStrategyName(m_accounts->strategy()));
}

QString ProxyCore::openStorage()
{
    if (!m_storageResult)
        m_storageResult = m_config.dataDir.isEmpty() ? CredentialsMigration(m_config, m_accounts).loadInMemory() : attachStorage();
    return *m_storageResult;
}

QString ProxyCore::attachStorage()
{
    static int connections = 0;
    m_db = std::make_unique<Database>(Database::defaultPath(m_config.dataDir), QStringLiteral("kirotray-proxy-%1").arg(++connections));
    QString error;
    if (!m_db->open(&error))
        return QStringLiteral("cannot open the database: %1").arg(error);
    if (m_chosenSecrets) {
        m_secrets = m_chosenSecrets;
    } else {   // start-up did not need a secret before: the one choice is made here
        SecretStoreChoice choice = chooseSecretStore(m_config.secretStore, m_config.dataDir);
        if (!choice.store)
            return choice.error;
        m_secrets = std::move(choice.store);
        if (!adoptSecretStore(*m_secrets, m_config.dataDir, &error))
            qCWarning(lcCore).noquote() << "secrets could not be moved to the" << m_secrets->backend() << "store:" << error;
    }
    m_repository = std::make_unique<AccountRepository>(*m_db);
    m_log = std::make_unique<RequestLog>(*m_db, m_config.requestLogKeep);
    m_logWriter->setLog(m_log.get());
    error = m_accounts->attachStorage(m_repository.get(), m_secrets.get());
    if (!error.isEmpty())
        return QStringLiteral("cannot load the accounts: %1").arg(error);
    return CredentialsMigration(m_config, m_accounts).migrate();
}

RequestLog *ProxyCore::requestLog()
{
    return m_logWriter->log();
}

bool ProxyCore::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 ProxyCore::port() const
{
    return m_server ? m_server->port() : 0;
}

QDateTime ProxyCore::startedAt() const
{
    return m_server ? m_server->startedAt() : QDateTime();
}

QString ProxyCore::secretBackend() const
{
    return m_secrets ? m_secrets->backend() : QStringLiteral("none");
}

int ProxyCore::inFlight() const
{
    return m_server ? m_server->inFlight() : 0;
}

} // namespace kt
