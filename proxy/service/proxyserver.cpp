#include "service/proxyserver.h"

#include "api/adminapi.h"
#include "config/config.h"
#include "management/managementservice.h"
#include "pool/accountpool.h"
#include "server/corspreflight.h"
#include "server/httpserver.h"
#include "server/openfilelimit.h"
#include "server/requestguard.h"
#include "service/apiface.h"
#include "service/proxycore.h"
#include "service/v1router.h"
#include "storage/requestlogwriter.h"
#include "upstream/upstreamconnectionpool.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <limits>

Q_LOGGING_CATEGORY(lcHttp, "kirotray.http")

namespace kt {

namespace {

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

ProxyServer::ProxyServer(ProxyCore &core, QObject *parent)
    : QObject(parent), m_core(core), m_config(core.config()), m_guard(std::make_unique<RequestGuard>(m_config)),
      m_admin(std::make_unique<AdminApi>(core.management(), core.signIn())), m_v1(new V1Router(core, this))
{
}

ProxyServer::~ProxyServer()
{
    stop();
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
    if (const QString storageError = m_core.openStorage(); !storageError.isEmpty())
        return storageError;
    if (address.isNull())
        return QStringLiteral("host '%1' is not an IP address").arg(m_config.host);
    if (!listener)
        return QStringLiteral("cannot listen on %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(error);
    if (m_core.accounts()->isEmpty())
        qCWarning(lcHttp).noquote() << "no Kiro account configured: requests will fail until one is imported (or"
                                    << m_config.credentialsFile << "exists, or REFRESH_TOKEN is set, at first start)";
    m_http = new HttpServer(connectionLimits(), this);
    m_http->setHeadCheck([this](const RequestHead &head) { return refusalBeforeBody(head); });
    m_http->setHandler([this](const HttpRequest &request, QTcpSocket *socket) { handle(request, socket); });
    m_http->serve(listener.release());
    applyOpenFileLimit();
    m_port = m_http->port();
    m_startedAt = QDateTime::currentDateTimeUtc();
    qCInfo(lcHttp).noquote() << QStringLiteral("listening on http://%1:%2").arg(m_config.host).arg(m_port);
    return {};
}

void ProxyServer::stop()
{
    m_v1->shutdown();
    m_core.upstreamConnections()->clear();
    if (m_http) {
        m_http->stopListening();
        m_http->deleteLater();
        m_http = nullptr;
    }
    m_port = 0;
}

int ProxyServer::inFlight() const
{
    return m_v1->inFlight();
}

bool ProxyServer::corsAllowed(const HttpRequest &request) const
{
    const QByteArray origin = request.value("Origin");
    return m_config.corsEnabled && !origin.isEmpty() && m_guard->isAllowedOrigin(origin);
}

HttpHeaders ProxyServer::responseHeaders(const HttpRequest &request) const
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
    const qint64 reserve = files.inUse + ReserveDescriptors;
    const int streams = int(qBound(qint64(1), (files.now - reserve) / 2, qint64(std::numeric_limits<int>::max())));
    m_http->setConnectionBudget(streams, files.now - LastDescriptors);
    // Idle upstream connections are ones that streams used at once, so the streams' own
    // descriptors cover them: never more in use and idle together than there are streams.
    const int idle = std::min(UpstreamConnectionPool::DefaultMaxIdlePerOrigin, streams);
    m_core.upstreamConnections()->setMaxIdlePerOrigin(idle);
    qCInfo(lcHttp).noquote() << QStringLiteral("open-file limit %1%2: up to %3 concurrent streams (2 descriptors each, %4 kept for the rest)%5")
                                    .arg(files.now)
                                    .arg(files.before == files.now ? QString() : QStringLiteral(" (raised from %1)").arg(files.before))
                                    .arg(streams)
                                    .arg(reserve)
                                    .arg(m_config.upstreamKeepAlive ? QStringLiteral("; up to %1 idle upstream connections kept for reuse").arg(idle) : QString());
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

void ProxyServer::handle(const HttpRequest &request, QTcpSocket *socket)
{
    RequestRecord record;
    record.time = Clock::current().now();
    record.method = QString::fromLatin1(request.methodName());
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
    } else if (request.method() == HttpRequest::Method::Options && m_config.corsEnabled) {
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
    } else {
        m_v1->route(request, socket, record, headers, [this, clock](RequestRecord r) {
            if (!r.durationMs)   // an exchange measures its own; an answer written here did not
                r.durationMs = clock.elapsed();
            complete(r);
        });
        return;
    }
    record.durationMs = clock.elapsed();
    complete(record);
}

void ProxyServer::complete(const RequestRecord &r)
{
    if (r.path == QLatin1String("/v1/messages") || r.path == QLatin1String("/v1/chat/completions") || r.path == QLatin1String("/v1/responses"))
        m_core.logWriter()->append(r);
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
