#pragma once
// One accepted TCP connection of the fake Kiro upstream: parses an HTTP/1.1 request, plays back a
// FakeReply (chunked, split into small writes, with timer-driven pauses), then waits for the next
// request (keep-alive, as the real backend does) or closes.
#include "fakerecordedrequest.h"
#include "fakereply.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace kt::fake {

class FakeHttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 128 * 1024 * 1024;

    // Takes ownership of the socket; deletes itself (and the socket) once the socket disconnects.
    FakeHttpConnection(QTcpSocket *socket, QObject *parent);
    ~FakeHttpConnection() override;

    // maxRequests > 0: the request after that many answers is not answered, the connection closes.
    void setKeepAlive(bool keepAlive, int maxRequests);
    void respond(const FakeReply &reply, int chunkSize);

Q_SIGNALS:
    void requestReady(kt::fake::FakeHttpConnection *connection, const kt::fake::RecordedRequest &request);

private:
    enum class State { ReadingHead, ReadingBody, Responding, Done };

    void onReadyRead();
    void takeRequest();
    bool parseHead();
    bool parseChunkedBody();
    void rejectRequest(int status, const QByteArray &message);
    void writeHead();
    void runSteps();
    void writeBodyData(const QByteArray &data);
    void abortWhenFlushed();
    void finishBody();
    void onDisconnected();
    void endReply();

    QPointer<QTcpSocket> m_socket;
    State m_state = State::ReadingHead;
    QByteArray m_in;
    RecordedRequest m_request;
    qint64 m_contentLength = 0;
    bool m_chunkedRequest = false;

    FakeReply m_reply;
    qsizetype m_nextStep = 0;
    int m_chunkSize = 7;
    bool m_deleting = false;
    bool m_keepAlive = true;
    bool m_closeAfterReply = false;
    int m_maxRequests = 0;
    int m_served = 0;
};

} // namespace kt::fake
