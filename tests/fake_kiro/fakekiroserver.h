#pragma once
// A fake Kiro backend on real loopback HTTP/1.1 (raw QTcpServer): generateAssistantResponse with
// scripted event-stream scenarios, social/IdC token refresh, getUsageLimits and ListAvailableModels
// (REST GET or JSON-RPC POST, paged, a catalogue per account), setUserPreference (overage); records every request.
#include "fakemetering.h"
#include "fakeoverage.h"
#include "fakerecordedrequest.h"
#include "fakereply.h"
#include "fakesignin.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

namespace kt::fake {

class FakeHttpConnection;

class FakeKiroServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeKiroServer(QObject *parent = nullptr);
    ~FakeKiroServer() override;

    bool listen(const QHostAddress &addr = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const;   // "http://127.0.0.1:PORT"

    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(const QByteArray &path) const;
    void clearRequests() { m_requests.clear(); }

    void setChunkSize(int bytes) { m_chunkSize = bytes; }
    void setEventDelayMs(int ms) { m_eventDelayMs = ms; }
    void setDefaultScenario(const QString &name) { m_defaultScenario = name; }
    // The next `times` generateAssistantResponse calls answer `status` (0: the connection is reset
    // unanswered; DropMidStream: 200 with some text, then the connection breaks mid-frame, as the
    // "drop" scenario); the ones after are served as usual.
    static constexpr int DropMidStream = -1;
    void failNext(int times, int status) { m_failuresLeft = times; m_failureStatus = status; }
    void setTokenExpirySeconds(int s) { m_tokenExpirySeconds = s; }
    int refreshCount() const { return m_refreshCount; }
    void setRefreshDelayMs(int ms) { m_refreshDelayMs = ms; }
    void setUsageResponse(const QJsonObject &json) { m_usage = json; }
    // Keep-alive is on by default; requestsPerConnection > 0 closes a connection unanswered when
    // one more request arrives on it (a server's idle close racing the client's reuse).
    void setKeepAlive(bool on, int requestsPerConnection = 0)
    {
        m_keepAlive = on;
        m_requestsPerConnection = requestsPerConnection;
    }
    int connectionCount() const { return m_connectionCount; }   // accepted since start
    // generateAssistantResponse calls being answered at once per bearer token (account): the most so far.
    int maxConcurrent(const QByteArray &bearerToken) const { return m_maxActive.value(bearerToken); }
    QHash<QByteArray, int> maxConcurrentPerToken() const { return m_maxActive; }

    static QJsonObject defaultUsageResponse();

    FakeSignIn signIn;   // OIDC device flow and Kiro social login, with hooks
    FakeOverage overage; // overage status in getUsageLimits, changed by POST /setUserPreference
    FakeMetering metering; // the credits of the replies sent, added to getUsageLimits' current usage
    // ListAvailableModels: the first catalogue whose marker occurs in the bearer token (access
    // tokens issued by refresh end in the refresh token's last 16 characters), else the default
    // (FakeModels::legacy()). Pages of pageSize entries; repeatToken: every page names the same nextToken.
    void setModelCatalogue(const QString &tokenMarker, const QJsonArray &models) { m_catalogues.append(qMakePair(tokenMarker, models)); }
    void setDefaultModelCatalogue(const QJsonArray &models) { m_defaultCatalogue = models; }
    void setModelPageSize(int n, bool repeatToken = false)
    {
        m_modelPageSize = n;
        m_repeatModelToken = repeatToken;
    }
    void setModelListStatus(int status) { m_modelListStatus = status; }   // non-200: every list call fails so

Q_SIGNALS:
    void requestReceived(const QByteArray &path);

private:
    void onNewConnection();
    void onRequest(FakeHttpConnection *connection, const RecordedRequest &request);
    int m_failuresLeft = 0;
    int m_failureStatus = 500;
    FakeReply generate(const RecordedRequest &request) const;
    FakeReply refreshSocial(const RecordedRequest &request);
    FakeReply refreshIdc(const RecordedRequest &request);
    FakeReply issueTokens(const QString &refreshToken, bool social);
    FakeReply usage(const RecordedRequest &request) const;
    FakeReply listModels(const RecordedRequest &request) const;

    QTcpServer m_server;
    QList<RecordedRequest> m_requests;
    int m_chunkSize = 7;
    int m_eventDelayMs = 0;
    QString m_defaultScenario = QStringLiteral("text");
    int m_tokenExpirySeconds = 3600;
    int m_refreshCount = 0;
    int m_refreshDelayMs = 0;
    QJsonObject m_usage;
    bool m_keepAlive = true;
    int m_requestsPerConnection = 0;
    int m_connectionCount = 0;
    QHash<QByteArray, int> m_active, m_maxActive;
    QList<QPair<QString, QJsonArray>> m_catalogues;
    QJsonArray m_defaultCatalogue;
    int m_modelPageSize = 3;
    bool m_repeatModelToken = false;
    int m_modelListStatus = 200;
};

} // namespace kt::fake
