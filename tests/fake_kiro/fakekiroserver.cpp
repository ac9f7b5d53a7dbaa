#include "fakekiroserver.h"

#include "fakehttpconnection.h"
#include "fakemodels.h"
#include "fakescenarios.h"
#include "fakemcp.h"
#include "fakesessionscript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <optional>

#include <algorithm>

namespace kt::fake {

namespace {

// Substrings of an access token that turn on an account-level failure (kept through refresh).
const QStringList AccountBehaviours = {QStringLiteral("throttled"), QStringLiteral("suspended"),
                                       QStringLiteral("quota"), QStringLiteral("broken")};

const QString FakeProfileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/FAKEPROFILE");

QJsonObject msg(const QString &text) { return {{QStringLiteral("message"), text}}; }

FakeReply invalidBearer()
{
    return FakeReply::json(403, msg(QStringLiteral("The bearer token included in the request is invalid.")));
}

// Empty optional when the bearer token is acceptable; otherwise the rejection to send.
std::optional<FakeReply> checkBearer(const RecordedRequest &request)
{
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Bearer ") || auth.size() <= 7)
        return invalidBearer();
    const QString token = QString::fromUtf8(auth.mid(7).trimmed());
    if (token.contains(QStringLiteral("expired")))
        return invalidBearer();
    const bool accepted = token.startsWith(QStringLiteral("fake-access-"))
        || (token.contains(QStringLiteral("valid")) && !token.contains(QStringLiteral("invalid")));
    if (!accepted)
        return invalidBearer();
    return std::nullopt;
}

std::optional<FakeReply> accountBehaviour(const QString &token)
{
    if (token.contains(QStringLiteral("throttled")))
        return FakeReply::json(429, {{QStringLiteral("message"), QStringLiteral("Rate exceeded")},
                                     {QStringLiteral("__type"), QStringLiteral("ThrottlingException")}});
    if (token.contains(QStringLiteral("suspended")))
        return FakeReply::json(403, {{QStringLiteral("message"), QStringLiteral("Your account is suspended")},
                                     {QStringLiteral("reason"), QStringLiteral("TEMPORARILY_SUSPENDED")}});
    if (token.contains(QStringLiteral("quota")))
        return FakeReply::json(402, {{QStringLiteral("message"), QStringLiteral("You have reached the limit.")},
                                     {QStringLiteral("reason"), QStringLiteral("MONTHLY_REQUEST_COUNT")}});
    if (token.contains(QStringLiteral("broken")))
        return FakeReply::json(500, msg(QStringLiteral("Internal server error")));
    return std::nullopt;
}

QString bearerToken(const RecordedRequest &request)
{
    return QString::fromUtf8(request.header("authorization").mid(7).trimmed());
}

} // namespace

FakeKiroServer::FakeKiroServer(QObject *parent)
    : QObject(parent)
    , m_usage(defaultUsageResponse())
    , m_defaultCatalogue(FakeModels::legacy())
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeKiroServer::onNewConnection);
}

FakeKiroServer::~FakeKiroServer()
{
    m_server.close();
    // Connections are children; delete them while the members they may touch still exist.
    qDeleteAll(findChildren<FakeHttpConnection *>(Qt::FindDirectChildrenOnly));
}

bool FakeKiroServer::listen(const QHostAddress &addr, quint16 port)
{
    m_server.setListenBacklogSize(1024);   // bursts of 1,024 connections in bench/, as Kiro's front end takes them
    return m_server.listen(addr, port);
}

quint16 FakeKiroServer::port() const
{
    return m_server.serverPort();
}

QString FakeKiroServer::baseUrl() const
{
    const QHostAddress addr = m_server.serverAddress();
    QString host = QStringLiteral("127.0.0.1");
    if (addr.protocol() == QAbstractSocket::IPv6Protocol && addr != QHostAddress::AnyIPv6)
        host = QLatin1Char('[') + addr.toString() + QLatin1Char(']');
    else if (addr.protocol() == QAbstractSocket::IPv4Protocol && addr != QHostAddress::AnyIPv4)
        host = addr.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

QList<RecordedRequest> FakeKiroServer::requests(const QByteArray &path) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &r : m_requests) {
        if (r.path == path)
            out.append(r);
    }
    return out;
}

QJsonObject FakeKiroServer::defaultUsageResponse()
{
    const QJsonObject freeTrial{{QStringLiteral("freeTrialStatus"), QStringLiteral("ACTIVE")},
                                {QStringLiteral("freeTrialExpiry"), 1765000000.0},
                                {QStringLiteral("currentUsageWithPrecision"), 3.5},
                                {QStringLiteral("usageLimitWithPrecision"), 500.0}};
    const QJsonObject bonus{{QStringLiteral("status"), QStringLiteral("ACTIVE")},
                            {QStringLiteral("currentUsage"), 1.0},
                            {QStringLiteral("usageLimit"), 100.0}};
    const QJsonObject breakdown{{QStringLiteral("currentUsage"), 12},
                                {QStringLiteral("currentUsageWithPrecision"), 12.37},
                                {QStringLiteral("usageLimit"), 50},
                                {QStringLiteral("usageLimitWithPrecision"), 50.0},
                                {QStringLiteral("nextDateReset"), 1764547200.0},
                                {QStringLiteral("freeTrialInfo"), freeTrial},
                                {QStringLiteral("bonuses"), QJsonArray{bonus}}};
    return {{QStringLiteral("nextDateReset"), 1764547200.0},
            {QStringLiteral("subscriptionInfo"), QJsonObject{{QStringLiteral("subscriptionTitle"), QStringLiteral("KIRO FREE")}}},
            {QStringLiteral("usageBreakdownList"), QJsonArray{breakdown}}};
}

void FakeKiroServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connectionCount;
        auto *connection = new FakeHttpConnection(socket, this);
        connection->setKeepAlive(m_keepAlive, m_requestsPerConnection);
        connect(connection, &FakeHttpConnection::requestReady, this, &FakeKiroServer::onRequest);
    }
}

void FakeKiroServer::onRequest(FakeHttpConnection *connection, const RecordedRequest &request)
{
    m_requests.append(request);
    Q_EMIT requestReceived(request.path);

    FakeReply reply;
    if (signIn.handles(request)) {
        reply = signIn.handle(request);
    } else if (request.path == "/generateAssistantResponse" && request.method == "POST" && m_failuresLeft > 0) {
        --m_failuresLeft;
        if (m_failureStatus == DropMidStream) {
            reply = FakeScenarios::build(QStringLiteral("drop"), request.json(), m_eventDelayMs);
        } else {
            reply = FakeReply::json(m_failureStatus, msg(QStringLiteral("fake_kiro: failing as told")));
            reply.dropConnection = m_failureStatus == 0;
        }
    } else if (request.path == "/generateAssistantResponse" && request.method == "POST") {
        reply = generate(request);
        metering.charge(reply);
    } else if (request.path == "/refreshToken" && request.method == "POST") {
        ++m_refreshCount;
        reply = refreshSocial(request);
        reply.headDelayMs = m_refreshDelayMs;
    } else if (request.path == "/token" && request.method == "POST") {
        ++m_refreshCount;
        reply = refreshIdc(request);
        reply.headDelayMs = m_refreshDelayMs;
    } else if (request.path == "/mcp" && request.method == "POST") {
        const auto rejection = checkBearer(request);
        const QString query = FakeMcp::query(request);
        const auto attempt = std::count_if(m_requests.cbegin(), m_requests.cend(), [&query](const RecordedRequest &r) {
            return r.path == "/mcp" && FakeMcp::query(r) == query;
        });
        reply = rejection ? *rejection : FakeMcp::reply(request, int(attempt));
    } else if (request.path == "/getUsageLimits" && request.method == "GET") {
        reply = usage(request);
    } else if (request.path == "/setUserPreference" && request.method == "POST") {
        const auto rejection = checkBearer(request);
        reply = rejection ? *rejection : overage.setPreference(request);
    } else if ((request.path == "/ListAvailableModels" && request.method == "GET")
               || (request.path == "/" && request.method == "POST"
                   && request.header("x-amz-target") == "AmazonCodeWhispererService.ListAvailableModels")) {
        reply = listModels(request);
    } else {
        reply = FakeReply::json(404, msg(QStringLiteral("fake_kiro: no route for %1 %2")
                                             .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.path))));
    }
    if (request.path == "/generateAssistantResponse") {
        const QByteArray token = request.header("authorization").mid(7).trimmed();
        m_maxActive[token] = std::max(m_maxActive.value(token), ++m_active[token]);
        reply.onEnd = [this, token] { --m_active[token]; };
    }
    connection->respond(reply, m_chunkSize);
}

FakeReply FakeKiroServer::generate(const RecordedRequest &request) const
{
    if (auto rejection = checkBearer(request))
        return *rejection;
    if (auto failure = accountBehaviour(bearerToken(request)))
        return *failure;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return FakeReply::json(400, msg(QStringLiteral("Improperly formed request.")));
    const QJsonObject body = doc.object();

    QString scenario = QString::fromUtf8(request.header("x-fake-scenario")).trimmed();
    if (scenario.isEmpty()) {
        const QString content = body.value(QStringLiteral("conversationState")).toObject()
                                    .value(QStringLiteral("currentMessage")).toObject()
                                    .value(QStringLiteral("userInputMessage")).toObject()
                                    .value(QStringLiteral("content")).toString();
        scenario = FakeScenarios::markerIn(content);
    }
    if (scenario.isEmpty()) {
        if (const QString session = FakeSessionScript::sessionIn(body); !session.isEmpty())
            return FakeSessionScript::build(session, body);
        scenario = m_defaultScenario;
    }
    return FakeScenarios::build(scenario, body, m_eventDelayMs);
}

FakeReply FakeKiroServer::refreshSocial(const RecordedRequest &request)
{
    const QString refreshToken = request.json().value(QStringLiteral("refreshToken")).toString();
    if (refreshToken.isEmpty())
        return FakeReply::json(400, msg(QStringLiteral("refreshToken is required")));
    return issueTokens(refreshToken, true);
}

FakeReply FakeKiroServer::refreshIdc(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    for (const char *key : {"clientId", "clientSecret", "refreshToken"}) {
        if (body.value(QLatin1String(key)).toString().isEmpty())
            return FakeReply::json(400, {{QStringLiteral("error"), QStringLiteral("invalid_request")},
                                         {QStringLiteral("error_description"), QStringLiteral("%1 is required").arg(QLatin1String(key))}});
    }
    if (body.value(QStringLiteral("grantType")).toString() != QStringLiteral("refresh_token"))
        return FakeReply::json(400, {{QStringLiteral("error"), QStringLiteral("unsupported_grant_type")},
                                     {QStringLiteral("error_description"), QStringLiteral("grantType must be refresh_token")}});
    return issueTokens(body.value(QStringLiteral("refreshToken")).toString(), false);
}

FakeReply FakeKiroServer::issueTokens(const QString &refreshToken, bool social)
{
    if (refreshToken.contains(QStringLiteral("revoked")))
        return FakeReply::json(400, {{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                                     {QStringLiteral("error_description"), QStringLiteral("Invalid refresh token provided")}});
    if (refreshToken.contains(QStringLiteral("refresh500")))
        return FakeReply::json(500, msg(QStringLiteral("Internal server error")));

    QString accessToken = QStringLiteral("fake-access-%1-%2").arg(m_refreshCount).arg(refreshToken.right(16));
    for (const QString &word : AccountBehaviours) {
        if (refreshToken.contains(word) && !accessToken.contains(word))
            accessToken += QLatin1Char('-') + word;
    }
    QJsonObject out{{QStringLiteral("accessToken"), accessToken},
                    {QStringLiteral("expiresIn"), m_tokenExpirySeconds}};
    if (refreshToken.contains(QStringLiteral("rotate"))) {
        static const QRegularExpression rotation(QStringLiteral("-r\\d+$"));
        QString rotated = refreshToken;
        rotated.remove(rotation);
        out.insert(QStringLiteral("refreshToken"), rotated + QStringLiteral("-r%1").arg(m_refreshCount));
    }
    if (social)
        out.insert(QStringLiteral("profileArn"), FakeProfileArn);
    else
        out.insert(QStringLiteral("tokenType"), QStringLiteral("Bearer"));
    return FakeReply::json(200, out);
}

FakeReply FakeKiroServer::usage(const RecordedRequest &request) const
{
    if (auto rejection = checkBearer(request))
        return *rejection;
    if (bearerToken(request).contains(QStringLiteral("suspended")))
        return *accountBehaviour(bearerToken(request));
    return FakeReply::json(200, overage.applyTo(metering.applyTo(m_usage)));
}

FakeReply FakeKiroServer::listModels(const RecordedRequest &request) const
{
    if (auto rejection = checkBearer(request))
        return *rejection;
    if (m_modelListStatus != 200)
        return FakeReply::json(m_modelListStatus, msg(QStringLiteral("fake_kiro: model list unavailable")));
    const QString token = bearerToken(request);
    QJsonArray models = m_defaultCatalogue;
    for (const auto &[marker, catalogue] : m_catalogues) {
        if (token.contains(marker)) {
            models = catalogue;
            break;
        }
    }
    QString pageToken = request.method == "POST" ? request.json().value(QStringLiteral("nextToken")).toString()
                                                 : QUrlQuery(QString::fromLatin1(request.query)).queryItemValue(QStringLiteral("nextToken"), QUrl::FullyDecoded);
    const int page = pageToken.startsWith(QLatin1String("page-")) ? pageToken.mid(5).toInt() : 0;
    const int size = std::max(1, m_modelPageSize);
    QJsonArray slice;
    for (int i = page * size; i < std::min<int>(models.size(), (page + 1) * size); ++i)
        slice.append(models.at(i));
    // Alternate the two names peers read, so a client must accept both.
    QJsonObject out{{page % 2 == 0 ? QStringLiteral("models") : QStringLiteral("availableModels"), slice},
                    {QStringLiteral("defaultModel"), QJsonObject{{QStringLiteral("modelId"), QStringLiteral("auto")}}}};
    if ((page + 1) * size < models.size())
        out.insert(QStringLiteral("nextToken"), m_repeatModelToken ? QStringLiteral("page-1") : QStringLiteral("page-%1").arg(page + 1));
    return FakeReply::json(200, out);
}

} // namespace kt::fake
