#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kt {

// Fires timeout() once `ms` have passed without a start(), and again after each further quiet `ms`.
// Unlike QTimer::start(), calling start() again with the same interval costs no timer
// re-registration: it only notes the time, and the timer re-arms itself for the rest when it fires.
// Streams call it for every event.
class InactivityTimer : public QObject
{
    Q_OBJECT

public:
    explicit InactivityTimer(QObject *parent = nullptr);

    void start(int ms);
    void stop();
    bool isActive() const { return m_timer.isActive(); }

Q_SIGNALS:
    void timeout();

private:
    void onTimer();

    QTimer m_timer;
    QElapsedTimer m_lastStart;
    int m_intervalMs = 0;
};

} // namespace kt
