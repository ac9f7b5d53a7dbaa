#pragma once
// The time the core reasons with (cooldowns, quota schedules, failover, the request log). Tests
// install a ManualClock and move it instead of waiting; everything else reads clock().
#include <QDateTime>
#include <QObject>

namespace kt {

class Clock : public QObject
{
    Q_OBJECT
public:
    virtual QDateTime now() const = 0;   // UTC
    // The clock in use: the system's, unless a test installed a ManualClock.
    static Clock &current();

Q_SIGNALS:
    // The clock jumped (only a test clock does): deadlines computed from the old time may have passed.
    void moved();
};

class ManualClock : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(const QDateTime &start = QDateTime::currentDateTimeUtc());
    ~ManualClock() override;   // uninstalls itself

    QDateTime now() const override;
    void install();   // Clock::current() is this one until it is destroyed
    void advance(qint64 ms);
    void setNow(const QDateTime &t);

private:
    QDateTime m_now;
};

} // namespace kt
