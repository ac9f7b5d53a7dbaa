#include "openaiclient.h"

#include <QJsonDocument>
#include <QtTest>

namespace kt::test {

HttpClientHeaders bearer(const QByteArray &apiKey)
{
    return {{"authorization", "Bearer " + apiKey}, {"content-type", "application/json"}};
}

HttpResult postOpenAi(ProxyFixture &f, const QByteArray &path, const QJsonObject &body)
{
    return f.postRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer());
}

QJsonObject withFields(QJsonObject body, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QJsonObject firstUpstreamState(ProxyFixture &f)
{
    return f.fake.requests("/generateAssistantResponse").value(0).json().value("conversationState").toObject();
}

void verifyOpenAiError(const HttpResult &r, int status, const QString &type, const QJsonValue &param)
{
    QCOMPARE(r.status, status);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    const QJsonObject error = r.json().value("error").toObject();
    QCOMPARE(error.value("type").toString(), type);
    QVERIFY(!error.value("message").toString().isEmpty());
    QVERIFY(error.contains("code"));
    QCOMPARE(error.value("param"), param);
    QVERIFY(!r.json().contains("type"));
}

} // namespace kt::test
