#pragma once
// Turns an account's overage on or off at Kiro (setUserPreference, docs/protocol.md#usage-limits),
// then records it in the pool and reads the usage limits again so that status, cap and charges are
// Kiro's own. Both management faces (admin API, UI) go through it.
#include <QObject>
#include <QString>

#include <functional>

namespace kt {

struct Config;
class AccountPool;
class NetworkManagerPool;

class OverageSwitch : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString &error)>;

    OverageSwitch(const Config &config, NetworkManagerPool *network, AccountPool *pool, QObject *parent = nullptr);
    // done is called once, on this object's thread (error names the account and Kiro's reason).
    void set(qint64 id, bool enabled, Done done);

private:
    const Config &m_config;
    NetworkManagerPool *m_network;
    AccountPool *m_pool;
};

} // namespace kt
