#pragma once
// The local HTTP API's front: listens, guards every request (Host, Origin, API key, CORS), answers
// /health, hands /api/* to the admin API and /v1/* to the V1Router, and logs each finished request.
// Lives on the proxy thread, owned by ProxyCore.
#include "server/clientconnection.h"
#include "server/httprequest.h"
#include "server/httpresponse.h"
#include "storage/requestrecord.h"

#include <QDateTime>
#include <QObject>
#include <memory>
#include <optional>

class QTcpSocket;

namespace kt {

class AdminApi;
class HttpServer;
class ProxyCore;
class RequestGuard;
class V1Router;
struct ApiError;
struct Config;
struct RequestHead;

class ProxyServer : public QObject
{
    Q_OBJECT
public:
    explicit ProxyServer(ProxyCore &core, QObject *parent = nullptr);
    ~ProxyServer() override;

    QString start();     // opens the core's storage and listens; returns an error message, empty on success
    void stop();         // stops listening and ends in-flight requests
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QDateTime startedAt() const { return m_startedAt; }
    int inFlight() const;

Q_SIGNALS:
    void requestFinished(const kt::RequestRecord &record);

private:
    void handle(const HttpRequest &request, QTcpSocket *socket);
    void complete(const RequestRecord &record);
    bool corsAllowed(const HttpRequest &request) const;
    HttpHeaders responseHeaders(const HttpRequest &request) const;
    ConnectionLimits connectionLimits() const;
    void applyOpenFileLimit();
    // Beyond the streams: connections waiting for their 503 (8), the upstream pool's spares (4),
    // token refreshes and quota reads, the log; the last 8 are never handed to a client.
    static constexpr int ReserveDescriptors = 32;
    static constexpr int LastDescriptors = 8;
    std::optional<ApiError> refusalBeforeBody(const RequestHead &head) const;   // for Expect: 100-continue

    ProxyCore &m_core;
    const Config &m_config;
    HttpServer *m_http = nullptr;
    std::unique_ptr<RequestGuard> m_guard;
    std::unique_ptr<AdminApi> m_admin;
    V1Router *m_v1;
    QDateTime m_startedAt;
    quint16 m_port = 0;
};

} // namespace kt
