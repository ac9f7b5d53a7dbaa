#pragma once
// What the fake charges: the credits of the meteringEvent frames in the replies it sends, added to
// the usage getUsageLimits reports, as Kiro's own quota grows with its metering.
#include "fakereply.h"

#include <QJsonObject>

namespace kt::fake {

class FakeMetering
{
public:
    double charged = 0;   // credits metered so far

    void charge(const FakeReply &reply);            // sums the reply's meteringEvent usages
    QJsonObject applyTo(QJsonObject usage) const;   // the first breakdown's current usage grows by `charged`
};

} // namespace kt::fake
