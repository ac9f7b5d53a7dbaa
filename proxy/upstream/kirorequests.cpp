#include "upstream/kirorequests.h"

#include "accounts/credential.h"
#include "config/config.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QUrlQuery>
#include <QUuid>

namespace kt::KiroRequests {

namespace {
constexpr auto NodeVersion = "22.22.0";

QByteArray ideTag(const Config &config, const QString &machineId)
{
    return "KiroIDE-" + config.kiroVersion.toLatin1() + '-' + machineId.toLatin1();
}

QByteArray invocationId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

void setCommon(QNetworkRequest &request, const QUrl &url)
{
    request.setUrl(url);
    request.setRawHeader("host", url.host().toLatin1());
    request.setRawHeader("amz-sdk-invocation-id", invocationId());
    request.setTransferTimeout(0); // our own timers decide, per phase
}
} // namespace

QByteArray osTag();

namespace {
// The header set of the runtime service's calls (getUsageLimits, ListAvailableModels), docs/protocol.md#endpoints-and-headers.
QNetworkRequest runtimeRequest(const Config &config, const Credential &credential, const QUrl &url,
                               const QString &accessToken, const QString &machineId)
{
    QNetworkRequest request;
    setCommon(request, url);
    const QByteArray ide = ideTag(config, machineId);
    request.setRawHeader("x-amz-user-agent", "aws-sdk-js/1.0.0 " + ide);
    request.setRawHeader("user-agent", "aws-sdk-js/1.0.0 ua/2.1 os/" + osTag() + " lang/js md/nodejs#" + NodeVersion
                                           + " api/codewhispererruntime#1.0.0 m/N,E " + ide);
    request.setRawHeader("amz-sdk-request", "attempt=1; max=1");
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    if (credential.authMethod == AuthMethod::ApiKey)
        request.setRawHeader("tokentype", "API_KEY");
    return request;
}
} // namespace

QByteArray osTag()
{
    static const QByteArray tag = [] { // uname() once, not per request
        const QString kernel = QSysInfo::kernelType();
        if (kernel == QLatin1String("darwin"))
            return "darwin#" + QSysInfo::kernelVersion().toLatin1();
        if (kernel == QLatin1String("winnt"))
            return "win32#" + QSysInfo::kernelVersion().toLatin1();
        return kernel.toLatin1() + '#' + QSysInfo::kernelVersion().section(QLatin1Char('-'), 0, 0).toLatin1();
    }();
    return tag;
}

// The Kiro IDE's streaming client: its agent strings and the bearer token.
static void setStreamingClient(QNetworkRequest &request, const QByteArray &ide, const QString &accessToken)
{
    request.setRawHeader("x-amz-user-agent", "aws-sdk-js/1.0.34 " + ide);
    request.setRawHeader("user-agent", "aws-sdk-js/1.0.34 ua/2.1 os/" + osTag() + " lang/js md/nodejs#" + NodeVersion
                                           + " api/codewhispererstreaming#1.0.34 m/E " + ide);
    request.setRawHeader("amz-sdk-request", "attempt=1; max=3");
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
}

QNetworkRequest generateAssistantResponse(const Config &config, const Credential &credential,
                                          const QString &accessToken, const QString &machineId)
{
    QNetworkRequest request;
    setCommon(request, config.generateAssistantResponseUrl(credential.effectiveApiRegion(config)));
    const QByteArray ide = ideTag(config, machineId);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    if (!config.upstreamKeepAlive)
        request.setRawHeader("Connection", "close");
    request.setRawHeader("x-amzn-codewhisperer-optout", "true");
    request.setRawHeader("x-amzn-kiro-agent-mode", "vibe");
    setStreamingClient(request, ide, accessToken);
    if (credential.authMethod == AuthMethod::ApiKey)
        request.setRawHeader("tokentype", "API_KEY");
    return request;
}

QNetworkRequest mcp(const Config &config, const Credential &credential, const QString &accessToken, const QString &machineId)
{
    QNetworkRequest request;
    setCommon(request, config.mcpUrl(credential.effectiveApiRegion(config)));
    const QByteArray ide = ideTag(config, machineId);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("Connection", "close");
    setStreamingClient(request, ide, accessToken);
    if (!credential.profileArn.isEmpty())
        request.setRawHeader("x-amzn-kiro-profile-arn", credential.profileArn.toUtf8());
    if (credential.authMethod == AuthMethod::ApiKey)
        request.setRawHeader("tokentype", "API_KEY");
    return request;
}

QNetworkRequest usageLimits(const Config &config, const Credential &credential,
                            const QString &accessToken, const QString &machineId)
{
    QUrl url = config.usageLimitsUrl(credential.effectiveApiRegion(config));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    query.addQueryItem(QStringLiteral("resourceType"), QStringLiteral("AGENTIC_REQUEST"));
    if (!credential.profileArn.isEmpty())
        query.addQueryItem(QStringLiteral("profileArn"), QString::fromLatin1(QUrl::toPercentEncoding(credential.profileArn)));
    url.setQuery(query);
    return runtimeRequest(config, credential, url, accessToken, machineId);
}

QNetworkRequest setUserPreference(const Config &config, const Credential &credential, const QString &accessToken,
                                  const QString &machineId, bool overageEnabled, QByteArray *body)
{
    QNetworkRequest request = runtimeRequest(config, credential, config.userPreferenceUrl(credential.effectiveApiRegion(config)),
                                             accessToken, machineId);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    const QJsonObject json{
        {QStringLiteral("overageConfiguration"),
         QJsonObject{{QStringLiteral("overageStatus"), overageEnabled ? QStringLiteral("ENABLED") : QStringLiteral("DISABLED")}}},
        {QStringLiteral("profileArn"), credential.profileArn}};
    *body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return request;
}

QNetworkRequest listAvailableModels(const Config &config, const Credential &credential, const QString &accessToken,
                                    const QString &machineId, const QString &nextToken, QByteArray *body)
{
    const QString region = credential.effectiveApiRegion(config);
    if (config.modelListForm == QLatin1String("rpc")) {
        QNetworkRequest request = runtimeRequest(config, credential, config.apiRootUrl(region), accessToken, machineId);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-amz-json-1.0");
        request.setRawHeader("x-amz-target", "AmazonCodeWhispererService.ListAvailableModels");
        QJsonObject json{{QStringLiteral("origin"), QStringLiteral("AI_EDITOR")}};
        if (!credential.profileArn.isEmpty())
            json.insert(QStringLiteral("profileArn"), credential.profileArn);
        if (!nextToken.isEmpty())
            json.insert(QStringLiteral("nextToken"), nextToken);
        *body = QJsonDocument(json).toJson(QJsonDocument::Compact);
        return request;
    }
    QUrl url = config.listModelsUrl(region);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    query.addQueryItem(QStringLiteral("maxResults"), QStringLiteral("50"));
    if (!nextToken.isEmpty())
        query.addQueryItem(QStringLiteral("nextToken"), QString::fromLatin1(QUrl::toPercentEncoding(nextToken)));
    if (!credential.profileArn.isEmpty())
        query.addQueryItem(QStringLiteral("profileArn"), QString::fromLatin1(QUrl::toPercentEncoding(credential.profileArn)));
    url.setQuery(query);
    body->clear();
    QNetworkRequest request = runtimeRequest(config, credential, url, accessToken, machineId);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("x-amzn-codewhisperer-optout", "true");
    return request;
}

QNetworkRequest socialRefresh(const Config &config, const Credential &credential, const QString &machineId)
{
    QNetworkRequest request;
    setCommon(request, config.socialRefreshUrl(credential.effectiveAuthRegion(config)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("Accept", "application/json, text/plain, */*");
    request.setRawHeader("User-Agent", ideTag(config, machineId));
    return request;
}

QNetworkRequest oidcToken(const Config &config, const Credential &credential)
{
    QNetworkRequest request;
    setCommon(request, config.oidcTokenUrl(credential.effectiveAuthRegion(config)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("x-amz-user-agent", "aws-sdk-js/3.980.0 KiroIDE");
    request.setRawHeader("user-agent", "aws-sdk-js/3.980.0 ua/2.1 os/" + osTag() + " lang/js md/nodejs#" + NodeVersion
                                           + " api/sso-oidc#3.980.0 m/E KiroIDE");
    request.setRawHeader("amz-sdk-request", "attempt=1; max=4");
    return request;
}

QByteArray socialRefreshBody(const Credential &credential)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), credential.refreshToken}}).toJson(QJsonDocument::Compact);
}

QByteArray oidcTokenBody(const Credential &credential)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("clientId"), credential.clientId},
                                     {QStringLiteral("clientSecret"), credential.clientSecret},
                                     {QStringLiteral("refreshToken"), credential.refreshToken},
                                     {QStringLiteral("grantType"), QStringLiteral("refresh_token")}})
        .toJson(QJsonDocument::Compact);
}

} // namespace kt::KiroRequests
