#pragma once
// An account's usage allowance as getUsageLimits reports it (docs/protocol.md#usage-limits): the main
// allowance, a free-trial and a bonus allowance shown apart, reset date and subscription name.
#include "accounts/overageinfo.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace kt {

struct QuotaInfo {
    bool known = false;          // false until the first successful fetch
    double used = 0;             // main allowance (precise fields preferred)
    double limit = 0;
    double trialUsed = 0;        // active free trial, 0/0 when none
    double trialLimit = 0;
    QDateTime trialExpiry;
    double bonusUsed = 0;        // active bonuses summed, 0/0 when none
    double bonusLimit = 0;
    QDateTime resetAt;           // nextDateReset
    QString subscription;        // e.g. "KIRO FREE", "KIRO PRO+"
    OverageInfo overage;
    QDateTime fetchedAt;
    QString error;               // last fetch failure, empty after a success

    double totalUsed() const { return used + trialUsed + bonusUsed; }
    double totalLimit() const { return limit + trialLimit + bonusLimit; }
    double remainingPercent() const;   // 0..100 over all allowances; 100 when unknown or limit 0
    QString level() const;             // "green" > 30 % remaining, "yellow" 10–30 %, "red" < 10 %, "unknown"
    bool exhausted() const { return known && totalLimit() > 0 && totalUsed() >= totalLimit(); }

    QJsonObject toJson() const;
    static QuotaInfo fromJson(const QJsonObject &o);                     // inverse of toJson (storage)
    static QuotaInfo fromUsageLimits(const QJsonObject &response, const QDateTime &now);  // upstream reply
};

} // namespace kt
