#pragma once
// How long one stream's upstream events spent inside the proxy: from the moment their bytes were
// taken off the upstream socket to the moment their SSE text was handed to the client's socket.
// Recorded only while the "kirotray.forwarding" debug category is on, and logged there in one line
// per stream when it ends (bench/run.sh reads those lines). Off, it costs one test per event.
#include <QList>
#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcForwarding)

namespace kt {

class ForwardingTimes
{
public:
    ForwardingTimes();

    static qint64 nowNs();   // std::chrono::steady_clock, as UpstreamCall::receivedAtNs()

    bool isEnabled() const { return m_enabled; }
    void received(qint64 atNs) { m_receivedNs = atNs; }   // the bytes being decoded left the socket then
    void forwarded(int events);   // these upstream events' SSE text has just been handed to the client socket
    QString summary() const;   // "forwarded N upstream events; µs from socket read to client write: a b …"

private:
    bool m_enabled;
    qint64 m_receivedNs = 0;
    QList<quint32> m_us;
};

} // namespace kt
