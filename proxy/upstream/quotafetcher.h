#pragma once
// Asks the Kiro backend for one account's usage limits (GET /getUsageLimits, docs/protocol.md#usage-limits)
// and turns the answer into a QuotaInfo, or into a failure the pool can act on.
#include "accounts/quotainfo.h"

#include <QObject>

#include <functional>

namespace kt {

struct Config;
struct Credential;
class NetworkManagerPool;

struct QuotaFetchResult {
    bool ok = false;
    QuotaInfo quota;          // when ok
    int httpStatus = 0;       // 0: transport failure or timeout
    QString error;            // human readable, never a token
    QString upstreamMessage;  // the backend's "message", for classification
};

class QuotaFetcher : public QObject
{
    Q_OBJECT
public:
    QuotaFetcher(const Config &config, NetworkManagerPool *network, QObject *parent = nullptr);
    void fetch(const Credential &credential, const QString &accessToken, const QString &machineId,
               std::function<void(const QuotaFetchResult &)> done);

private:
    const Config &m_config;
    NetworkManagerPool *m_network;
};

} // namespace kt
