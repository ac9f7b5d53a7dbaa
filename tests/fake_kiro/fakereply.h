#pragma once
// A scripted HTTP response of the fake Kiro upstream: status, content type and a list of body
// steps (data, pauses, abrupt close, hang) that FakeHttpConnection plays back with timers.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>

namespace kt::fake {

struct FakeStep {
    enum class Kind {
        Data,    // body bytes, sent as HTTP chunks of at most the server's chunk size
        Delay,   // pause before the next step
        Abort,   // flush what was written, then reset the TCP connection (no terminating chunk)
        Hang,    // send nothing more and keep the socket open until the client gives up
        Generated, // body bytes made at the moment they are sent (e.g. frames carrying a send timestamp)
    };
    Kind kind = Kind::Data;
    QByteArray data;
    int ms = 0;
    std::function<QByteArray()> generate; // Generated steps only

    static FakeStep bytes(const QByteArray &d) { return step(Kind::Data, d, 0); }
    static FakeStep delay(int ms) { return step(Kind::Delay, {}, ms); }
    static FakeStep abort() { return step(Kind::Abort, {}, 0); }
    static FakeStep hang() { return step(Kind::Hang, {}, 0); }
    static FakeStep generated(std::function<QByteArray()> f)
    {
        FakeStep s = step(Kind::Generated, {}, 0);
        s.generate = std::move(f);
        return s;
    }

private:
    static FakeStep step(Kind kind, const QByteArray &data, int ms)
    {
        FakeStep s;
        s.kind = kind;
        s.data = data;
        s.ms = ms;
        return s;
    }
};

struct FakeReply {
    int status = 200;
    QByteArray contentType = "application/vnd.amazon.eventstream";
    int headDelayMs = 0;        // wait before the status line
    bool hangBeforeHead = false; // accept the request and never answer
    bool dropConnection = false; // reset the connection without answering (a network error)
    QList<QPair<QByteArray, QByteArray>> headers;   // extra response headers (Location, ...)
    QList<FakeStep> steps;      // after the last step the body ends with the terminating chunk
    std::function<void()> onEnd; // called once when the reply is over: sent whole, aborted, or its connection gone

    static FakeReply json(int status, const QJsonObject &body)
    {
        FakeReply r;
        r.status = status;
        r.contentType = "application/json";
        r.steps.append(FakeStep::bytes(QJsonDocument(body).toJson(QJsonDocument::Compact)));
        return r;
    }
};

} // namespace kt::fake
