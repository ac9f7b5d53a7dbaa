// ProxyCore: the secret store start-up chose is the one the core uses (no second choice), and
// without one the core makes the choice itself from config.secretStore.
#include "config/config.h"
#include "management/managementservice.h"
#include "secrets/secretstore.h"
#include "service/proxycore.h"
#include "memorysecretstore.h"
#include "quietconfig.h"
#include "testcredentials.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestProxyCore : public QObject
{
    Q_OBJECT

    Config config(const QTemporaryDir &dir) const
    {
        Config c = quietConfig();
        c.dataDir = dir.path();
        c.credentialsFile = dir.filePath(QStringLiteral("credentials.json"));
        c.secretStore = QStringLiteral("vault");   // no such mode: choosing a store here can only fail
        return c;
    }

private Q_SLOTS:
    void theStoreStartUpChoseIsTheOneUsed()
    {
        QTemporaryDir dir;
        auto store = std::make_shared<MemorySecretStore>();
        ProxyCore core(config(dir), store);
        QCOMPARE(core.openStorage(), QString());
        QCOMPARE(core.secretBackend(), QStringLiteral("memory"));
        QCOMPARE(core.management()->status().secretBackend, QStringLiteral("memory"));
        const auto added = core.management()->addAccount(numberedCredential(1), QString());
        QVERIFY(std::holds_alternative<ManagementService::Added>(added));
        const qint64 id = std::get<ManagementService::Added>(added).account.id();
        QVERIFY(store->entries.contains(QStringLiteral("account/%1").arg(id)));   // the account's tokens went there
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("secrets.json"))));
    }

    void withoutOneTheCoreChooses()
    {
        QTemporaryDir dir;
        ProxyCore core(config(dir));
        QVERIFY(core.openStorage().contains(QLatin1String("unknown secretStore")));
        QCOMPARE(core.secretBackend(), QStringLiteral("none"));

        QTemporaryDir fileDir;
        Config file = config(fileDir);
        file.secretStore = QStringLiteral("file");
        ProxyCore chosen(file);
        QCOMPARE(chosen.openStorage(), QString());
        QCOMPARE(chosen.secretBackend(), QStringLiteral("file"));
    }
};

QTEST_GUILESS_MAIN(TestProxyCore)
#include "tst_proxycore.moc"
