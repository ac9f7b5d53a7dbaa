#pragma once
// Fetches one account's whole model catalogue from ListAvailableModels: follows nextToken for at
// most MaxPages pages and stops at a token it has already seen (docs/protocol.md#model-catalogue).
#include "models/modelcatalogue.h"

#include <QObject>

#include <functional>

namespace kt {

struct Config;
struct Credential;
class NetworkManagerPool;

struct ModelListResult {
    bool ok = false;
    ModelCatalogue catalogue;   // when ok
    int pages = 0;
    int httpStatus = 0;         // of the failed page; 0: transport failure or timeout
    QString error;              // human readable, never a token
    QString upstreamMessage;
};

class ModelListFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxPages = 20;

    ModelListFetcher(const Config &config, NetworkManagerPool *network, QObject *parent = nullptr);
    void fetch(const Credential &credential, const QString &accessToken, const QString &machineId,
               std::function<void(const ModelListResult &)> done);

private:
    struct Run;
    void fetchPage(std::shared_ptr<Run> run);

    const Config &m_config;
    NetworkManagerPool *m_network;
};

} // namespace kt
