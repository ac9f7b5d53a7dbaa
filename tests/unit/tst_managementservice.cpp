// ManagementService: the one place the management faces' values are checked (account edits, new
// accounts' names, strategies, overage's acknowledgement, unknown ids) and the status both report.
#include "management/corestate.h"
#include "management/managementservice.h"
#include "config/config.h"
#include "pool/accountpool.h"
#include "pool/overageswitch.h"
#include "upstream/networkmanagerpool.h"
#include "quietconfig.h"
#include "testcredentials.h"

#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

class FixedState : public CoreState
{
public:
    RequestLog *requestLog() override { return nullptr; }
    bool isListening() const override { return true; }
    quint16 port() const override { return 4321; }
    QDateTime startedAt() const override { return QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC); }
    QString secretBackend() const override { return QStringLiteral("file"); }
    int inFlight() const override { return 3; }
};

template<typename T>
ApiError errorOf(const T &result)
{
    return std::holds_alternative<ApiError>(result) ? std::get<ApiError>(result) : ApiError::api(QStringLiteral("no error"));
}

} // namespace

class TestManagementService : public QObject
{
    Q_OBJECT
    Config m_config;
    NetworkManagerPool m_network;
    std::unique_ptr<AccountPool> m_pool;
    std::unique_ptr<OverageSwitch> m_overage;
    FixedState m_state;
    std::unique_ptr<ManagementService> m_service;

private Q_SLOTS:
    void init()
    {
        m_config = quietConfig();
        m_config.host = QStringLiteral("127.0.0.1");
        m_pool = std::make_unique<AccountPool>(m_config, &m_network);
        m_pool->setCredentials(numberedCredentials(1, 2), {}, false);
        m_overage = std::make_unique<OverageSwitch>(m_config, &m_network, m_pool.get());
        m_service = std::make_unique<ManagementService>(m_config, m_pool.get(), m_overage.get(), &m_state);
    }

    void cleanup()
    {
        m_service.reset();
        m_overage.reset();
        m_pool.reset();
    }

    void changesAreCheckedOnce()
    {
        const qint64 id = m_service->accounts().at(0).id();
        const QString before = m_service->accounts().at(0).name;
        AccountChanges longName;
        longName.name = QString(AccountChanges::MaxNameLength + 1, QLatin1Char('n'));
        const ApiError refused = errorOf(m_service->changeAccount(id, longName));
        QCOMPARE(refused.httpStatus, 400);
        QVERIFY(refused.message.contains(QLatin1String("'name'")));
        QCOMPARE(std::get<Account>(m_service->account(id)).name, before);   // refused, not cut

        AccountChanges negative;
        negative.priority = -1;
        QCOMPARE(errorOf(m_service->changeAccount(id, negative)).httpStatus, 400);
        QCOMPARE(errorOf(m_service->changeAccount(id, AccountChanges())).httpStatus, 400);   // nothing to change
        QCOMPARE(errorOf(m_service->changeAccount(999, AccountChanges{QStringLiteral("x"), {}, {}})).httpStatus, 404);

        const auto changed = m_service->changeAccount(id, AccountChanges{QStringLiteral("  Main  "), 7, true});
        QVERIFY(std::holds_alternative<Account>(changed));
        QCOMPARE(std::get<Account>(changed).name, QStringLiteral("Main"));
        QCOMPARE(std::get<Account>(changed).credential.priority, 7);
        QCOMPARE(std::get<Account>(changed).overageEnabled, true);
    }

    void newAccountsFollowTheNameRule()
    {
        const auto refused = m_service->addAccount(numberedCredential(3), QString(AccountChanges::MaxNameLength + 1, QLatin1Char('n')));
        QCOMPARE(errorOf(refused).httpStatus, 400);
        QCOMPARE(m_service->accounts().size(), 2);
        QCOMPARE(errorOf(m_service->addAccount(numberedCredential(3), QStringLiteral("bad\x01name"))).httpStatus, 400);

        const auto added = m_service->addAccount(numberedCredential(3), QString());   // no name: derived from the login
        QVERIFY(std::holds_alternative<ManagementService::Added>(added));
        QVERIFY(std::get<ManagementService::Added>(added).created);
        QCOMPARE(std::get<ManagementService::Added>(added).account.credential.refreshToken, QString());   // stripped
        const auto again = m_service->addAccount(numberedCredential(3), QStringLiteral("Third"));
        QVERIFY(std::holds_alternative<ManagementService::Added>(again));
        QVERIFY(!std::get<ManagementService::Added>(again).created);
        QCOMPARE(std::get<ManagementService::Added>(again).account.id(), std::get<ManagementService::Added>(added).account.id());

        Credential truncated = numberedCredential(4);
        truncated.refreshToken = QStringLiteral("aorAAAAAGshort...");
        QCOMPARE(errorOf(m_service->addAccount(truncated, QString())).httpStatus, 400);
    }

    void unknownAccountsAreNotFound()
    {
        QCOMPARE(errorOf(m_service->account(999)).httpStatus, 404);
        QCOMPARE(errorOf(m_service->setEnabled(999, false)).httpStatus, 404);
        QCOMPARE(m_service->removeAccount(999)->httpStatus, 404);
        std::optional<ApiError> usage, models, overage;
        m_service->refreshUsage(999, [&](const ManagementService::AccountResult &r) { usage = errorOf(r); });
        m_service->refreshModels(999, [&](const ManagementService::AccountResult &r) { models = errorOf(r); });
        m_service->setOverage(999, false, false, [&](const ManagementService::AccountResult &r) { overage = errorOf(r); });
        QCOMPARE(usage->httpStatus, 404);
        QCOMPARE(models->httpStatus, 404);
        QCOMPARE(overage->httpStatus, 404);

        const qint64 id = m_service->accounts().at(1).id();
        QCOMPARE(std::get<Account>(m_service->setEnabled(id, false)).state, AccountState::Disabled);
        QVERIFY(!m_service->removeAccount(id));
        QCOMPARE(m_service->accounts().size(), 1);
    }

    void overageNeedsTheAcknowledgement()
    {
        std::optional<ApiError> refused;
        m_service->setOverage(m_service->accounts().at(0).id(), true, false,
                              [&](const ManagementService::AccountResult &r) { refused = errorOf(r); });
        QVERIFY(refused);   // answered at once, before anything goes to Kiro
        QCOMPARE(refused->httpStatus, 400);
        QVERIFY(refused->message.contains(QLatin1String("acknowledgeCharges")));
        QVERIFY(!m_service->accounts().at(0).overageEnabled);
    }

    void strategiesByNameInAnyCase()
    {
        QCOMPARE(m_service->setStrategy(QStringLiteral("fastest"))->httpStatus, 400);
        QCOMPARE(m_service->strategy(), QStringLiteral("round-robin"));
        QVERIFY(!m_service->setStrategy(QStringLiteral("PRIORITY")));
        QCOMPARE(m_service->strategy(), QStringLiteral("priority"));
        QVERIFY(ManagementService::strategies().contains(QStringLiteral("least-used")));
    }

    void statusNamesEveryStateAndTheCoresFacts()
    {
        m_service->setEnabled(m_service->accounts().at(1).id(), false);
        const ManagementStatus s = m_service->status();
        QCOMPARE(s.secretBackend, QStringLiteral("file"));
        QCOMPARE(s.inFlight, 3);
        const QJsonObject json = s.toJson(m_state.startedAt().addSecs(90));
        QCOMPARE(json.value("status").toString(), QStringLiteral("running"));
        QCOMPARE(json.value("secretStore").toString(), QStringLiteral("file"));
        QCOMPARE(json.value("inFlight").toInt(), 3);
        QCOMPARE(json.value("uptimeSeconds").toInt(), 90);
        QCOMPARE(json.value("listen").toObject().value("port").toInt(), 4321);
        const QJsonObject byState = json.value("accounts").toObject();
        QCOMPARE(byState.value("total").toInt(), 2);
        QCOMPARE(byState.value("active").toInt(), 1);
        QCOMPARE(byState.value("disabled").toInt(), 1);
        QCOMPARE(byState.value("cooldown").toInt(), 0);
        QVERIFY(byState.contains("invalid"));
        QVERIFY(json.value("totals").toObject().isEmpty());   // no request log
    }

    // Settings go to the config file the proxy started with; the running config stays as it is.
    void settingsAreSavedToTheConfigFileOrRefused()
    {
        QTemporaryDir dir;
        m_config.configFile = dir.filePath(QStringLiteral("config.json"));
        const ConfigFile::Result saved = m_service->saveSettings({{QStringLiteral("port"), 9123}, {QStringLiteral("keepMe"), true}});
        QCOMPARE(saved.outcome, ConfigFile::Outcome::Saved);
        QCOMPARE(saved.error, QString());
        QCOMPARE(m_config.port, quint16(8080));
        const ConfigFile::Result refused = m_service->saveSettings({{QStringLiteral("port"), QStringLiteral("eighty")}});
        QCOMPARE(refused.outcome, ConfigFile::Outcome::Refused);
        QVERIFY2(refused.error.contains(QStringLiteral("port")), qPrintable(refused.error));
        QString error;
        QCOMPARE(ConfigFile::read(m_config.configFile, &error),
                 (QJsonObject{{QStringLiteral("port"), 9123}, {QStringLiteral("keepMe"), true}}));

        m_config.configFile.clear();
        QCOMPARE(m_service->saveSettings({{QStringLiteral("port"), 9124}}).outcome, ConfigFile::Outcome::Failed);
    }
};

QTEST_GUILESS_MAIN(TestManagementService)
#include "tst_managementservice.moc"
