#pragma once
// Decides whether a tray notification may be shown now, so that a flapping account or a burst of
// failing requests produces one message rather than a stream of them.
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace kt {

class NotificationLimiter
{
public:
    // The same kind + subject at most once per `perKeySeconds`; any notification at most `burst`
    // times per `burstWindowSeconds`.
    explicit NotificationLimiter(int perKeySeconds = 600, int burst = 3, int burstWindowSeconds = 60);

    // True (and remembered) when this one may be shown at `now`.
    bool allow(const QString &kind, const QString &subject, const QDateTime &now);
    int suppressed() const { return m_suppressed; }

private:
    int m_perKeySeconds;
    int m_burst;
    int m_burstWindowSeconds;
    QHash<QString, QDateTime> m_lastShown;
    QList<QDateTime> m_recent;
    int m_suppressed = 0;
};

} // namespace kt
