#include "accounts/accountchanges.h"

namespace kt {

QString AccountChanges::problem() const
{
    if (isEmpty())
        return QStringLiteral("nothing to change: send name, priority or overageEnabled");
    if (name) {
        const QString n = name->trimmed();
        const bool control = std::any_of(n.begin(), n.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
        if (n.isEmpty() || n.size() > MaxNameLength || control)
            return QStringLiteral("field 'name' must be a non-empty string of at most %1 characters without control characters")
                .arg(MaxNameLength);
    }
    if (priority && (*priority < 0 || *priority > MaxPriority))
        return QStringLiteral("field 'priority' must be an integer between 0 and %1").arg(MaxPriority);
    return {};
}

} // namespace kt
