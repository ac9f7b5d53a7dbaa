#pragma once
// An account's overage (paid usage beyond the plan's credits) as getUsageLimits reports it
// (docs/protocol.md#usage-limits): whether it is on, whether the plan allows it, and its cap, rate and
// current charges in USD.
#include <QJsonObject>
#include <QString>

namespace kt {

struct OverageInfo {
    QString status;        // "ENABLED" | "DISABLED" as Kiro spells it; empty: not reported
    QString capability;    // subscriptionInfo.overageCapability, e.g. "OVERAGE_CAPABLE"; empty: not reported
    double cap = 0;        // USD
    double rate = 0;       // USD per invocation
    double charges = 0;    // currentOverages, USD

    bool known() const { return !status.isEmpty(); }
    bool enabled() const { return status.compare(QLatin1String("ENABLED"), Qt::CaseInsensitive) == 0; }

    // {"status","enabled","capability","cap","rate","charges"}; status and enabled null when not reported.
    QJsonObject toJson() const;
    static OverageInfo fromJson(const QJsonObject &o);
    static OverageInfo fromUsageLimits(const QJsonObject &response);
};

} // namespace kt
