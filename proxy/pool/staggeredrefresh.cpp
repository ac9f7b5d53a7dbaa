#include "pool/staggeredrefresh.h"

#include "util/clock.h"

#include <QPointer>

#include <limits>

namespace kt {

namespace {

constexpr qint64 Never = std::numeric_limits<qint64>::min();

QString noAccount(qint64 id)
{
    return QStringLiteral("no account with id %1").arg(id);
}

qint64 msOf(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : Never;
}

} // namespace

StaggeredRefresh::StaggeredRefresh(int maxParallel, Fetch fetch, Eligible eligible, QObject *parent)
    : QObject(parent), m_maxParallel(std::max(1, maxParallel)), m_fetch(std::move(fetch)), m_eligible(std::move(eligible))
{
    m_timer.setParent(this);   // follows this object to another thread
    connect(&m_timer, &QTimer::timeout, this, &StaggeredRefresh::tick);
}

void StaggeredRefresh::setAccounts(const QList<QPair<qint64, QDateTime>> &lastRead)
{
    m_order.clear();
    m_last.clear();
    QHash<qint64, qint64> attempted;
    for (const auto &[id, at] : lastRead) {
        qint64 last = msOf(at);
        if (const auto tried = m_attempted.constFind(id); tried != m_attempted.cend()) {
            last = std::max(last, *tried);
            attempted.insert(id, *tried);
        }
        m_last.insert(id, last);
        m_order.emplace(last, id);
    }
    m_attempted = std::move(attempted);
    reschedule();
}

void StaggeredRefresh::setDue(qint64 id, qint64 lastMs)
{
    const auto it = m_last.find(id);
    if (it == m_last.end() || *it >= lastMs)
        return;
    m_order.erase({*it, id});
    m_order.emplace(lastMs, id);
    *it = lastMs;
}

void StaggeredRefresh::noteRead(qint64 id, const QDateTime &at)
{
    setDue(id, msOf(at));
}

void StaggeredRefresh::noteAttempt(qint64 id)
{
    const qint64 now = Clock::current().now().toMSecsSinceEpoch();
    m_attempted.insert(id, now);
    setDue(id, now);
}

void StaggeredRefresh::setPeriod(qint64 periodMs)
{
    m_periodMs = std::max<qint64>(0, periodMs);
    reschedule();
}

void StaggeredRefresh::reschedule()
{
    if (m_periodMs == 0 || m_last.isEmpty()) {
        m_timer.stop();
        return;
    }
    const int interval = int(std::clamp<qint64>(m_periodMs / m_last.size(), MinTickMs, MaxTickMs));
    if (!m_timer.isActive() || m_timer.interval() != interval)
        m_timer.start(interval);
}

std::optional<qint64> StaggeredRefresh::dueAccount() const
{
    if (m_periodMs == 0)
        return std::nullopt;
    for (const auto &[last, id] : m_order) {
        if (m_inFlight.contains(id) || (m_eligible && !m_eligible(id)))
            continue;
        // The oldest eligible one: when it is not due, no other is.
        if (last == Never || Clock::current().now().toMSecsSinceEpoch() - last >= m_periodMs)
            return id;
        return std::nullopt;
    }
    return std::nullopt;
}

void StaggeredRefresh::tick()
{
    if (const auto id = dueAccount())
        request(*id);
}

void StaggeredRefresh::request(qint64 id, Done done)
{
    if (!m_last.contains(id)) {
        if (done)
            done(false, noAccount(id));
        return;
    }
    noteAttempt(id);
    auto waiting = m_waiting.find(id);
    if (waiting == m_waiting.end()) {
        m_queue.append(id);
        waiting = m_waiting.insert(id, {});
    }
    if (done)
        waiting->append(std::move(done));
    pump();
}

void StaggeredRefresh::pump()
{
    if (m_pumping)
        return;   // a fetch that ended at once: the loop below goes on
    m_pumping = true;
    while (m_inFlight.size() < m_maxParallel) {
        // Those waiting for the fetch in flight for the same account are passed over (at most m_maxParallel).
        qsizetype i = 0;
        while (i < m_queue.size() && m_inFlight.contains(m_queue.at(i)))
            ++i;
        if (i == m_queue.size())
            break;
        const qint64 id = m_queue.takeAt(i);
        QList<Done> callbacks = m_waiting.take(id);
        if (!m_last.contains(id)) {   // gone while it waited
            for (const Done &callback : callbacks)
                callback(false, noAccount(id));
            continue;
        }
        m_inFlight.insert(id);
        noteAttempt(id);
        m_fetch(id, [self = QPointer<StaggeredRefresh>(this), id, callbacks = std::move(callbacks)](bool ok, const QString &error) {
            if (self)
                self->m_inFlight.remove(id);
            for (const Done &callback : callbacks)
                callback(ok, error);
            if (self)
                self->pump();
        });
    }
    m_pumping = false;
}

} // namespace kt
