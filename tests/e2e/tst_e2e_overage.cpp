// Overage end to end against the fake: getUsageLimits' status, capability, cap, rate and charges on the
// account JSON; POST /api/accounts/{id}/overage turns it on at Kiro (only with acknowledgeCharges) and
// off again; bad input and an account without a profile ARN are refused; a usage reading syncs the flag.
#include "proxyfixture.h"

#include <QJsonArray>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

QJsonObject account(const QString &word, bool withProfile = true)
{
    QJsonObject o{{"refreshToken", QStringLiteral("overage-refresh-%1-0123456789abcdef").arg(word)},
                  {"accessToken", QStringLiteral("valid-access-%1").arg(word)},
                  {"expiresAt", QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs)},
                  {"authMethod", "social"}};
    if (withProfile)
        o.insert("profileArn", "arn:aws:codewhisperer:us-east-1:123456789012:profile/OVERAGE");
    return o;
}

QJsonObject overageOf(ProxyFixture &f, int id)
{
    return f.api("GET", "/api/accounts/" + QByteArray::number(id)).json().value("account").toObject()
        .value("quota").toObject().value("overage").toObject();
}

} // namespace

class TestE2eOverage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readAndToggle()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("one")}));
        QCOMPARE(f.api("POST", "/api/accounts/1/usage/refresh").status, 200);
        QJsonObject overage = overageOf(f, 1);
        QCOMPARE(overage.value("status").toString(), QStringLiteral("DISABLED"));
        QCOMPARE(overage.value("enabled").toBool(true), false);
        QCOMPARE(overage.value("capability").toString(), QStringLiteral("OVERAGE_CAPABLE"));
        QCOMPARE(overage.value("cap").toDouble(), 100.0);
        QCOMPARE(overage.value("rate").toDouble(), 0.04);

        // Turning it on costs money: refused without the acknowledgement, and Kiro is not asked.
        HttpResult r = f.api("POST", "/api/accounts/1/overage", QJsonObject{{"enabled", true}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorType(), QStringLiteral("invalid_request_error"));
        QVERIFY(r.json().value("error").toObject().value("message").toString().contains("acknowledgeCharges"));
        QCOMPARE(f.fake.overage.setCount, 0);

        r = f.api("POST", "/api/accounts/1/overage", QJsonObject{{"enabled", true}, {"acknowledgeCharges", true}});
        QCOMPARE(r.status, 200);
        QCOMPARE(f.fake.overage.status, QStringLiteral("ENABLED"));
        const QJsonObject sent = f.fake.requests("/setUserPreference").last().json();
        QCOMPARE(sent.value("profileArn").toString(), QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/OVERAGE"));
        QCOMPARE(sent.value("overageConfiguration").toObject().value("overageStatus").toString(), QStringLiteral("ENABLED"));
        const QJsonObject accountJson = r.json().value("account").toObject();
        QCOMPARE(accountJson.value("overageEnabled").toBool(), true);
        QCOMPARE(accountJson.value("quota").toObject().value("overage").toObject().value("status").toString(), QStringLiteral("ENABLED"));
        QCOMPARE(accountJson.value("quota").toObject().value("overage").toObject().value("charges").toDouble(), 1.2);

        // Off needs no acknowledgement.
        r = f.api("POST", "/api/accounts/1/overage", QJsonObject{{"enabled", false}});
        QCOMPARE(r.status, 200);
        QCOMPARE(f.fake.overage.status, QStringLiteral("DISABLED"));
        QCOMPARE(r.json().value("account").toObject().value("overageEnabled").toBool(true), false);

        // Changed elsewhere (the Kiro IDE): the next reading brings the flag along.
        f.fake.overage.status = QStringLiteral("ENABLED");
        QCOMPARE(f.api("POST", "/api/accounts/1/usage/refresh").status, 200);
        QCOMPARE(f.api("GET", "/api/accounts/1").json().value("account").toObject().value("overageEnabled").toBool(), true);
    }

    void refusals()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("two"), account("three", false)}));
        QCOMPARE(f.api("POST", "/api/accounts/1/overage", QJsonObject{{"enabled", "yes"}}).status, 400);
        QCOMPARE(f.api("POST", "/api/accounts/1/overage", QJsonArray{}).status, 400);
        QCOMPARE(f.api("GET", "/api/accounts/1/overage").status, 405);
        QCOMPARE(f.api("POST", "/api/accounts/9/overage", QJsonObject{{"enabled", false}}).status, 404);
        const HttpResult noProfile = f.api("POST", "/api/accounts/2/overage", QJsonObject{{"enabled", false}});
        QCOMPARE(noProfile.status, 502);
        QVERIFY(noProfile.json().value("error").toObject().value("message").toString().contains("profile ARN"));
        QCOMPARE(f.fake.overage.setCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestE2eOverage)
#include "tst_e2e_overage.moc"
