#pragma once
// Every secret the test suites hand to the proxy or the fake upstream mints, in one place, so the
// final secret scan (tests/secretscan) can look for all of them in what the suites leave behind.
#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace kt::test {

inline const QByteArray TestApiKey = "kt-test-api-key-0123456789abcdef";
inline const QString TestRefreshToken = QStringLiteral("test-refresh-token-aorAAAAAsecret0123456789");

struct TestSecrets
{
    // Whole secrets (and prefixes shared by generated ones) as the suites spell them.
    static QList<QByteArray> literals()
    {
        return {TestApiKey, TestRefreshToken.toLatin1(),
                // management API, pool, refresh, import and GUI suites
                "kt-test-admin-key-fedcba9876543210", "kt-secretsecretsecretsecret", "kt-wrong-key-secret",
                "admin-test-client-secret-77", "client-secret-1",
                "social-rotate-refresh-token-0123456789", "idc-refresh-token-0123456789",
                "revoked-refresh-token-SECRET-42", "revoked-refresh-token-0123456789",
                "refresh500-token-0123456789", "ide-refresh-token-0123456789abcdef",
                "alpha-refresh-token-0123456789abcdef", "beta-refresh-token-0123456789abcdef",
                "edit-refresh-token-0123456789abcdef", "import-new-refresh-token-0123456789abcdef",
                "keep-me-refresh-token-0123456789abcdef", "other-refresh-token-0123456789abcdef",
                "skip-me-refresh-token-0123456789abcdef", "admin-refresh-", "pool-refresh-",
                // access tokens: minted by the fake upstream, or given with a credential
                "fake-access-", "valid-access-", "expired-access-token", "ide-access",
                // sign-in (tst_e2e_signin, the CLI and dialog suites): minted by the fake or given as API keys
                "fake-client-secret-", "fake-device-code-", "fake-auth-code-", "ksk_valid-signin-test-key-", "ksk_expired-signin-test-key-",
                // the Node.js client tests (tests/node/harness.mjs)
                "kt-node-test-key-0123456789abcdef", "node-test-refresh-token-0123456789"};
    }

    // Generated secrets: every test refresh token carries "refresh" and ends in 0123456789 (the
    // fake upstream's rotation appends "-rN"), every minted access token is fake-access-N-<tail>.
    static QList<QRegularExpression> patterns()
    {
        return {QRegularExpression(QStringLiteral("[A-Za-z0-9-]*refresh[A-Za-z0-9-]*0123456789")),
                QRegularExpression(QStringLiteral("fake-access-[0-9]+-[A-Za-z0-9-]+"))};
    }
};

} // namespace kt::test
