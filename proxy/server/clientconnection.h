#pragma once
// One client connection: reads each request as it arrives and hands complete ones to the server's
// handler, one at a time (while a response is written, the socket's read buffer is held at one
// byte, so a pipelined request waits in the kernel); answers Expect: 100-continue, refuses what is
// not HTTP, too large, too slow or (before its body) not allowed, and closes the connection after a
// response when the request asked for it.
#include "anthropic/apierror.h"
#include "server/httprequest.h"
#include "server/httpresponse.h"
#include "server/requesthead.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <optional>

class QTcpSocket;

namespace kt {

struct ConnectionLimits {
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    int idleTimeoutMs = 120000;            // between requests on a kept-alive connection; 0 = never
    int headerTimeoutMs = 30000;           // for a whole request head; 0 = never
    qint64 minBodyBytesPerSecond = 16384;  // the body may take headerTimeoutMs + length / this; 0 = no limit
    int listenBacklog = 1024;              // connections the kernel holds for accept() (it caps this at somaxconn)
};

// Says, from its head alone, that a request will be refused (Host, Origin, API key).
using HeadCheck = std::function<std::optional<ApiError>(const RequestHead &)>;
// Serves one complete request; the response ends in ClientConnection::responseComplete().
using RequestHandler = std::function<void(const HttpRequest &, QTcpSocket *)>;

class ClientConnection : public QObject
{
    Q_OBJECT
public:
    ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, HeadCheck check, RequestHandler handler);
    static ClientConnection *of(QTcpSocket *socket);   // nullptr for a socket without one

    bool headOnly() const { return m_request.method == "HEAD"; }
    bool chunkedAllowed() const { return m_request.minorVersion >= 1; }
    void closeAfterResponse() { m_closeAfterResponse = true; }
    QByteArray connectionHeader() const;   // the Connection header line the response needs, if any
    void responseComplete();               // the last byte of the response was written
    // Answers the next request with this error, whatever it asks (a server out of descriptors).
    void refuseNextRequest(const ApiError &error, const HttpHeaders &headers);

private:
    enum class State { Idle, Head, Body, Responding, Closing };

    void onReadyRead();
    void readAvailable();
    void readHead();
    void dispatch();
    void refuse(const ApiError &error, const HttpHeaders &headers = {});
    void closeGracefully();
    void onTimeout();
    void arm(int ms);

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    HeadCheck m_check;
    RequestHandler m_handler;
    State m_state = State::Idle;
    QByteArray m_received;     // read from the socket, not yet part of a dispatched request
    qint64 m_total = 0;        // head + body of the request being read
    RequestHead m_request;     // the request being read or answered
    HttpRequest m_current;     // the request being answered (its handler may hold on to it)
    bool m_closeAfterResponse = false;
    std::optional<ApiError> m_refusal;   // set by refuseNextRequest()
    HttpHeaders m_refusalHeaders;
    QTimer m_timer;
};

} // namespace kt
