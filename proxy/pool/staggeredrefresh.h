#pragma once
// A reading kept fresh for every account (its quota, its model catalogue): in the background one
// account per tick, the one read or tried longest ago, once its period has passed; on demand through
// the same queue, which runs at most maxParallel fetches at once and one per account at a time.
// Time is Clock::current(); the accounts are kept ordered by when they are due, so a tick is O(log n).
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>
#include <set>

namespace kt {

class StaggeredRefresh : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    // Starts one fetch for the account and calls finished exactly once when it ends (possibly at once).
    using Fetch = std::function<void(qint64 id, Done finished)>;
    // Whether the background refresh may read the account now (not disabled, not signed out).
    using Eligible = std::function<bool(qint64 id)>;
    static constexpr qint64 MinTickMs = 5000;
    static constexpr qint64 MaxTickMs = 3600 * 1000;

    StaggeredRefresh(int maxParallel, Fetch fetch, Eligible eligible, QObject *parent = nullptr);

    // The accounts with the time each was last read (invalid: never). Attempts are kept for those still listed.
    void setAccounts(const QList<QPair<qint64, QDateTime>> &lastRead);
    void noteRead(qint64 id, const QDateTime &at);   // a reading arrived (at: its time)
    // Every account is read again once periodMs passed since its last reading or attempt; 0: never in
    // the background. The tick runs every period / accounts (within MinTickMs..MaxTickMs).
    void setPeriod(qint64 periodMs);
    qint64 periodMs() const { return m_periodMs; }
    int tickIntervalMs() const { return m_timer.isActive() ? m_timer.interval() : 0; }

    // Queues a fetch (joins the one already queued for the account); done hears how it ended, or at
    // once that there is no such account.
    void request(qint64 id, Done done = {});
    void tick();
    std::optional<qint64> dueAccount() const;   // what tick() would fetch now

    bool attempted(qint64 id) const { return m_attempted.contains(id); }
    bool inFlight(qint64 id) const { return m_inFlight.contains(id); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    int queued() const { return int(m_queue.size()); }

private:
    void setDue(qint64 id, qint64 lastMs);
    void noteAttempt(qint64 id);
    void pump();
    void reschedule();

    const int m_maxParallel;
    Fetch m_fetch;
    Eligible m_eligible;
    QTimer m_timer;
    qint64 m_periodMs = 0;
    std::set<std::pair<qint64, qint64>> m_order;   // (last read or attempt in ms, id), oldest first
    QHash<qint64, qint64> m_last;                  // id -> its key in m_order
    QHash<qint64, qint64> m_attempted;             // id -> last attempt in ms
    QList<qint64> m_queue;                         // one entry per account, first come first served
    QHash<qint64, QList<Done>> m_waiting;          // the callbacks of each queued account
    QSet<qint64> m_inFlight;
    bool m_pumping = false;
};

} // namespace kt
