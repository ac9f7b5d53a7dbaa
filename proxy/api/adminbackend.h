#pragma once
// What the management API reads and drives: the core as the admin controllers see it. The proxy
// server implements it; the controllers never reach past it.
#include <QDateTime>
#include <QString>

namespace kt {

class AccountPool;
class OverageSwitch;
class RequestLog;
class SignIn;
struct Config;

class AdminBackend
{
public:
    virtual ~AdminBackend() = default;
    virtual AccountPool *accounts() const = 0;
    virtual RequestLog *requestLog() = 0;   // every finished request written first
    virtual const Config &config() const = 0;
    virtual bool isListening() const = 0;
    virtual quint16 port() const = 0;
    virtual QDateTime startedAt() const = 0;
    virtual QString secretBackend() const = 0;
    virtual int inFlight() const = 0;
    virtual SignIn *signIn() const = 0;   // sign-ins (/api/auth/login)
    virtual OverageSwitch *overage() const = 0;   // overage on/off at Kiro (/api/accounts/{id}/overage)
};

} // namespace kt
