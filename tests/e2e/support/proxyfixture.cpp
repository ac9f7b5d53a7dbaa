#include "proxyfixture.h"
#include "testartifacts.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace kt::test {

namespace {

// The test function (and data row) that owns the fixture, so a kept data directory says whose it is.
QString ownerLabel()
{
    QString label = QString::fromLatin1(QTest::currentTestFunction());
    if (const char *tag = QTest::currentDataTag(); tag && *tag)
        label += QLatin1Char('-') + QString::fromLatin1(tag);
    return label;
}

} // namespace

ProxyFixture::ProxyFixture() : dir(TestArtifacts::dataDirTemplate(ownerLabel()))
{
    dir.setAutoRemove(!TestArtifacts::keep());
    TestArtifacts::captureLog();
    fake.listen();
}

ProxyFixture::~ProxyFixture()
{
    stop();
}

QString ProxyFixture::credentialsPath() const
{
    return dir.filePath(QStringLiteral("credentials.json"));
}

bool ProxyFixture::start(const QJsonValue &credentials, const std::function<void(Config &)> &tweak)
{
    QJsonValue creds = credentials;
    if (creds.isUndefined() || creds.isNull())
        creds = QJsonObject{{QStringLiteral("refreshToken"), TestRefreshToken}, {QStringLiteral("authMethod"), QStringLiteral("social")}};
    QFile file(credentialsPath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(creds.isArray() ? QJsonDocument(creds.toArray()).toJson() : QJsonDocument(creds.toObject()).toJson());
    file.close();
    // Owner-only, as the documentation asks of a credentials.json (the secret scan checks it).
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    config = Config();
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.apiKey = QString::fromLatin1(TestApiKey);
    config.dataDir = dir.path();
    config.credentialsFile = credentialsPath();
    config.apiBaseUrl = fake.baseUrl();
    config.socialAuthBaseUrl = fake.baseUrl();
    config.oidcBaseUrl = fake.baseUrl();
    config.upstreamConnectTimeoutMs = 5000;
    config.upstreamIdleTimeoutMs = 5000;
    config.modelRefreshHours = 0;   // no ListAvailableModels calls unless a test turns them on
    if (tweak)
        tweak(config);
    service = std::make_unique<ProxyService>(config);
    QObject::connect(service.get(), &ProxyService::requestFinished, service.get(),
                     [this](const RequestRecord &r) { records.append(r); });
    return service->startAndWait().isEmpty();
}

void ProxyFixture::stop()
{
    service.reset();
}

bool ProxyFixture::restart()
{
    stop();
    service = std::make_unique<ProxyService>(config);
    QObject::connect(service.get(), &ProxyService::requestFinished, service.get(),
                     [this](const RequestRecord &r) { records.append(r); });
    return service->startAndWait().isEmpty();
}

HttpResult ProxyFixture::api(const QByteArray &method, const QByteArray &path, const QJsonValue &body,
                             const HttpClientHeaders &headers, int timeoutMs)
{
    QByteArray bytes;
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isString())
        bytes = body.toString().toUtf8();
    return HttpTestClient(port()).request(method, path, bytes, headers.isEmpty() ? authHeaders() : headers, timeoutMs);
}

HttpClientHeaders ProxyFixture::authHeaders() const
{
    return {{"x-api-key", TestApiKey}, {"content-type", "application/json"}, {"anthropic-version", "2023-06-01"}};
}

HttpResult ProxyFixture::post(const QByteArray &path, const QJsonObject &body, int timeoutMs)
{
    return postRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), authHeaders(), timeoutMs);
}

HttpResult ProxyFixture::postRaw(const QByteArray &path, const QByteArray &body, const HttpClientHeaders &headers, int timeoutMs)
{
    return HttpTestClient(port()).request("POST", path, body, headers, timeoutMs);
}

HttpResult ProxyFixture::get(const QByteArray &path, const HttpClientHeaders &headers, int timeoutMs)
{
    return HttpTestClient(port()).request("GET", path, {}, headers.isEmpty() ? authHeaders() : headers, timeoutMs);
}

QJsonObject ProxyFixture::userMessage(const QString &text)
{
    return {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}};
}

QJsonObject ProxyFixture::request(const QString &text, bool stream, const QString &model)
{
    return {{QStringLiteral("model"), model},
            {QStringLiteral("max_tokens"), 1024},
            {QStringLiteral("stream"), stream},
            {QStringLiteral("messages"), QJsonArray{userMessage(text)}}};
}

HttpResult ProxyFixture::messages(const QString &text, bool stream, const QJsonObject &extra)
{
    QJsonObject body = request(text, stream);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return post("/v1/messages", body);
}

} // namespace kt::test
