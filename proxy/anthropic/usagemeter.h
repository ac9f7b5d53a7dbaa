#pragma once
// What Kiro meters for one upstream reply (docs/protocol.md#metering): the credits of its
// meteringEvent frames, summed, and the prompt-cache reads and writes when the upstream reports them
// (meteringEvent or metadataEvent/messageMetadataEvent token usage; absent on most upstreams).
#include <QJsonObject>

namespace kt {

class UsageMeter {
public:
    void onMetering(const QJsonObject &payload);
    void onMetadata(const QJsonObject &payload);

    double credits() const { return m_credits; }
    double takeCredits();   // the credits so far, then 0 (each is counted once per request)
    int cacheReadTokens() const { return m_cacheRead; }
    int cacheWriteTokens() const { return m_cacheWrite; }

private:
    void readCache(const QJsonObject &o, const char *writeKey);

    double m_credits = 0;
    int m_cacheRead = 0;
    int m_cacheWrite = 0;
};

} // namespace kt
