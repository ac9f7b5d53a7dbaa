// Account imports: every supported format (Kiro IDE export single/array, kiro-rs credentials.json
// single/array, the seed's data/accounts.json, the Kiro IDE token cache with its companion file),
// auth-method detection, name derivation, per-entry results for good, duplicate and malformed
// entries, and that no report ever carries a secret.
#include "pool/accountpool.h"
#include "accounts/importdetector.h"
#include "accounts/kiroidecache.h"
#include "config/config.h"
#include "testfiles.h"
#include "upstream/networkmanagerpool.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using kt::test::writeFile;

namespace {

const QString SocialRefresh = QStringLiteral("aorAAAAAsocial-refresh-secret-0001");
const QString IdcRefresh = QStringLiteral("aorAAAAAidc-refresh-secret-0002");
const QString ClientSecret = QStringLiteral("client-secret-value-0003");
const QString ApiKey = QStringLiteral("ksk_api-key-secret-0004");
const QString MachineId = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

QByteArray json(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson() : QJsonDocument(v.toObject()).toJson();
}

QJsonObject ideSocial(const QString &refresh = SocialRefresh)
{
    return {{"accessToken", "aoaAAAAAaccess-secret"}, {"refreshToken", refresh}, {"expiresAt", "2026-01-09T04:43:18.079Z"},
            {"authMethod", "social"}, {"provider", "Google"}, {"profileArn", "arn:aws:codewhisperer:us-east-1:1:profile/X"}};
}

QJsonObject ideIdc()
{
    return {{"refreshToken", IdcRefresh}, {"authMethod", "IdC"}, {"provider", "BuilderId"}, {"clientId", "client-id-1"},
            {"clientSecret", ClientSecret}, {"region", "us-east-1"}, {"idcRegion", "eu-west-1"}, {"email", "dev@example.com"}};
}

} // namespace

class TestImportDetector : public QObject
{
    Q_OBJECT

private:
    static void verifyNoSecret(const QJsonObject &report)
    {
        const QByteArray text = QJsonDocument(report).toJson();
        for (const QString &secret : {SocialRefresh, IdcRefresh, ClientSecret, ApiKey, QStringLiteral("aoaAAAAAaccess-secret")})
            QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(secret));
    }

private Q_SLOTS:
    void kiroIdeExportSingleSocial()
    {
        const ImportDetection d = ImportDetector::detect(json(ideSocial()));
        QVERIFY(d.report.error.isEmpty());
        QCOMPARE(d.report.format, QStringLiteral("kiro-ide-export"));
        QCOMPARE(d.report.entries.size(), 1);
        const ImportEntryResult &e = d.report.entries[0];
        QCOMPARE(e.status, QStringLiteral("new"));
        QCOMPARE(e.authMethod, QStringLiteral("social"));
        QCOMPARE(e.name, QStringLiteral("Google account ") + Account::hashSecret(SocialRefresh).left(6));
        QVERIFY(d.credentials[0]);
        QCOMPARE(d.credentials[0]->refreshToken, SocialRefresh);
        QCOMPARE(d.credentials[0]->expiresAt, QDateTime(QDate(2026, 1, 9), QTime(4, 43, 18, 79), QTimeZone::utc()));
        verifyNoSecret(d.report.toJson());
    }

    void kiroIdeExportArrayWithIdcAndBadEntries()
    {
        const QJsonArray input{ideSocial(), ideIdc(), QJsonObject{{"authMethod", "IdC"}, {"refreshToken", "aorAAAAAlonely"}, {"provider", "BuilderId"}},
                               42, QJsonObject{{"provider", "Github"}, {"refreshToken", "aorAAAA..."}}};
        const ImportDetection d = ImportDetector::detect(json(input));
        QCOMPARE(d.report.format, QStringLiteral("kiro-ide-export"));
        QCOMPARE(d.report.entries.size(), 5);
        QCOMPARE(d.report.entries[0].status, QStringLiteral("new"));
        QCOMPARE(d.report.entries[1].status, QStringLiteral("new"));
        QCOMPARE(d.report.entries[1].authMethod, QStringLiteral("idc"));
        QCOMPARE(d.report.entries[1].name, QStringLiteral("dev@example.com"));
        QCOMPARE(d.credentials[1]->authRegion, QStringLiteral("eu-west-1"));   // idcRegion
        QCOMPARE(d.credentials[1]->clientSecret, ClientSecret);
        QCOMPARE(d.report.entries[2].status, QStringLiteral("rejected"));
        QVERIFY2(d.report.entries[2].reason.contains("clientId"), qPrintable(d.report.entries[2].reason));
        QVERIFY(!d.credentials[2]);
        QCOMPARE(d.report.entries[3].status, QStringLiteral("rejected"));
        QCOMPARE(d.report.entries[3].reason, QStringLiteral("entry is not a JSON object"));
        QCOMPARE(d.report.entries[4].status, QStringLiteral("rejected"));
        QVERIFY2(d.report.entries[4].reason.contains("truncated"), qPrintable(d.report.entries[4].reason));
        QCOMPARE(d.report.count("new"), 2);
        QCOMPARE(d.report.count("rejected"), 3);
        verifyNoSecret(d.report.toJson());
    }

    void kiroRsCredentialsSingleWithPoolFields()
    {
        const QJsonObject entry{{"id", 7}, {"refreshToken", SocialRefresh}, {"authMethod", "social"}, {"priority", 3},
                                {"disabled", true}, {"machineId", MachineId}, {"apiRegion", "us-west-2"}};
        const ImportDetection d = ImportDetector::detect(json(entry));
        QCOMPARE(d.report.format, QStringLiteral("kiro-rs-credentials"));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("new"));
        const Credential &c = *d.credentials[0];
        QCOMPARE(c.id, qint64(0));   // the pool numbers accounts itself
        QCOMPARE(c.priority, 3);
        QCOMPARE(c.disabled, true);
        QCOMPARE(c.machineId, MachineId);
        QCOMPARE(c.apiRegion, QStringLiteral("us-west-2"));
    }

    void kiroRsCredentialsArray()
    {
        const QJsonArray input{
            QJsonObject{{"refreshToken", SocialRefresh}, {"priority", 1}},
            QJsonObject{{"refreshToken", IdcRefresh}, {"clientId", "cid"}, {"clientSecret", ClientSecret}, {"region", "us-east-2"}, {"priority", 0}},
            QJsonObject{{"kiroApiKey", ApiKey}, {"authMethod", "api_key"}},
            QJsonObject{{"refreshToken", "aorAAAAAx"}, {"priority", -1}},
            QJsonObject{{"refreshToken", "aorAAAAAy"}, {"authMethod", "password"}},
            QJsonObject{{"refreshToken", "aorAAAAAz"}, {"region", "not a region"}}};
        const ImportDetection d = ImportDetector::detect(json(input));
        QCOMPARE(d.report.format, QStringLiteral("kiro-rs-credentials"));
        QCOMPARE(d.report.entries[0].authMethod, QStringLiteral("social"));
        QCOMPARE(d.report.entries[1].authMethod, QStringLiteral("idc"));   // clientId + clientSecret ⇒ idc
        QCOMPARE(d.report.entries[1].region, QStringLiteral("us-east-2"));
        QCOMPARE(d.report.entries[2].authMethod, QStringLiteral("api_key"));
        QCOMPARE(d.report.entries[2].name, QStringLiteral("API key account ") + Account::hashSecret(ApiKey).left(6));
        for (int i : {3, 4, 5})
            QCOMPARE(d.report.entries[i].status, QStringLiteral("rejected"));
        QVERIFY(d.report.entries[3].reason.contains("'priority'"));
        QVERIFY(d.report.entries[4].reason.contains("'authMethod'"));
        QVERIFY(d.report.entries[5].reason.contains("'region'"));
        verifyNoSecret(d.report.toJson());
    }

    void authMethodDetection_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QTest::addColumn<QString>("method");
        QTest::newRow("client id and secret") << QJsonObject{{"refreshToken", "aorAAAAA1"}, {"clientId", "c"}, {"clientSecret", "s"}} << "idc";
        QTest::newRow("client id alone") << QJsonObject{{"refreshToken", "aorAAAAA1"}, {"clientId", "c"}} << "social";
        QTest::newRow("nothing") << QJsonObject{{"refreshToken", "aorAAAAA1"}} << "social";
        QTest::newRow("builder-id alias") << QJsonObject{{"refreshToken", "aorAAAAA1"}, {"authMethod", "builder-id"}, {"clientId", "c"}, {"clientSecret", "s"}} << "idc";
        QTest::newRow("api key") << QJsonObject{{"kiroApiKey", "ksk_1"}} << "api_key";
    }

    void authMethodDetection()
    {
        QFETCH(QJsonObject, entry);
        QFETCH(QString, method);
        const ImportDetection d = ImportDetector::detect(json(entry));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("new"));
        QCOMPARE(d.report.entries[0].authMethod, method);
    }

    void nameDerivation()
    {
        Credential c;
        c.refreshToken = SocialRefresh;
        const QString tag = Account::hashSecret(SocialRefresh).left(6);
        QCOMPARE(ImportDetector::deriveName(c), QStringLiteral("Social account ") + tag);
        c.provider = QStringLiteral("Github");
        QCOMPARE(ImportDetector::deriveName(c), QStringLiteral("Github account ") + tag);
        c.authMethod = AuthMethod::Idc;
        c.provider.clear();
        QCOMPARE(ImportDetector::deriveName(c), QStringLiteral("IdC account ") + tag);
        c.email = QStringLiteral("me@example.com");
        QCOMPARE(ImportDetector::deriveName(c), QStringLiteral("me@example.com"));
    }

    void seedAccountsJson()
    {
        const QJsonArray input{
            QJsonObject{{"id", "0b7e3c1e-uuid"}, {"name", "Work"}, {"status", "active"}, {"requestCount", 5},
                        {"credentials", QJsonObject{{"refreshToken", SocialRefresh}, {"authMethod", "social"}, {"clientId", QJsonValue()},
                                                    {"clientSecret", QJsonValue()}, {"region", QJsonValue()}}},
                        {"usage", QJsonObject{{"userEmail", "work@example.com"}}}},
            QJsonObject{{"name", "Spare"}, {"status", "disabled"},
                        {"credentials", QJsonObject{{"refreshToken", IdcRefresh}, {"authMethod", "idc"}, {"clientId", "cid"}, {"clientSecret", ClientSecret}}}},
            QJsonObject{{"name", "Empty"}, {"status", "error"}, {"credentials", QJsonObject{}}}};
        const ImportDetection d = ImportDetector::detect(json(input));
        QCOMPARE(d.report.format, QStringLiteral("kiro-pool-accounts"));
        QCOMPARE(d.report.entries[0].name, QStringLiteral("Work"));
        QCOMPARE(d.credentials[0]->email, QStringLiteral("work@example.com"));
        QCOMPARE(d.credentials[0]->disabled, false);
        QCOMPARE(d.report.entries[1].name, QStringLiteral("Spare"));
        QCOMPARE(d.credentials[1]->disabled, true);
        QCOMPARE(d.report.entries[1].authMethod, QStringLiteral("idc"));
        QCOMPARE(d.report.entries[2].status, QStringLiteral("rejected"));
        QVERIFY(d.report.entries[2].reason.contains("refreshToken"));
        // The seed's {"accounts":[...]} wrapper is the same format.
        const ImportDetection wrapped = ImportDetector::detect(json(QJsonObject{{"accounts", input}}));
        QCOMPARE(wrapped.report.entries.size(), 3);
        QCOMPARE(wrapped.report.format, QStringLiteral("kiro-pool-accounts"));
    }

    void wholeInputErrors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("{\"refreshToken\": ") << "not valid JSON";
        QTest::newRow("empty") << QByteArray("") << "not valid JSON";
        QTest::newRow("scalar") << QByteArray("42") << "not valid JSON";
        QTest::newRow("string") << QByteArray("\"aorAAAAA\"") << "not valid JSON";
        QTest::newRow("empty array") << QByteArray("[]") << "holds no account";
        QTest::newRow("empty accounts") << QByteArray("{\"accounts\":[]}") << "holds no account";
    }

    void wholeInputErrors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        const ImportDetection d = ImportDetector::detect(input);
        QVERIFY2(d.report.error.contains(error), qPrintable(d.report.error));
        QVERIFY(d.report.entries.isEmpty());
        QVERIFY(d.credentials.isEmpty());
    }

    void tooManyEntries()
    {
        QJsonArray many;
        for (int i = 0; i <= ImportDetector::MaxEntries; ++i)
            many.append(QJsonObject());
        QVERIFY(ImportDetector::detect(json(many)).report.error.contains("too many"));
    }

    void kiroIdeCacheWithCompanion()
    {
        QTemporaryDir home;
        qputenv("HOME", home.path().toUtf8());
        const QString cache = home.filePath(".aws/sso/cache");
        QVERIFY(!KiroIdeCache::exists());
        QVERIFY(std::get<QString>(KiroIdeCache::read()).contains("no Kiro IDE login"));

        writeFile(cache + "/kiro-auth-token.json",
                  json(QJsonObject{{"accessToken", "aoaAAAAAaccess-secret"}, {"refreshToken", IdcRefresh}, {"expiresAt", "2026-01-09T04:43:18.079Z"},
                                   {"authMethod", "IdC"}, {"provider", "BuilderId"}, {"region", "us-east-1"}, {"clientIdHash", "abc123def"}}));
        QVERIFY(KiroIdeCache::exists());
        QCOMPARE(KiroIdeCache::tokenFilePath(), cache + "/kiro-auth-token.json");
        // Without the companion file the IdC login cannot refresh: rejected, naming the file.
        auto merged = KiroIdeCache::read();
        QVERIFY(std::holds_alternative<QByteArray>(merged));
        ImportDetection d = ImportDetector::detect(std::get<QByteArray>(merged));
        QCOMPARE(d.report.format, QStringLiteral("kiro-ide-cache"));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("rejected"));
        QVERIFY2(d.report.entries[0].reason.contains("abc123def.json"), qPrintable(d.report.entries[0].reason));

        writeFile(cache + "/abc123def.json", json(QJsonObject{{"clientId", "cache-client-id"}, {"clientSecret", ClientSecret},
                                                              {"expiresAt", "2026-03-01T00:00:00Z"}}));
        merged = KiroIdeCache::read();
        d = ImportDetector::detect(std::get<QByteArray>(merged));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("new"));
        QCOMPARE(d.report.entries[0].authMethod, QStringLiteral("idc"));
        QCOMPARE(d.credentials[0]->clientId, QStringLiteral("cache-client-id"));
        QCOMPARE(d.credentials[0]->clientSecret, ClientSecret);
        QVERIFY(!d.credentials[0]->extra.contains("clientIdHash"));
        verifyNoSecret(d.report.toJson());
    }

    void kiroIdeCacheSocialAndBadFiles()
    {
        QTemporaryDir home;
        qputenv("HOME", home.path().toUtf8());
        const QString cache = home.filePath(".aws/sso/cache");
        writeFile(cache + "/kiro-auth-token.json", json(ideSocial()));
        ImportDetection d = ImportDetector::detect(std::get<QByteArray>(KiroIdeCache::read()));
        QCOMPARE(d.report.format, QStringLiteral("kiro-ide-cache"));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("new"));
        QCOMPARE(d.report.entries[0].authMethod, QStringLiteral("social"));

        // A clientIdHash that tries to leave the directory is not followed.
        writeFile(home.filePath("secret.json"), json(QJsonObject{{"clientId", "stolen"}, {"clientSecret", "stolen"}}));
        writeFile(cache + "/kiro-auth-token.json", json(QJsonObject{{"refreshToken", IdcRefresh}, {"authMethod", "IdC"},
                                                                    {"clientIdHash", "../../secret"}}));
        d = ImportDetector::detect(std::get<QByteArray>(KiroIdeCache::read()));
        QCOMPARE(d.report.entries[0].status, QStringLiteral("rejected"));

        writeFile(cache + "/kiro-auth-token.json", "{not json");
        QVERIFY(std::get<QString>(KiroIdeCache::read()).contains("not a JSON object"));
    }

    void poolImportAddsUpdatesAndRejects()
    {
        Config config;
        NetworkManagerPool network;
        AccountPool pool(config, &network);
        QSignalSpy changed(&pool, &AccountPool::accountsChanged);

        const QJsonArray first{ideSocial(), ideIdc(), QJsonObject{{"refreshToken", 5}}};
        ImportReport r = pool.importAccounts(json(first), false);
        QCOMPARE(r.count("added"), 2);
        QCOMPARE(r.count("rejected"), 1);
        QVERIFY(r.entries[2].reason.contains("'refreshToken'"));
        QCOMPARE(pool.size(), 2);
        QCOMPARE(changed.size(), 1);
        const qint64 socialId = r.entries[0].accountId;
        QVERIFY(socialId > 0);
        pool.updateAccount(socialId, QStringLiteral("Renamed"), std::nullopt, std::nullopt);

        // Preview: the known one is a duplicate, a new one is new, nothing changes.
        QJsonObject fresh = ideSocial(QStringLiteral("aorAAAAAanother-refresh"));
        fresh.insert("email", "new@example.com");
        QJsonObject again = ideSocial();
        again.insert("accessToken", "aoaAAAAAnewer-access");
        r = pool.importAccounts(json(QJsonArray{again, fresh}), true);
        QVERIFY(r.dryRun);
        QCOMPARE(r.entries[0].status, QStringLiteral("duplicate"));
        QCOMPARE(r.entries[0].accountId, socialId);
        QCOMPARE(r.entries[1].status, QStringLiteral("new"));
        QCOMPARE(pool.size(), 2);
        QCOMPARE(pool.credential(socialId)->accessToken, QStringLiteral("aoaAAAAAaccess-secret"));

        // For real: the duplicate updates the existing account (same id, name kept), a repeat within
        // the same input is rejected, the new one is added.
        r = pool.importAccounts(json(QJsonArray{again, fresh, again}), false);
        QCOMPARE(r.entries[0].status, QStringLiteral("updated"));
        QCOMPARE(r.entries[0].accountId, socialId);
        QCOMPARE(r.entries[0].name, QStringLiteral("Renamed"));
        QCOMPARE(r.entries[1].status, QStringLiteral("added"));
        QCOMPARE(r.entries[1].name, QStringLiteral("new@example.com"));
        QCOMPARE(r.entries[2].status, QStringLiteral("rejected"));
        QVERIFY(r.entries[2].reason.contains("entry 0"));
        QCOMPARE(pool.size(), 3);
        QCOMPARE(pool.credential(socialId)->accessToken, QStringLiteral("aoaAAAAAnewer-access"));
        QCOMPARE(pool.account(socialId)->name, QStringLiteral("Renamed"));
        verifyNoSecret(r.toJson());

        // A bare re-export (refresh token only) keeps what the account already had.
        pool.importAccounts(json(QJsonObject{{"refreshToken", SocialRefresh}}), false);
        QCOMPARE(pool.credential(socialId)->accessToken, QStringLiteral("aoaAAAAAnewer-access"));
        QCOMPARE(pool.credential(socialId)->provider, QStringLiteral("Google"));
        QCOMPARE(pool.credential(socialId)->profileArn, QStringLiteral("arn:aws:codewhisperer:us-east-1:1:profile/X"));

        // Whole-input errors change nothing.
        r = pool.importAccounts("[", false);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(pool.size(), 3);
        QVERIFY(r.toJson().value("error").toString().contains("JSON"));
    }

    void importedDisabledAndInvalidAccounts()
    {
        Config config;
        NetworkManagerPool network;
        AccountPool pool(config, &network);
        const ImportReport r = pool.importAccounts(json(QJsonObject{{"refreshToken", SocialRefresh}, {"disabled", true}}), false);
        const qint64 id = r.entries[0].accountId;
        QCOMPARE(pool.account(id)->state, AccountState::Disabled);
        QVERIFY(!pool.select({}));
        // A re-import never overrides the user's disabling.
        pool.importAccounts(json(QJsonObject{{"refreshToken", SocialRefresh}}), false);
        QCOMPARE(pool.account(id)->state, AccountState::Disabled);
        // Re-importing an invalid account with fresh tokens gives it another chance.
        pool.setEnabled(id, true);
        pool.report(id, UpstreamOutcome::Forbidden, QStringLiteral("Your account is suspended"));
        QCOMPARE(pool.account(id)->state, AccountState::Invalid);
        pool.importAccounts(json(QJsonObject{{"refreshToken", SocialRefresh}}), false);
        QCOMPARE(pool.account(id)->state, AccountState::Active);
    }
};

QTEST_GUILESS_MAIN(TestImportDetector)
#include "tst_importdetector.moc"
