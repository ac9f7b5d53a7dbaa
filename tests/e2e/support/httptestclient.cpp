#include "httptestclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace kt::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QList<SseEventData> HttpResult::events() const
{
    QList<SseEventData> out;
    for (const QByteArray &block : body.split('\n')) {
        if (block.startsWith("event: ")) {
            out.append({block.mid(7), {}, block});
        } else if (block.startsWith("data: ") && !out.isEmpty()) {
            out.last().data = QJsonDocument::fromJson(block.mid(6)).object();
            out.last().raw += '\n' + block;
        }
    }
    return out;
}

QList<QByteArray> HttpResult::eventNames() const
{
    QList<QByteArray> names;
    for (const auto &e : events())
        names << e.name;
    return names;
}

QList<QByteArray> HttpResult::dataLines() const
{
    QList<QByteArray> out;
    for (const QByteArray &line : body.split('\n')) {
        if (line.startsWith("data: "))
            out.append(line.mid(6));
    }
    return out;
}

QString HttpResult::errorType() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
}

HttpResult HttpTestClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                                   const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QByteArray bytes = method + ' ' + path + " HTTP/1.1\r\n";
    bool hasHost = false;
    for (const auto &[k, v] : headers) {
        bytes += k + ": " + v + "\r\n";
        hasHost |= k.compare("host", Qt::CaseInsensitive) == 0;
    }
    if (!hasHost)
        bytes += "Host: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    if (!body.isEmpty() || method == "POST")
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "\r\n" + body;
    return raw(bytes, timeoutMs);
}

namespace {

// Parses as much of the response as has arrived; returns true once it is complete.
bool parse(const QByteArray &data, HttpResult &r)
{
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    r.status = lines.value(0).split(' ').value(1).toInt();
    r.headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray rest = data.mid(headerEnd + 4);
    if (r.header("Transfer-Encoding").toLower() == "chunked") {
        r.body.clear();
        r.chunks.clear();
        qsizetype pos = 0;
        for (;;) {
            const qsizetype lineEnd = rest.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qsizetype size = rest.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                return false;
            if (size == 0)
                return rest.size() >= lineEnd + 4;
            if (rest.size() < lineEnd + 2 + size + 2)
                return false;
            r.chunks.append(rest.mid(lineEnd + 2, size));
            r.body += r.chunks.last();
            pos = lineEnd + 2 + size + 2;
        }
    }
    const QByteArray length = r.header("Content-Length");
    r.body = rest;
    if (!length.isEmpty())
        return rest.size() >= length.toLongLong();
    return false; // read until close
}

} // namespace

HttpResult HttpTestClient::raw(const QByteArray &bytes, int timeoutMs, std::function<bool(const HttpResult &)> onChunk)
{
    HttpResult result;
    QTcpSocket socket;
    QEventLoop loop;
    QElapsedTimer clock;
    QByteArray received;
    bool hungUp = false;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        result.timedOut = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        clock.start();
        socket.write(bytes);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        result.chunkTimesMs.append(clock.elapsed());
        result.complete = parse(received, result);
        if (onChunk && !onChunk(result)) {
            hungUp = true;
            socket.abort();
            loop.quit();
            return;
        }
        if (result.complete)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        if (!result.complete && result.status && result.header("Content-Length").isEmpty()
            && result.header("Transfer-Encoding").isEmpty())
            result.complete = true; // body delimited by close
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&] { loop.quit(); });
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    timeout.start(timeoutMs);
    loop.exec();
    result.elapsedMs = clock.isValid() ? clock.elapsed() : 0;
    if (!hungUp && socket.state() == QAbstractSocket::ConnectedState)
        socket.disconnectFromHost();
    return result;
}

} // namespace kt::test
