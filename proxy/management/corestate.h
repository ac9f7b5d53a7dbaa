#pragma once
// What the management service reads from the running core besides the pool: the request log, the
// listener's state, the secret store in use and the requests in flight. ProxyCore implements it.
#include <QDateTime>
#include <QString>

namespace kt {

class RequestLog;

class CoreState
{
public:
    virtual ~CoreState() = default;
    virtual RequestLog *requestLog() = 0;   // every finished request written first; null without storage
    virtual bool isListening() const = 0;
    virtual quint16 port() const = 0;
    virtual QDateTime startedAt() const = 0;
    virtual QString secretBackend() const = 0;   // "keychain" | "file" | "none" (no storage open)
    virtual int inFlight() const = 0;
};

} // namespace kt
