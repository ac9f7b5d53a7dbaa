#include "util/machineidformat.h"

#include <QRegularExpression>

namespace kt {

QString normaliseMachineId(const QString &raw)
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
    static const QRegularExpression uuid(
        QStringLiteral("^\\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\\}?$"));
    const QString s = raw.trimmed();
    if (hex64.match(s).hasMatch())
        return s.toLower();
    const QRegularExpressionMatch m = uuid.match(s);
    if (!m.hasMatch())
        return {};
    // Dashes must be all present or all absent, and braces must pair up.
    const int dashes = int(s.count(QLatin1Char('-')));
    if ((dashes != 0 && dashes != 4) || s.startsWith(QLatin1Char('{')) != s.endsWith(QLatin1Char('}')))
        return {};
    const QString compact = (m.captured(1) + m.captured(2) + m.captured(3) + m.captured(4) + m.captured(5)).toLower();
    return compact + compact;
}

} // namespace kt
