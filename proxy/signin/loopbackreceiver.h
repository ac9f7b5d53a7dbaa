#pragma once
// The loopback end of a browser sign-in: a tiny HTTP listener on 127.0.0.1 that takes the one GET the
// login page redirects to, answers it with a short page, and hands its query to the flow.
#include <QObject>
#include <functional>
#include <QTcpServer>
#include <QUrlQuery>

namespace kt {

class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject *parent = nullptr);
    // port 0 = any free port. Returns an error in words, empty when listening.
    QString listen(quint16 port, const QString &path);
    quint16 port() const { return m_server.serverPort(); }
    void close();
    // The answer a callback gets: the flow decides (accepted, or why not).
    using Verdict = std::function<QString(const QUrlQuery &query)>;   // empty = accepted
    void setVerdict(Verdict verdict) { m_verdict = std::move(verdict); }

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);

    QTcpServer m_server;
    QString m_path;
    Verdict m_verdict;
};

} // namespace kt
