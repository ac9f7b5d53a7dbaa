#pragma once
// The fake's overage (docs/protocol.md#usage-limits): the status getUsageLimits reports, with cap, rate and
// charges, and POST /setUserPreference that changes it (profileArn required, as Kiro does).
#include "fakerecordedrequest.h"
#include "fakereply.h"

#include <QJsonObject>
#include <QString>

namespace kt::fake {

class FakeOverage
{
public:
    QString status = QStringLiteral("DISABLED");
    int setCount = 0;   // successful setUserPreference calls

    // The usage reply with this status (and the cap, rate and charges in its first breakdown); a reply
    // without usageBreakdownList is returned unchanged.
    QJsonObject applyTo(QJsonObject usage) const;
    FakeReply setPreference(const RecordedRequest &request);
};

} // namespace kt::fake
