#pragma once
// The accounts requests are served from: picks one for each attempt, keeps its access token fresh
// (one refresh in flight per account, shared by every request waiting on it) and learns from the
// upstream's answers.
#include "accounts/credential.h"
#include "accounts/tokenrefresher.h"
#include "anthropic/apierror.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <functional>
#include <optional>
#include <variant>

namespace kt {

struct Config;
class NetworkManagerPool;

enum class UpstreamOutcome { Success, Throttled, QuotaExhausted, TokenRejected, Forbidden, ServerError, NetworkError };

class AccountPool : public QObject
{
    Q_OBJECT
public:
    using TokenCallback = std::function<void(std::variant<QString, ApiError>)>;

    AccountPool(const Config &config, NetworkManagerPool *network, QObject *parent = nullptr);

    // Credentials and where refreshed tokens are written back (empty path: nowhere).
    void setCredentials(const QList<Credential> &credentials, const QString &filePath, bool fileWasArray);
    int size() const { return int(m_credentials.size()); }
    QList<Credential> credentials() const { return m_credentials; }

    std::optional<qint64> select(const QSet<qint64> &excluded) const;
    const Credential *credential(qint64 id) const;
    QString machineId(qint64 id) const;

    // Calls back with a usable access token, refreshing first when it is missing, near expiry or
    // equal to rejectedToken (the upstream refused it; a token already replaced by another request's
    // refresh is not refreshed twice). The callback is dropped if context is destroyed first.
    void withAccessToken(qint64 id, const QString &rejectedToken, QObject *context, TokenCallback callback);
    void report(qint64 id, UpstreamOutcome outcome, const QString &detail = {});
    int refreshesStarted() const { return m_refreshesStarted; }

Q_SIGNALS:
    void credentialsChanged();

private:
    Credential *find(qint64 id);
    void finishRefresh(qint64 id, const RefreshResult &result);
    void writeBack();

    const Config &m_config;
    TokenRefresher m_refresher;
    QList<Credential> m_credentials;
    QString m_filePath;
    bool m_fileWasArray = false;
    QHash<qint64, QList<QPair<QPointer<QObject>, TokenCallback>>> m_waiting;
    int m_refreshesStarted = 0;
};

} // namespace kt
