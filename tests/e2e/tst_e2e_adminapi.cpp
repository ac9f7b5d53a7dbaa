// The management API (/api/*) through the running proxy: every endpoint, the API key and a
// separate adminApiKey, bad input answered 400 in the Anthropic error shape, 404 for unknown
// accounts and endpoints, imports with per-entry results, logs (filters, limit, offset, newest
// first), statistics, the strategy persisted, and that no response ever carries a test secret.
#include "proxyfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QByteArray AdminKey = "kt-test-admin-key-fedcba9876543210";
const QString ClientSecret = QStringLiteral("admin-test-client-secret-77");

QString future()
{
    return QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs);
}

QJsonObject account(const QString &word, const QString &email = {})
{
    QJsonObject o{{"refreshToken", QStringLiteral("admin-refresh-%1-0123456789abcdef").arg(word)},
                  {"accessToken", QStringLiteral("valid-access-%1").arg(word)},
                  {"expiresAt", future()}, {"authMethod", "social"}};
    if (!email.isEmpty())
        o.insert("email", email);
    return o;
}

const QStringList &secrets()
{
    static const QStringList list{QString::fromLatin1(TestApiKey), QString::fromLatin1(AdminKey), ClientSecret,
                                  QStringLiteral("admin-refresh-"), QStringLiteral("valid-access-"), QStringLiteral("fake-access-"),
                                  QStringLiteral("ksk_admin-api-key")};
    return list;
}

} // namespace

class TestE2eAdminApi : public QObject
{
    Q_OBJECT

    // Every management API answer goes through here: JSON, and never a secret.
    static HttpResult call(ProxyFixture &f, const QByteArray &method, const QByteArray &path, const QJsonValue &body = {},
                           const HttpClientHeaders &headers = {})
    {
        const HttpResult r = f.api(method, path, body, headers);
        [&] {
            QVERIFY2(r.header("Content-Type").startsWith("application/json"), path.constData());
            QVERIFY2(!QJsonDocument::fromJson(r.body).isNull(), r.body.constData());
            for (const QString &s : secrets())
                QVERIFY2(!r.body.contains(s.toUtf8()), qPrintable(QStringLiteral("%1 %2 leaked %3").arg(QString::fromLatin1(method), QString::fromLatin1(path), s)));
        }();
        return r;
    }

    static void verifyError(const HttpResult &r, int status, const QString &type, const QString &contains = {})
    {
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
        QCOMPARE(r.errorType(), type);
        const QString message = r.json().value("error").toObject().value("message").toString();
        QVERIFY2(!message.isEmpty() && message.contains(contains), qPrintable(message));
    }

    static qint64 idOf(ProxyFixture &f, const QString &namePrefix)
    {
        for (const QJsonValue &v : call(f, "GET", "/api/accounts").json().value("accounts").toArray())
            if (v.toObject().value("name").toString().startsWith(namePrefix))
                return qint64(v.toObject().value("id").toDouble());
        return 0;
    }

private Q_SLOTS:
    void apiKeyIsRequired()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one")));
        verifyError(call(f, "GET", "/api/status", {}, {{"content-type", "application/json"}}), 401, "authentication_error", "missing API key");
        verifyError(call(f, "GET", "/api/accounts", {}, {{"x-api-key", "wrong-key"}}), 401, "authentication_error", "invalid API key");
        verifyError(call(f, "POST", "/api/strategy", QJsonObject{{"strategy", "random"}}, {{"authorization", "Bearer nope"}}), 401, "authentication_error");
        QCOMPARE(call(f, "GET", "/api/strategy").json().value("strategy").toString(), QStringLiteral("round-robin"));   // unchanged
        QCOMPARE(call(f, "GET", "/api/status", {}, {{"authorization", "Bearer " + TestApiKey}}).status, 200);
    }

    void separateAdminKey()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one"), [](Config &c) { c.adminApiKey = QString::fromLatin1(AdminKey); }));
        verifyError(call(f, "GET", "/api/accounts"), 401, "authentication_error", "invalid API key");   // the /v1 key
        const HttpClientHeaders admin{{"x-api-key", AdminKey}, {"content-type", "application/json"}};
        QCOMPARE(call(f, "GET", "/api/accounts", {}, admin).status, 200);
        QCOMPARE(f.get("/v1/models", admin).status, 401);   // and the admin key is not a /v1 key
        QCOMPARE(f.get("/v1/models").status, 200);
    }

    void statusAndAccounts()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("one", "one@example.com"), account("two")}));
        QCOMPARE(f.messages("Hi", false).status, 200);
        const auto statusReply = call(f, "GET", "/api/status");
        QCOMPARE(statusReply.header("Server"), QByteArray("kirotray/" KIROTRAY_VERSION));
        const QJsonObject status = statusReply.json();
        QCOMPARE(status.value("status").toString(), QStringLiteral("running"));
        QCOMPARE(status.value("version").toString(), QStringLiteral(KIROTRAY_VERSION));
        QVERIFY(status.value("uptimeSeconds").toDouble() >= 0);
        QCOMPARE(status.value("listen").toObject().value("port").toInt(), int(f.port()));
        QCOMPARE(status.value("listen").toObject().value("host").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(status.value("accounts").toObject().value("total").toInt(), 2);
        QCOMPARE(status.value("accounts").toObject().value("active").toInt(), 2);
        QCOMPARE(status.value("accounts").toObject().value("invalid").toInt(), 0);
        QCOMPARE(status.value("totals").toObject().value("requests").toInt(), 1);
        QCOMPARE(status.value("strategy").toString(), QStringLiteral("round-robin"));
        QVERIFY(!status.value("secretStore").toString().isEmpty());

        const QJsonObject list = call(f, "GET", "/api/accounts").json();
        const QJsonArray accounts = list.value("accounts").toArray();
        QCOMPARE(accounts.size(), 2);
        const QJsonObject first = accounts[0].toObject();
        QCOMPARE(first.value("name").toString(), QStringLiteral("one@example.com"));
        QCOMPARE(first.value("authMethod").toString(), QStringLiteral("social"));
        QCOMPARE(first.value("state").toString(), QStringLiteral("active"));
        QCOMPARE(first.value("requestCount").toInt(), 1);
        for (const char *key : {"id", "priority", "errorCount", "lastUsed", "tokenExpiresAt", "quota", "stateReason", "cooldownUntil"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QVERIFY(accounts[1].toObject().value("name").toString().startsWith("Social account "));
        QCOMPARE(call(f, "GET", "/api/accounts/1").json().value("account").toObject().value("id").toInt(), 1);

        verifyError(call(f, "POST", "/api/status"), 405, "invalid_request_error", "use GET");
        verifyError(call(f, "PUT", "/api/accounts"), 405, "invalid_request_error");
        verifyError(call(f, "GET", "/api/nothing-here"), 404, "not_found_error", "no such endpoint");
        verifyError(call(f, "GET", "/api/accounts/1/nothing"), 404, "not_found_error");
    }

    void addOneAccount()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one")));
        HttpResult r = call(f, "POST", "/api/accounts",
                            QJsonObject{{"refreshToken", "admin-refresh-added-0123456789"}, {"clientId", "cid"}, {"clientSecret", ClientSecret},
                                        {"region", "eu-west-1"}, {"name", "My IdC"}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("created").toBool(), true);
        const QJsonObject added = r.json().value("account").toObject();
        QCOMPARE(added.value("name").toString(), QStringLiteral("My IdC"));
        QCOMPARE(added.value("authMethod").toString(), QStringLiteral("idc"));
        QCOMPARE(added.value("region").toString(), QStringLiteral("eu-west-1"));
        // The same refresh token again updates that account.
        r = call(f, "POST", "/api/accounts", QJsonObject{{"refreshToken", "admin-refresh-added-0123456789"}, {"clientId", "cid"},
                                                         {"clientSecret", ClientSecret}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("created").toBool(), false);
        QCOMPARE(r.json().value("account").toObject().value("id"), added.value("id"));
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 2);

        verifyError(call(f, "POST", "/api/accounts", QStringLiteral("{\"refreshToken\":")), 400, "invalid_request_error", "not valid JSON");
        verifyError(call(f, "POST", "/api/accounts", QJsonArray{account("x")}), 400, "invalid_request_error", "JSON object");
        verifyError(call(f, "POST", "/api/accounts"), 400, "invalid_request_error", "JSON object");
        verifyError(call(f, "POST", "/api/accounts", QJsonObject{{"authMethod", "social"}}), 400, "invalid_request_error", "refreshToken");
        verifyError(call(f, "POST", "/api/accounts", QJsonObject{{"refreshToken", "admin-refresh-abc..."}}), 400, "invalid_request_error", "truncated");
        verifyError(call(f, "POST", "/api/accounts", QJsonObject{{"refreshToken", 12}}), 400, "invalid_request_error", "'refreshToken'");
        verifyError(call(f, "POST", "/api/accounts", QJsonObject{{"refreshToken", "admin-refresh-zz-0123456789"}, {"name", 5}}), 400,
                    "invalid_request_error", "'name'");
        verifyError(call(f, "POST", "/api/accounts", QJsonObject{{"refreshToken", "admin-refresh-zz-0123456789"}, {"authMethod", "idc"}}), 400,
                    "invalid_request_error", "clientId");
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 2);
    }

    void importWithPerEntryResults()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one", "one@example.com")));
        const QJsonArray input{account("two", "two@example.com"), account("one"), QJsonObject{{"refreshToken", 42}},
                               QJsonObject{{"kiroApiKey", "ksk_admin-api-key-1"}}};
        HttpResult r = call(f, "POST", "/api/accounts/import?dryRun=true", input);
        QCOMPARE(r.status, 200);
        QJsonObject report = r.json();
        QCOMPARE(report.value("dryRun").toBool(), true);
        QCOMPARE(report.value("format").toString(), QStringLiteral("kiro-rs-credentials"));
        QJsonArray entries = report.value("entries").toArray();
        QCOMPARE(entries[0].toObject().value("status").toString(), QStringLiteral("new"));
        QCOMPARE(entries[1].toObject().value("status").toString(), QStringLiteral("duplicate"));
        QCOMPARE(entries[1].toObject().value("accountId").toInt(), 1);
        QCOMPARE(entries[2].toObject().value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(entries[3].toObject().value("status").toString(), QStringLiteral("new"));
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 1);   // a preview changes nothing

        r = call(f, "POST", "/api/accounts/import", input);
        QCOMPARE(r.status, 200);
        report = r.json();
        entries = report.value("entries").toArray();
        QCOMPARE(entries[0].toObject().value("status").toString(), QStringLiteral("added"));
        QCOMPARE(entries[0].toObject().value("name").toString(), QStringLiteral("two@example.com"));
        QCOMPARE(entries[1].toObject().value("status").toString(), QStringLiteral("updated"));
        QCOMPARE(entries[2].toObject().value("status").toString(), QStringLiteral("rejected"));
        QVERIFY(entries[2].toObject().value("reason").toString().contains("'refreshToken'"));
        QCOMPARE(entries[3].toObject().value("status").toString(), QStringLiteral("added"));
        QCOMPARE(entries[3].toObject().value("authMethod").toString(), QStringLiteral("api_key"));
        QCOMPARE(report.value("summary").toObject().value("added").toInt(), 2);
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 3);

        verifyError(call(f, "POST", "/api/accounts/import", QStringLiteral("not json")), 400, "invalid_request_error", "not valid JSON");
        verifyError(call(f, "POST", "/api/accounts/import", QJsonArray{}), 400, "invalid_request_error", "no account");
        verifyError(call(f, "POST", "/api/accounts/import?source=somewhere", QJsonArray{}), 400, "invalid_request_error", "'source'");
        verifyError(call(f, "GET", "/api/accounts/import"), 405, "invalid_request_error");
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 3);
    }

    void importWithValidation()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one"), [](Config &c) { c.quotaRefreshMinutes = 0; }));
        const QJsonArray input{account("good", "good@example.com"),
                               QJsonObject{{"refreshToken", "admin-refresh-revoked-0123456789"}, {"email", "gone@example.com"}},
                               QJsonObject{{"refreshToken", 1}}};
        const HttpResult r = call(f, "POST", "/api/accounts/import?validate=true", input);
        QCOMPARE(r.status, 200);
        const QJsonArray entries = r.json().value("entries").toArray();
        QCOMPARE(entries[0].toObject().value("validation").toString(), QStringLiteral("ok"));
        QVERIFY2(entries[1].toObject().value("validation").toString().startsWith("failed: "), r.body.constData());
        QVERIFY(!entries[2].toObject().contains("validation"));   // rejected entries are not validated
        // The failed refresh (invalid grant) marked the account invalid; the good one has its usage.
        const qint64 gone = qint64(entries[1].toObject().value("accountId").toDouble());
        QCOMPARE(call(f, "GET", "/api/accounts/" + QByteArray::number(gone)).json().value("account").toObject().value("state").toString(),
                 QStringLiteral("invalid"));
        const qint64 good = qint64(entries[0].toObject().value("accountId").toDouble());
        QVERIFY(call(f, "GET", "/api/accounts/" + QByteArray::number(good) + "/usage").json().value("quota").toObject().value("known").toBool());
    }

    void importFromTheLocalKiroIde()
    {
        QTemporaryDir home;
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", home.path().toUtf8());
        ProxyFixture f;
        QVERIFY(f.start(account("one")));
        verifyError(call(f, "POST", "/api/accounts/import?source=kiro-ide"), 404, "not_found_error", "no Kiro IDE login");
        const QString cache = home.filePath(".aws/sso/cache");
        QVERIFY(QDir().mkpath(cache));
        QFile token(cache + "/kiro-auth-token.json");
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(QJsonDocument(QJsonObject{{"accessToken", "valid-access-ide"}, {"refreshToken", "admin-refresh-ide-0123456789"},
                                              {"expiresAt", future()}, {"authMethod", "IdC"}, {"provider", "BuilderId"},
                                              {"region", "us-east-1"}, {"clientIdHash", "0a1b2c3d"}}).toJson());
        token.close();
        QFile companion(cache + "/0a1b2c3d.json");
        QVERIFY(companion.open(QIODevice::WriteOnly));
        companion.write(QJsonDocument(QJsonObject{{"clientId", "ide-client"}, {"clientSecret", ClientSecret}}).toJson());
        companion.close();
        const HttpResult r = call(f, "POST", "/api/accounts/import?source=kiro-ide");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("format").toString(), QStringLiteral("kiro-ide-cache"));
        const QJsonObject entry = r.json().value("entries").toArray()[0].toObject();
        QCOMPARE(entry.value("status").toString(), QStringLiteral("added"));
        QCOMPARE(entry.value("authMethod").toString(), QStringLiteral("idc"));
        qputenv("HOME", oldHome);
    }

    void deleteEnableDisableAndUnknownIds()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("one"), account("two")}));
        QJsonObject a = call(f, "POST", "/api/accounts/2/disable").json().value("account").toObject();
        QCOMPARE(a.value("state").toString(), QStringLiteral("disabled"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.messages("Hi", false).status, 200);
        QCOMPARE(call(f, "GET", "/api/accounts/2").json().value("account").toObject().value("requestCount").toInt(), 0);
        a = call(f, "POST", "/api/accounts/2/enable").json().value("account").toObject();
        QCOMPARE(a.value("state").toString(), QStringLiteral("active"));
        verifyError(call(f, "GET", "/api/accounts/2/enable"), 405, "invalid_request_error", "use POST");

        QCOMPARE(call(f, "DELETE", "/api/accounts/2").json().value("deleted").toInt(), 2);
        verifyError(call(f, "DELETE", "/api/accounts/2"), 404, "not_found_error", "no account with id '2'");
        for (const QByteArray path : {"/api/accounts/999", "/api/accounts/abc", "/api/accounts/-1", "/api/accounts/999/enable",
                                      "/api/accounts/999/disable", "/api/accounts/999/usage", "/api/accounts/999/usage/refresh"}) {
            const QByteArray method = path.endsWith("enable") || path.endsWith("disable") || path.endsWith("refresh") ? "POST" : "GET";
            verifyError(call(f, method, path), 404, "not_found_error", "no account with id");
        }
        verifyError(call(f, "PATCH", "/api/accounts/999", QJsonObject{{"name", "x"}}), 404, "not_found_error");
        QCOMPARE(call(f, "GET", "/api/accounts").json().value("accounts").toArray().size(), 1);
    }

    void patchAccount()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one")));
        HttpResult r = call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", "Main"}, {"priority", 7}, {"overageEnabled", true}});
        QCOMPARE(r.status, 200);
        const QJsonObject a = r.json().value("account").toObject();
        QCOMPARE(a.value("name").toString(), QStringLiteral("Main"));
        QCOMPARE(a.value("priority").toInt(), 7);
        QCOMPARE(a.value("overageEnabled").toBool(), true);
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"priority", -1}}), 400, "invalid_request_error", "'priority'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"priority", "high"}}), 400, "invalid_request_error", "'priority'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"priority", 1.5}}), 400, "invalid_request_error", "'priority'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", "  "}}), 400, "invalid_request_error", "'name'");
        // The core's rule, the same for the tray UI: at most 200 characters, refused rather than cut.
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", QString(201, QLatin1Char('n'))}}), 400, "invalid_request_error", "'name'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", "a\tb"}}), 400, "invalid_request_error", "'name'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"priority", 1e12}}), 400, "invalid_request_error", "'priority'");
        verifyError(call(f, "POST", "/api/strategy", QJsonObject{{"strategy", "fastest"}}), 400, "invalid_request_error", "round-robin, random, least-used, priority");
        QCOMPARE(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", QString(200, QLatin1Char('n'))}}).status, 200);
        QCOMPARE(call(f, "GET", "/api/accounts/1").json().value("account").toObject().value("name").toString(), QString(200, QLatin1Char('n')));
        QCOMPARE(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"name", "Main"}}).status, 200);
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"overageEnabled", "yes"}}), 400, "invalid_request_error", "'overageEnabled'");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{{"refreshToken", "x"}}), 400, "invalid_request_error", "unknown field");
        verifyError(call(f, "PATCH", "/api/accounts/1", QJsonObject{}), 400, "invalid_request_error", "nothing to change");
        verifyError(call(f, "PATCH", "/api/accounts/1", QStringLiteral("[1")), 400, "invalid_request_error", "not valid JSON");
        QCOMPARE(call(f, "GET", "/api/accounts/1").json().value("account").toObject().value("name").toString(), QStringLiteral("Main"));
    }

    void usage()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("one"), account("suspended"), account("two")}, [](Config &c) { c.quotaRefreshMinutes = 0; }));
        QJsonObject q = call(f, "GET", "/api/accounts/1/usage").json().value("quota").toObject();
        QCOMPARE(q.value("known").toBool(), false);
        QCOMPARE(q.value("level").toString(), QStringLiteral("unknown"));

        HttpResult r = call(f, "POST", "/api/accounts/1/usage/refresh");
        QCOMPARE(r.status, 200);
        q = r.json().value("quota").toObject();
        QCOMPARE(q.value("known").toBool(), true);
        QCOMPARE(q.value("used").toDouble(), 12.37);            // precise field
        QCOMPARE(q.value("limit").toDouble(), 50.0);
        QCOMPARE(q.value("trialLimit").toDouble(), 500.0);      // the free trial, apart
        QCOMPARE(q.value("bonusLimit").toDouble(), 100.0);
        QCOMPARE(q.value("subscription").toString(), QStringLiteral("KIRO FREE"));
        QCOMPARE(q.value("level").toString(), QStringLiteral("green"));
        QVERIFY(!q.value("resetAt").toString().isEmpty());
        QCOMPARE(call(f, "GET", "/api/accounts/1/usage").json().value("quota").toObject().value("used").toDouble(), 12.37);
        QCOMPARE(f.fake.requests("/getUsageLimits").last().header("authorization"), QByteArray("Bearer valid-access-one"));

        // A suspended account: the refresh fails and the account is marked invalid.
        verifyError(call(f, "POST", "/api/accounts/2/usage/refresh"), 502, "api_error", "403");
        QCOMPARE(call(f, "GET", "/api/accounts/2").json().value("account").toObject().value("state").toString(), QStringLiteral("invalid"));

        // All at once: asynchronous, the readings arrive.
        QCOMPARE(call(f, "POST", "/api/usage/refresh").json().value("refreshing").toInt(), 3);
        QTRY_VERIFY(call(f, "GET", "/api/accounts/3/usage").json().value("quota").toObject().value("known").toBool());
        verifyError(call(f, "GET", "/api/usage/refresh"), 405, "invalid_request_error");
    }

    void strategyIsPersisted()
    {
        ProxyFixture f;
        QVERIFY(f.start(account("one")));
        QJsonObject s = call(f, "GET", "/api/strategy").json();
        QCOMPARE(s.value("strategy").toString(), QStringLiteral("round-robin"));
        QCOMPARE(s.value("available").toArray().size(), 4);
        for (const char *name : {"random", "least-used", "priority"})
            QCOMPARE(call(f, "POST", "/api/strategy", QJsonObject{{"strategy", name}}).json().value("strategy").toString(), QLatin1String(name));
        verifyError(call(f, "POST", "/api/strategy", QJsonObject{{"strategy", "fastest"}}), 400, "invalid_request_error", "round-robin, random");
        verifyError(call(f, "POST", "/api/strategy", QJsonObject{{"strategy", 1}}), 400, "invalid_request_error");
        verifyError(call(f, "POST", "/api/strategy", QStringLiteral("random")), 400, "invalid_request_error", "not valid JSON");
        verifyError(call(f, "DELETE", "/api/strategy"), 405, "invalid_request_error");
        QVERIFY(f.restart());
        QCOMPARE(call(f, "GET", "/api/strategy").json().value("strategy").toString(), QStringLiteral("priority"));
        QCOMPARE(call(f, "GET", "/api/status").json().value("strategy").toString(), QStringLiteral("priority"));
    }

    void logsAndStats()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{account("one", "one@example.com"), account("two", "two@example.com")}));
        const QString haiku = QStringLiteral("claude-haiku-4-5-20251001");
        QCOMPARE(f.messages("first", false).status, 200);                                  // sonnet, account 1
        QCOMPARE(f.messages("second", true).status, 200);                                  // sonnet, account 2
        QCOMPARE(f.post("/v1/messages", ProxyFixture::request("third", false, haiku)).status, 200);   // haiku, account 1
        QJsonObject bad = ProxyFixture::request("fourth", false);
        bad.insert("messages", QJsonArray{});
        QCOMPARE(f.post("/v1/messages", bad).status, 400);                                 // refused before any account
        QCOMPARE(f.messages("fifth", false).status, 200);                                  // sonnet, account 2
        QCOMPARE(f.get("/v1/models").status, 200);                                         // not a logged request

        QJsonObject page = call(f, "GET", "/api/logs").json();
        QCOMPARE(page.value("total").toInt(), 5);
        QJsonArray logs = page.value("logs").toArray();
        QCOMPARE(logs.size(), 5);
        for (int i = 1; i < logs.size(); ++i)   // newest first
            QVERIFY(logs[i - 1].toObject().value("time").toString() >= logs[i].toObject().value("time").toString());
        const QJsonObject newest = logs[0].toObject();
        QCOMPARE(newest.value("status").toInt(), 200);
        QCOMPARE(newest.value("accountName").toString(), QStringLiteral("two@example.com"));
        QCOMPARE(newest.value("model").toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
        QVERIFY(newest.value("durationMs").toDouble() >= 0);
        QVERIFY(newest.value("outputTokens").toInt() > 0);
        for (const char *key : {"time", "stream", "inputTokens", "ttfbMs", "error", "accountId"})
            QVERIFY2(newest.contains(QLatin1String(key)), key);
        QCOMPARE(logs[3].toObject().value("stream").toBool(), true);

        logs = call(f, "GET", "/api/logs?limit=2").json().value("logs").toArray();
        QCOMPARE(logs.size(), 2);
        QCOMPARE(logs[0].toObject().value("time"), newest.value("time"));
        logs = call(f, "GET", "/api/logs?limit=2&offset=2").json().value("logs").toArray();
        QCOMPARE(logs.size(), 2);
        QCOMPARE(logs[0].toObject().value("status").toInt(), 200);
        QCOMPARE(logs[0].toObject().value("model").toString(), haiku);
        QCOMPARE(call(f, "GET", "/api/logs?offset=5").json().value("logs").toArray().size(), 0);

        page = call(f, "GET", "/api/logs?status=4").json();
        QCOMPARE(page.value("total").toInt(), 1);
        QCOMPARE(page.value("logs").toArray()[0].toObject().value("status").toInt(), 400);
        QVERIFY(!page.value("logs").toArray()[0].toObject().value("error").toString().isEmpty());
        QCOMPARE(call(f, "GET", "/api/logs?status=4xx").json().value("total").toInt(), 1);
        QCOMPARE(call(f, "GET", "/api/logs?status=200").json().value("total").toInt(), 4);
        QCOMPARE(call(f, "GET", "/api/logs?model=" + haiku.toUtf8()).json().value("total").toInt(), 1);
        QCOMPARE(call(f, "GET", "/api/logs?account=1").json().value("total").toInt(), 2);
        QCOMPARE(call(f, "GET", "/api/logs?account=2&status=2").json().value("total").toInt(), 2);

        for (const QByteArray query : {"limit=0", "limit=1001", "limit=ten", "offset=-1", "status=abc", "status=42", "account=x"})
            verifyError(call(f, "GET", "/api/logs?" + query), 400, "invalid_request_error", "query parameter");

        const QJsonObject stats = call(f, "GET", "/api/logs/stats").json();
        const QJsonObject totals = stats.value("totals").toObject();
        QCOMPARE(totals.value("requests").toInt(), 5);
        QCOMPARE(totals.value("success").toInt(), 4);
        QCOMPARE(totals.value("errors").toInt(), 1);
        QVERIFY(totals.value("outputTokens").toInt() > 0);
        QStringList models;
        for (const QJsonValue &v : stats.value("perModel").toArray())
            models << v.toObject().value("model").toString();
        QVERIFY2(models.contains(haiku) && models.contains("claude-sonnet-4-5-20250929"), qPrintable(models.join(',')));
        QVERIFY(!stats.value("perHour").toArray().isEmpty());
        QVERIFY(stats.value("perAccount").toArray().size() >= 2);
        QCOMPARE(call(f, "GET", "/api/logs/stats?hours=1").json().value("totals").toObject().value("requests").toInt(), 5);
        verifyError(call(f, "GET", "/api/logs/stats?hours=abc"), 400, "invalid_request_error", "'hours'");
        verifyError(call(f, "GET", "/api/logs/stats?since=yesterday"), 400, "invalid_request_error", "'since'");
        verifyError(call(f, "POST", "/api/logs"), 405, "invalid_request_error");
    }
};

QTEST_GUILESS_MAIN(TestE2eAdminApi)
#include "tst_e2e_adminapi.moc"
