#pragma once
// The real proxy (ProxyService, its own thread, ephemeral loopback port) pointed at an in-process
// fake Kiro upstream, with its own data directory (kept for the secret scan when ctest runs it).
// One per test function.
#include "fakekiroserver.h"
#include "httptestclient.h"
#include "testsecrets.h"

#include "storage/requestrecord.h"

#include "config/config.h"
#include "service/proxyservice.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace kt::test {

using HttpClientHeaders = QList<QPair<QByteArray, QByteArray>>;

class ProxyFixture
{
public:
    ProxyFixture();
    ~ProxyFixture();

    // Writes credentials.json (the given JSON, or one social account) and starts the proxy.
    bool start(const QJsonValue &credentials = {}, const std::function<void(Config &)> &tweak = {});
    void stop();
    // A new service on the same data directory and config (credentials.json left as it is): a restart.
    bool restart();

    fake::FakeKiroServer fake;
    QTemporaryDir dir;
    Config config;
    std::unique_ptr<ProxyService> service;

    quint16 port() const { return service ? service->port() : 0; }
    HttpClientHeaders authHeaders() const;
    HttpResult post(const QByteArray &path, const QJsonObject &body, int timeoutMs = 30000);
    HttpResult postRaw(const QByteArray &path, const QByteArray &body, const HttpClientHeaders &headers, int timeoutMs = 30000);
    HttpResult get(const QByteArray &path, const HttpClientHeaders &headers = {}, int timeoutMs = 30000);
    HttpResult messages(const QString &text, bool stream, const QJsonObject &extra = {});
    // A management API call with the API key (or the given headers); body: object, array or nothing.
    HttpResult api(const QByteArray &method, const QByteArray &path, const QJsonValue &body = {},
                   const HttpClientHeaders &headers = {}, int timeoutMs = 30000);
    QList<RequestRecord> records;   // every requestFinished the service emitted
    QString credentialsPath() const;

    static QJsonObject userMessage(const QString &text);
    static QJsonObject request(const QString &text, bool stream, const QString &model = QStringLiteral("claude-sonnet-4-5-20250929"));
};

} // namespace kt::test
