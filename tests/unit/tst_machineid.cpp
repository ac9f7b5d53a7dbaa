// Machine id: the sha256("KotlinNativeAPI/<refreshToken>") test vector, normalising configured ids
// (UUID or 64 hex), the credential > config > derived order, and the per-account fallback.
#include "accounts/credential.h"
#include "accounts/machineid.h"
#include "config/config.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace kt;

namespace {

QString sha256(const QByteArray &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestMachineId : public QObject
{
    Q_OBJECT

private slots:
    void machineIdTestVector();
    void machineIdNormalisation_data();
    void machineIdNormalisation();
    void machineIdDerivationOrder();
    void machineIdFallbackCachedPerCredential();
    void cacheDerivesAgainWhenAnInputChanges();
};

void TestMachineId::machineIdTestVector()
{
    QCOMPARE(sha256("KotlinNativeAPI/test"), QStringLiteral("e27d0a7d33bfaa977417cff105ad798a49473c549281eb5ead776220eb4a2ed3"));
    Credential c;
    c.refreshToken = QStringLiteral("test");
    QCOMPARE(deriveMachineId(c, Config{}), QStringLiteral("e27d0a7d33bfaa977417cff105ad798a49473c549281eb5ead776220eb4a2ed3"));
}

void TestMachineId::machineIdNormalisation_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    const QString hex64 = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    const QString uuidTwice = QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000");
    QTest::newRow("64 hex") << hex64 << hex64;
    QTest::newRow("64 hex upper") << hex64.toUpper() << hex64;
    QTest::newRow("uuid dashed") << "123e4567-e89b-12d3-a456-426614174000" << uuidTwice;
    QTest::newRow("uuid upper") << "123E4567-E89B-12D3-A456-426614174000" << uuidTwice;
    QTest::newRow("uuid compact") << "123e4567e89b12d3a456426614174000" << uuidTwice;
    QTest::newRow("uuid braces") << "{123e4567-e89b-12d3-a456-426614174000}" << uuidTwice;
    QTest::newRow("uuid spaces") << "  123e4567-e89b-12d3-a456-426614174000 " << uuidTwice;
    QTest::newRow("partial dashes") << "123e4567-e89b12d3a456426614174000" << QString();
    QTest::newRow("one brace") << "{123e4567-e89b-12d3-a456-426614174000" << QString();
    QTest::newRow("63 hex") << hex64.left(63) << QString();
    QTest::newRow("65 hex") << hex64 + QLatin1Char('0') << QString();
    QTest::newRow("non hex") << QStringLiteral("g").repeated(64) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestMachineId::machineIdNormalisation()
{
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    QCOMPARE(normaliseMachineId(raw), expected);
}

void TestMachineId::machineIdDerivationOrder()
{
    Config config;
    Credential c;
    c.refreshToken = QStringLiteral("test");
    c.machineId = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
    config.machineId = QStringLiteral("fedcba9876543210fedcba9876543210");
    QCOMPARE(deriveMachineId(c, config), QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000"));

    c.machineId = QStringLiteral("garbage");  // ignored, falls through to the config value
    QCOMPARE(deriveMachineId(c, config), QStringLiteral("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"));

    config.machineId.clear();
    QCOMPARE(deriveMachineId(c, config), sha256("KotlinNativeAPI/test"));

    Credential key;
    key.authMethod = AuthMethod::ApiKey;
    key.kiroApiKey = QStringLiteral("ksk_abc");
    key.refreshToken = QStringLiteral("test");  // not used for API-key accounts
    QCOMPARE(deriveMachineId(key, config), sha256("KiroAPIKey/ksk_abc"));
}

void TestMachineId::machineIdFallbackCachedPerCredential()
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    Credential a;
    a.id = 101;
    a.accessToken = QStringLiteral("only-an-access-token");
    Credential b = a;
    b.id = 102;
    const QString first = deriveMachineId(a, Config{});
    QVERIFY(hex64.match(first).hasMatch());
    QCOMPARE(deriveMachineId(a, Config{}), first);
    const QString other = deriveMachineId(b, Config{});
    QVERIFY(hex64.match(other).hasMatch());
    QVERIFY(other != first);
}

void TestMachineId::cacheDerivesAgainWhenAnInputChanges()
{
    MachineIdCache cache;
    Config config;
    Credential c;
    c.refreshToken = QStringLiteral("first");
    QCOMPARE(cache.get(1, c, config), sha256("KotlinNativeAPI/first"));
    c.refreshToken = QStringLiteral("rotated");
    QCOMPARE(cache.get(1, c, config), sha256("KotlinNativeAPI/rotated"));
    config.machineId = QStringLiteral("fedcba9876543210fedcba9876543210");
    QCOMPARE(cache.get(1, c, config), QStringLiteral("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"));
    c.machineId = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
    QCOMPARE(cache.get(1, c, config), QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000"));
    c.authMethod = AuthMethod::ApiKey;
    c.machineId.clear();
    config.machineId.clear();
    c.kiroApiKey = QStringLiteral("ksk_abc");
    QCOMPARE(cache.get(1, c, config), sha256("KiroAPIKey/ksk_abc"));
    QCOMPARE(cache.get(2, c, config), sha256("KiroAPIKey/ksk_abc"));   // per account, same inputs
    cache.forget(1);
    QCOMPARE(cache.get(1, c, config), sha256("KiroAPIKey/ksk_abc"));
}

QTEST_GUILESS_MAIN(TestMachineId)
#include "tst_machineid.moc"
