#include "files/textdiff.h"

#include <QList>

#include <vector>

namespace kt {

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList out = text.split(QLatin1Char('\n'));
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

} // namespace

QStringList TextDiff::lines(const QString &before, const QString &after)
{
    const QStringList a = splitLines(before);
    const QStringList b = splitLines(after);
    const qsizetype n = a.size(), m = b.size();
    // Longest common subsequence table; settings files are a few hundred lines at most.
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = a.at(i) == b.at(j) ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                                                           : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    QStringList out;
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (a.at(i) == b.at(j)) {
            out.append(QStringLiteral("  ") + a.at(i));
            ++i;
            ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out.append(QStringLiteral("- ") + a.at(i++));
        } else {
            out.append(QStringLiteral("+ ") + b.at(j++));
        }
    }
    while (i < n)
        out.append(QStringLiteral("- ") + a.at(i++));
    while (j < m)
        out.append(QStringLiteral("+ ") + b.at(j++));
    return out;
}

QStringList TextDiff::compact(const QString &before, const QString &after, int context)
{
    const QStringList all = lines(before, after);
    QList<bool> keep(all.size(), false);
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).startsWith(QLatin1String("  ")))
            continue;
        for (qsizetype k = std::max<qsizetype>(0, i - context); k <= std::min<qsizetype>(all.size() - 1, i + context); ++k)
            keep[k] = true;
    }
    QStringList out;
    bool skipping = false;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (keep.at(i)) {
            out.append(all.at(i));
            skipping = false;
        } else if (!skipping) {
            out.append(QStringLiteral("  …"));
            skipping = true;
        }
    }
    return out;
}

} // namespace kt
