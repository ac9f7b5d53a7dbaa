#include "service/proxyserver.h"

#include "pool/accountpool.h"
#include "accounts/credentialsfile.h"
#include "api/adminapi.h"
#include "management/managementservice.h"
#include "secrets/secretstore.h"
#include "server/corspreflight.h"
#include "service/secretstorechoice.h"
#include "util/freememory.h"
#include "service/apiface.h"
#include "pool/overageswitch.h"
#include "signin/signin.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/requestlog.h"
#include "anthropic/modelcatalog.h"
#include "models/fallbackmodels.h"
#include "anthropic/requestconverter.h"
#include "anthropic/tokenestimator.h"
#include "server/httpresponse.h"
#include "server/httpserver.h"
#include "server/openfilelimit.h"
#include "server/requestguard.h"
#include "service/messagesexchange.h"
#include "upstream/networkmanagerpool.h"
#include "upstream/upstreamconnectionpool.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <limits>

Q_LOGGING_CATEGORY(lcHttp, "kirotray.http")

namespace kt {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

// /v1/* and /api/* need the API key (except CORS preflights, when CORS is on).
bool needsApiKey(QByteArrayView path)
{
    return path.startsWith("/v1/") || path.startsWith("/api/");
}

QByteArray requestId()
{
    return "req_" + QUuid::createUuid().toString(QUuid::Id128).left(24).toLatin1();
}

} // namespace

ProxyServer::ProxyServer(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_network(new NetworkManagerPool(this)),
      m_upstreamConnections(new UpstreamConnectionPool(this)),
      m_accounts(new AccountPool(m_config, m_network, this)), m_signIn(new SignIn(m_config, m_accounts, m_network, this)),
      m_overage(new OverageSwitch(m_config, m_network, m_accounts, this)), m_guard(std::make_unique<RequestGuard>(m_config)),
      m_management(std::make_unique<ManagementService>(m_config, m_accounts, m_overage, this)),
      m_admin(std::make_unique<AdminApi>(m_management.get(), m_signIn))
{
    qRegisterMetaType<kt::RequestRecord>();
    qRegisterMetaType<kt::Account>();
    qRegisterMetaType<QList<kt::Account>>();
    if (auto proxy = NetworkManagerPool::proxyFromUrl(m_config.proxyUrl))
        m_network->setProxy(*proxy);
    m_snapshotTimer.setParent(this);   // follows the server to the proxy thread
    m_snapshotTimer.setSingleShot(true);
    m_snapshotTimer.setInterval(100);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &ProxyServer::emitSnapshot);
    const auto schedule = [this] {
        if (!m_snapshotTimer.isActive())
            m_snapshotTimer.start();
    };
    connect(m_accounts, &AccountPool::accountsChanged, this, schedule);
    connect(m_accounts, &AccountPool::accountChanged, this, schedule);
    connect(m_accounts, &AccountPool::notify, this, &ProxyServer::notification);
    m_logTimer.setParent(this);
    m_logTimer.setSingleShot(true);
    m_logTimer.setInterval(LogFlushIntervalMs);
    connect(&m_logTimer, &QTimer::timeout, this, &ProxyServer::flushRequestLog);
    m_trimTimer.setParent(this);
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(TrimAfterIdleMs);
    connect(&m_trimTimer, &QTimer::timeout, this, &releaseFreeMemory);
}

ProxyServer::~ProxyServer()
{
    stop();
    // The pool flushes its counters into the repository: it must go before the storage does.
    delete std::exchange(m_accounts, nullptr);
    flushRequestLog();
    m_log.reset();
    m_repository.reset();
    m_db.reset();
}

void ProxyServer::emitSnapshot()
{
    if (m_accounts)
        Q_EMIT accountsSnapshot(m_accounts->accounts(), poolStrategyName(m_accounts->strategy()));
}

QString ProxyServer::secretBackend() const
{
    return m_secrets ? m_secrets->backend() : QStringLiteral("none");
}

QString ProxyServer::openStorage()
{
    if (m_storageResult)
        return *m_storageResult;
    m_storageResult = QString();
    if (m_config.dataDir.isEmpty()) {   // in-memory pool, as before storage existed
        const auto env = CredentialsFile::fromEnvironment(QProcessEnvironment::systemEnvironment());
        if (env) {
            m_accounts->setCredentials({*env}, QString(), false);
        } else if (QFileInfo::exists(m_config.credentialsFile)) {
            const auto loaded = CredentialsFile::load(m_config.credentialsFile);
            if (!loaded.error.isEmpty())
                return *(m_storageResult = loaded.error);
            m_accounts->setCredentials(loaded.credentials, m_config.credentialsFile, loaded.wasArray);
        }
        return {};
    }
    static int connections = 0;
    m_db = std::make_unique<Database>(Database::defaultPath(m_config.dataDir), QStringLiteral("kirotray-proxy-%1").arg(++connections));
    QString error;
    if (!m_db->open(&error))
        return *(m_storageResult = QStringLiteral("cannot open the database: %1").arg(error));
    SecretStoreChoice choice = chooseSecretStore(m_config.secretStore, m_config.dataDir);
    if (!choice.store)
        return *(m_storageResult = choice.error);
    m_secrets = std::move(choice.store);
    if (!adoptSecretStore(*m_secrets, m_config.dataDir, &error))
        qCWarning(lcHttp).noquote() << "secrets could not be moved to the" << m_secrets->backend() << "store:" << error;
    m_repository = std::make_unique<AccountRepository>(*m_db);
    m_log = std::make_unique<RequestLog>(*m_db, m_config.requestLogKeep);
    error = m_accounts->attachStorage(m_repository.get(), m_secrets.get());
    if (!error.isEmpty())
        return *(m_storageResult = QStringLiteral("cannot load the accounts: %1").arg(error));
    m_storageResult = migrateFirstStart();
    restoreWriteBack();
    return *m_storageResult;
}

// One-time: the accounts a kiro-rs style setup had (credentials.json, REFRESH_TOKEN) join the pool.
QString ProxyServer::migrateFirstStart()
{
    if (m_accounts->setting(QStringLiteral("credentials-migrated")).isEmpty()) {
        if (m_accounts->size() == 0 && QFileInfo::exists(m_config.credentialsFile)) {
            const auto loaded = CredentialsFile::load(m_config.credentialsFile);
            if (!loaded.error.isEmpty())
                return loaded.error;
            for (const QString &w : loaded.warnings)
                qCWarning(lcHttp).noquote() << w;
            QJsonArray ids;
            for (const Credential &c : loaded.credentials) {
                const auto added = m_accounts->addAccount(c, c.email, false);
                if (const qint64 *id = std::get_if<qint64>(&added))
                    ids.append(double(*id));
                else
                    qCWarning(lcHttp).noquote() << "not imported from" << m_config.credentialsFile << ":" << std::get<QString>(added);
            }
            qCInfo(lcHttp).noquote() << QStringLiteral("imported %1 account(s) from %2 into the account pool (one-time migration)")
                                            .arg(ids.size()).arg(m_config.credentialsFile);
            const QJsonObject writeBack{{QStringLiteral("path"), m_config.credentialsFile},
                                        {QStringLiteral("array"), loaded.wasArray},
                                        {QStringLiteral("ids"), ids}};
            m_accounts->setSetting(QStringLiteral("credentials-file"), QString::fromUtf8(QJsonDocument(writeBack).toJson(QJsonDocument::Compact)));
        }
        m_accounts->setSetting(QStringLiteral("credentials-migrated"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    }
    const auto env = CredentialsFile::fromEnvironment(QProcessEnvironment::systemEnvironment());
    const QString envHash = env ? Account::hashSecret(env->refreshToken) : QString();
    if (env && m_accounts->setting(QStringLiteral("env-credential")) != envHash) {
        const auto added = m_accounts->addAccount(*env, QString(), false);
        if (std::holds_alternative<qint64>(added)) {
            m_accounts->setSetting(QStringLiteral("env-credential"), envHash);
            qCInfo(lcHttp).noquote() << "the REFRESH_TOKEN account from the environment is in the account pool";
        }
    }
    if (!QProcessEnvironment::systemEnvironment().value(QStringLiteral("POOL_MODE")).isEmpty())
        qCInfo(lcHttp).noquote() << "POOL_MODE is accepted for compatibility and ignored: KiroTray always serves from its account pool";
    return {};
}

void ProxyServer::restoreWriteBack()
{
    const QJsonObject o = QJsonDocument::fromJson(m_accounts->setting(QStringLiteral("credentials-file")).toUtf8()).object();
    const QString path = o.value(QStringLiteral("path")).toString();
    if (path.isEmpty())
        return;
    QSet<qint64> ids;
    for (const QJsonValue &v : o.value(QStringLiteral("ids")).toArray())
        ids.insert(qint64(v.toDouble()));
    m_accounts->setWriteBackFile(path, o.value(QStringLiteral("array")).toBool(), ids);
}

QString ProxyServer::start()
{
    if (m_http)
        return {};
    const QHostAddress address = m_config.host == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                                             : QHostAddress(m_config.host);
    // The port opens first: the storage (SQLite, keychain probe) and the HTTP server (TLS backend)
    // take most of the start-up. Connections arriving meanwhile wait in the listen backlog and are
    // served once this returns to the event loop, with the pool loaded. As before, the storage is
    // opened (and its error wins) even when the address or the port is unusable.
    QString error;
    std::unique_ptr<QTcpServer> listener;
    if (!address.isNull())
        listener.reset(HttpServer::openListener(address, m_config.port, connectionLimits(), &error));
    if (const QString storageError = openStorage(); !storageError.isEmpty())
        return storageError;
    if (address.isNull())
        return QStringLiteral("host '%1' is not an IP address").arg(m_config.host);
    if (!listener)
        return QStringLiteral("cannot listen on %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(error);
    if (m_accounts->size() == 0)
        qCWarning(lcHttp).noquote() << "no Kiro account configured: requests will fail until one is imported (or"
                                    << m_config.credentialsFile << "exists, or REFRESH_TOKEN is set, at first start)";
    m_http = new HttpServer(connectionLimits(), this);
    m_http->setHeadCheck([this](const RequestHead &head) { return refusalBeforeBody(head); });
    m_http->setHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, responder.socket());
    });
    m_http->serve(listener.release());
    applyOpenFileLimit();
    m_port = m_http->port();
    m_startedAt = QDateTime::currentDateTimeUtc();
    qCInfo(lcHttp).noquote() << QStringLiteral("listening on http://%1:%2").arg(m_config.host).arg(m_port);
    return {};
}

void ProxyServer::stop()
{
    for (const auto &exchange : std::as_const(m_exchanges))
        if (exchange)
            exchange->shutdown();
    m_exchanges.clear();
    m_upstreamConnections->clear();
    if (m_http) {
        m_http->stopListening();
        m_http->deleteLater();
        m_http = nullptr;
    }
    m_port = 0;
}

int ProxyServer::inFlight() const
{
    int n = 0;
    for (const auto &exchange : m_exchanges)
        n += exchange ? 1 : 0;
    return n;
}

bool ProxyServer::corsAllowed(const QHttpServerRequest &request) const
{
    const QByteArray origin = request.value("Origin");
    return m_config.corsEnabled && !origin.isEmpty() && m_guard->isAllowedOrigin(origin);
}

QList<QPair<QByteArray, QByteArray>> ProxyServer::responseHeaders(const QHttpServerRequest &request) const
{
    HttpHeaders headers{{"request-id", requestId()}};
    if (corsAllowed(request)) {
        headers.append(qMakePair(QByteArray("Access-Control-Allow-Origin"), request.value("Origin")));
        headers.append(qMakePair(QByteArray("Access-Control-Expose-Headers"), CorsPreflight::exposedHeaders()));
        headers.append(qMakePair(QByteArray("Vary"), QByteArray("Origin")));
    }
    return headers;
}

// Each stream holds two descriptors (client and upstream); what is open now (storage, listener,
// event loop) plus a reserve for refreshes and the upstream pool's spares is kept out of the budget.
void ProxyServer::applyOpenFileLimit()
{
    const OpenFileLimit files = raiseOpenFileLimit();
    if (files.now <= 0)
        return;
    const qint64 reserve = files.inUse + ReserveDescriptors + (m_config.upstreamKeepAlive ? UpstreamConnectionPool::DefaultMaxIdlePerOrigin : 0);
    const int streams = int(qBound(qint64(1), (files.now - reserve) / 2, qint64(std::numeric_limits<int>::max())));
    m_http->setConnectionBudget(streams, files.now - LastDescriptors);
    qCInfo(lcHttp).noquote() << QStringLiteral("open-file limit %1%2: up to %3 concurrent streams (2 descriptors each, %4 kept for the rest)")
                                    .arg(files.now)
                                    .arg(files.before == files.now ? QString() : QStringLiteral(" (raised from %1)").arg(files.before))
                                    .arg(streams)
                                    .arg(reserve);
}

ConnectionLimits ProxyServer::connectionLimits() const
{
    return {m_config.maxBodyBytes, m_config.clientIdleTimeoutMs, m_config.clientHeaderTimeoutMs,
            m_config.clientMinBodyBytesPerSecond};
}

std::optional<ApiError> ProxyServer::refusalBeforeBody(const RequestHead &head) const
{
    if (auto refused = m_guard->checkOrigin(head.value("host"), head.value("origin")))
        return refused;
    const QByteArray path = head.path();
    if (!needsApiKey(path) || (head.method == "OPTIONS" && m_config.corsEnabled))
        return std::nullopt;
    return m_guard->checkApiKey(RequestGuard::presentedKey(head.value("x-api-key"), head.value("authorization")),
                                path.startsWith("/api/"));
}

void ProxyServer::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    RequestRecord record;
    record.time = Clock::current().now();
    record.method = methodName(request.method());
    record.path = request.url().path();
    const HttpHeaders headers = responseHeaders(request);
    QElapsedTimer clock;
    clock.start();
    const ApiFace face = apiFaceOf(record.path);
    record.face = apiFaceName(face);
    auto reply = [&](const ApiError &error) {
        writeJson(socket, error.httpStatus, apiFaceError(face, error), headers);
        record.status = error.httpStatus;
        record.error = error.message;
    };

    if (auto refused = m_guard->checkOrigin(request)) {
        reply(*refused);
    } else if (request.method() == QHttpServerRequest::Method::Options && m_config.corsEnabled) {
        HttpHeaders preflight = headers;
        if (corsAllowed(request))
            preflight += CorsPreflight::headers(request.value("Access-Control-Request-Headers"));
        writeResponse(socket, 204, "text/plain", {}, preflight);
        record.status = 204;
    } else if (record.path == QLatin1String("/") || record.path == QLatin1String("/health")) {
        writeJson(socket, 200, {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("version"), QStringLiteral(KIROTRAY_VERSION)}}, headers);
        record.status = 200;
    } else if (!needsApiKey(record.path.toUtf8())) {
        reply(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(record.path)));
    } else if (auto denied = m_guard->checkApiKey(request, record.path.startsWith(QLatin1String("/api/")))) {
        reply(*denied);
    } else if (record.path.startsWith(QLatin1String("/api/"))) {
        m_admin->handle(request, socket, headers, [this, record, clock](int status, const QString &error) mutable {
            record.status = status;
            record.error = error;
            record.durationMs = clock.elapsed();
            complete(record);
        });
        return;
    } else if (record.path == QLatin1String("/v1/messages")) {
        if (request.method() != QHttpServerRequest::Method::Post)
            reply(ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on /v1/messages: use POST").arg(record.method)));
        else
            return handleMessages(request, socket, record);
    } else if (record.path == QLatin1String("/v1/chat/completions") || record.path == QLatin1String("/v1/responses")) {
        if (request.method() != QHttpServerRequest::Method::Post)
            reply(ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use POST").arg(record.method, record.path)));
        else
            return handleMessages(request, socket, record);
    } else if (record.path == QLatin1String("/v1/messages/count_tokens")) {
        if (request.method() != QHttpServerRequest::Method::Post)
            reply(ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on /v1/messages/count_tokens: use POST").arg(record.method)));
        else
            handleCountTokens(request, socket, record);
    } else if (record.path == QLatin1String("/v1/models") || record.path.startsWith(QLatin1String("/v1/models/"))) {
        if (request.method() != QHttpServerRequest::Method::Get && request.method() != QHttpServerRequest::Method::Head)
            reply(ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use GET").arg(record.method, record.path)));
        else
            handleModels(request, socket, record);
    } else {
        reply(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(record.path)));
    }
    record.durationMs = clock.elapsed();
    complete(record);
}

void ProxyServer::handleModels(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record)
{
    const qint64 listedAt = m_startedAt.isValid() ? m_startedAt.toSecsSinceEpoch() : 0;
    if (record.path == QLatin1String("/v1/models")) {
        const QList<KiroModel> models = m_accounts->size() == 0 ? FallbackModels::models() : m_accounts->modelIndex().models();
        writeJson(socket, 200, ModelCatalog::modelsListJson(models, listedAt), responseHeaders(request));
        record.status = 200;
        return;
    }
    // Any id a request may name: the model that would serve it.
    const QString id = QUrl::fromPercentEncoding(record.path.mid(QStringLiteral("/v1/models/").size()).toUtf8());
    const auto resolved = m_accounts->resolveModel(id);
    if (const auto *model = std::get_if<ResolvedModel>(&resolved)) {
        HttpHeaders headers = responseHeaders(request);
        headers.append(qMakePair(QByteArray("kirotray-served-model"), model->kiroModelId.toUtf8()));
        writeJson(socket, 200, ModelCatalog::modelJson(model->model, listedAt), headers);
        record.status = 200;
        return;
    }
    const ApiError error = ApiError::notFound(QStringLiteral("model '%1' not found").arg(id.left(100)));
    writeError(socket, error, responseHeaders(request));
    record.status = error.httpStatus;
}

std::variant<ConversionOptions, ApiError> ProxyServer::conversionOptions(const QJsonObject &body) const
{
    ConversionOptions options;
    const QJsonValue model = body.value(QStringLiteral("model"));
    if (!model.isString() || model.toString().trimmed().isEmpty())
        return options;   // the validator names the problem
    auto resolved = m_accounts->resolveModel(model.toString());
    if (auto *error = std::get_if<ApiError>(&resolved))
        return *error;
    options.model = std::get<ResolvedModel>(std::move(resolved));
    options.promptTooLongPercent = m_config.promptTooLongPercent;
    return options;
}

void ProxyServer::handleCountTokens(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record)
{
    auto parsed = RequestConverter::parseBody(request.body());
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        writeError(socket, *error, responseHeaders(request));
        record.status = error->httpStatus;
        record.error = error->message;
        return;
    }
    QJsonObject body = std::get<QJsonObject>(parsed);
    record.model = body.value(QStringLiteral("model")).toString();
    // count_tokens carries no max_tokens; validate the rest exactly like /v1/messages.
    auto options = conversionOptions(body);
    std::variant<ConvertedRequest, ApiError> converted = ApiError::invalidRequest(QString());
    if (auto *error = std::get_if<ApiError>(&options)) {
        converted = *error;
    } else {
        std::get<ConversionOptions>(options).promptTooLongPercent = 0;   // counting a long prompt is what it is for
        converted = RequestConverter::convert(body, std::get<ConversionOptions>(options));
    }
    if (auto *error = std::get_if<ApiError>(&converted)) {
        writeError(socket, *error, responseHeaders(request));
        record.status = error->httpStatus;
        record.error = error->message;
        return;
    }
    record.inputTokens = TokenEstimator::countRequestTokens(body);
    writeJson(socket, 200, {{QStringLiteral("input_tokens"), record.inputTokens}}, responseHeaders(request));
    record.status = 200;
}

void ProxyServer::handleMessages(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord record)
{
    const ApiFace face = apiFaceOf(record.path);
    auto parsed = RequestConverter::parseBody(request.body());
    std::variant<FaceRequest, ApiError> translated = ApiError::invalidRequest(QString());
    std::variant<ConvertedRequest, ApiError> converted = ApiError::invalidRequest(QString());
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        converted = *error;
    } else {
        record.model = std::get<QJsonObject>(parsed).value(QStringLiteral("model")).toString();
        translated = translateRequest(face, std::get<QJsonObject>(parsed));
        std::variant<ConversionOptions, ApiError> options = ApiError::invalidRequest(QString());
        if (auto *error = std::get_if<ApiError>(&translated))
            options = *error;
        else
            options = conversionOptions(std::get<FaceRequest>(translated).messages);
        if (auto *error = std::get_if<ApiError>(&options))
            converted = *error;
        else
            converted = RequestConverter::convert(std::get<FaceRequest>(translated).messages, std::get<ConversionOptions>(options));
    }
    if (auto *error = std::get_if<ApiError>(&converted)) {
        writeJson(socket, error->httpStatus, apiFaceError(face, *error), responseHeaders(request));
        record.status = error->httpStatus;
        record.error = error->message;
        return complete(record);
    }
    HttpHeaders headers = responseHeaders(request);
    headers.append(qMakePair(QByteArray("kirotray-served-model"), std::get<ConvertedRequest>(converted).kiroModelId.toUtf8()));
    auto *exchange = new MessagesExchange(m_config, m_accounts, m_network->proxy(), m_upstreamConnections, std::get<ConvertedRequest>(std::move(converted)),
                                          socket, record, headers, std::move(std::get<FaceRequest>(translated).format), this);
    m_exchanges.append(exchange);
    m_trimTimer.stop();
    connect(exchange, &MessagesExchange::finished, this, [this, exchange](const RequestRecord &r) {
        m_exchanges.removeAll(exchange);
        if (m_exchanges.isEmpty())
            m_trimTimer.start();
        complete(r);
    });
    exchange->start();
}

RequestLog *ProxyServer::requestLog()
{
    flushRequestLog();   // readers see every request that has finished
    return m_log.get();
}

void ProxyServer::flushRequestLog()
{
    m_logTimer.stop();
    if (!m_log || m_pendingLog.isEmpty())
        return;
    const QList<RequestRecord> batch = std::exchange(m_pendingLog, {});
    QString error;
    if (!m_log->append(batch, &error))
        qCWarning(lcHttp).noquote() << "cannot write the request log:" << error;
}

void ProxyServer::complete(const RequestRecord &r)
{
    // Written in batches off the request path: a SQLite transaction per request would hold up
    // every stream on this thread, and the next request.
    if (m_log && (r.path == QLatin1String("/v1/messages") || r.path == QLatin1String("/v1/chat/completions")
                  || r.path == QLatin1String("/v1/responses"))) {
        m_pendingLog.append(r);
        if (m_pendingLog.size() >= MaxPendingLogRecords)
            flushRequestLog();
        else if (!m_logTimer.isActive())
            m_logTimer.start();
    }
    qCInfo(lcHttp).noquote() << QStringLiteral("%1 %2 model=%3 stream=%4 status=%5 account=%6 in=%7 out=%8 %9ms ttfb=%10ms%11")
                                    .arg(r.method, r.path, r.model.isEmpty() ? QStringLiteral("-") : r.model)
                                    .arg(r.stream ? 1 : 0)
                                    .arg(r.status)
                                    .arg(r.accountName.isEmpty() ? QStringLiteral("-") : r.accountName)
                                    .arg(r.inputTokens)
                                    .arg(r.outputTokens)
                                    .arg(r.durationMs)
                                    .arg(r.ttfbMs)
                                    .arg(r.error.isEmpty() ? QString() : QStringLiteral(" error=\"%1\"").arg(r.error));
    Q_EMIT requestFinished(r);
}

} // namespace kt
