#pragma once
// Chat Completions' "stop": Kiro has no stop sequences, so the answer's text is cut where the first
// one appears. Streamed text that could be the start of a stop sequence is held back until the
// next piece shows whether it is.
#include <QString>
#include <QStringList>

namespace kt {

class StopSequences {
public:
    explicit StopSequences(QStringList stops = {});

    bool isEmpty() const { return m_stops.isEmpty(); }
    bool stopped() const { return m_stopped; }
    QString feed(const QString &text);   // what may be sent now; nothing once stopped
    QString flush();                     // the text held back, when its block ends
    QString cut(const QString &text);    // a whole text up to the first stop sequence (sets stopped())

private:
    QStringList m_stops;
    QString m_held;
    bool m_stopped = false;
};

} // namespace kt
