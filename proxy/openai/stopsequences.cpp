#include "openai/stopsequences.h"

namespace kt {

StopSequences::StopSequences(QStringList stops) : m_stops(std::move(stops))
{
    m_stops.removeAll(QString());
}

QString StopSequences::cut(const QString &text)
{
    qsizetype first = -1;
    for (const QString &stop : std::as_const(m_stops)) {
        const qsizetype at = text.indexOf(stop);
        if (at >= 0 && (first < 0 || at < first))
            first = at;
    }
    if (first < 0)
        return text;
    m_stopped = true;
    return text.left(first);
}

QString StopSequences::feed(const QString &piece)
{
    if (m_stopped)
        return {};
    const QString text = m_held + piece;
    m_held.clear();
    const QString before = cut(text);
    if (m_stopped)
        return before;
    // Hold back the longest end of the text that begins a stop sequence.
    qsizetype hold = 0;
    for (const QString &stop : std::as_const(m_stops)) {
        for (qsizetype n = std::min(stop.size() - 1, text.size()); n > hold; --n) {
            if (text.endsWith(QStringView(stop).left(n))) {
                hold = n;
                break;
            }
        }
    }
    m_held = text.right(hold);
    return text.left(text.size() - hold);
}

QString StopSequences::flush()
{
    return std::exchange(m_held, QString());
}

} // namespace kt
