#pragma once
// A raw HTTP/1.1 client for tests: sends exactly the bytes given, decodes Content-Length and
// chunked bodies itself, and timestamps every chunk so tests can see that events arrive one by one.
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <functional>

namespace kt::test {

struct SseEventData { QByteArray name; QJsonObject data; QByteArray raw; };

struct HttpResult {
    bool complete = false;        // a whole response arrived (or the stream ended cleanly)
    bool timedOut = false;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> chunks;     // a chunked body's chunks as the server framed them
    QList<qint64> chunkTimesMs;   // arrival time of each body chunk since the request was sent
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QList<SseEventData> events() const;
    QList<QByteArray> eventNames() const;
    QList<QByteArray> dataLines() const;   // every "data: " payload in order (OpenAI's unnamed events)
    QString errorType() const;    // error.type of an Anthropic error body
};

class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port) : m_port(port) {}

    HttpResult request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 30000);
    // Sends raw bytes; onChunk may return false to hang up right there (client-disconnect tests).
    HttpResult raw(const QByteArray &bytes, int timeoutMs = 30000, std::function<bool(const HttpResult &)> onChunk = {});

private:
    quint16 m_port;
};

} // namespace kt::test
