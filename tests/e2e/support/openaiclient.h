#pragma once
// The OpenAI faces as their clients call them (a Bearer key, a JSON body), and what both faces'
// suites check alike: the error shape and what reached the fake upstream.
#include "proxyfixture.h"

#include <QJsonObject>

namespace kt::test {

HttpClientHeaders bearer(const QByteArray &apiKey = TestApiKey);
HttpResult postOpenAi(ProxyFixture &f, const QByteArray &path, const QJsonObject &body);
// body with each field of extra added or replaced.
QJsonObject withFields(QJsonObject body, const QJsonObject &extra);
// The conversationState of the first request the fake upstream received.
QJsonObject firstUpstreamState(ProxyFixture &f);
// {"error":{"message","type","param","code"}} with this status, not Anthropic's {"type":"error",…}.
void verifyOpenAiError(const HttpResult &r, int status, const QString &type, const QJsonValue &param);

} // namespace kt::test
