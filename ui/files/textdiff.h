#pragma once
// A line diff of two small texts (settings files) for showing a change before it is made:
// every line of the result starts with "  ", "- " or "+ ".
#include <QString>
#include <QStringList>

namespace kt {

class TextDiff
{
public:
    static QStringList lines(const QString &before, const QString &after);
    // Only the changed lines with `context` unchanged lines around them; "…" marks skipped runs.
    static QStringList compact(const QString &before, const QString &after, int context = 2);
};

} // namespace kt
