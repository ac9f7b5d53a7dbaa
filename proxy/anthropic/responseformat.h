#pragma once
// What one exchange's answer looks like to its client. The exchange always works in Anthropic
// stream events and messages; a format writes them in its face's shape (Anthropic's own, or a
// translation such as OpenAI's). Stateful: one instance per exchange.
#include "anthropic/apierror.h"
#include "anthropic/sseformat.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace kt {

class ResponseFormat {
public:
    virtual ~ResponseFormat() = default;

    virtual QByteArray streamContentType() const { return QByteArrayLiteral("text/event-stream; charset=utf-8"); }
    // The bytes for these Anthropic events, in order (possibly none), appended to out.
    virtual void appendStreamEvents(QByteArray &out, const QList<SseEvent> &events) = 0;
    QByteArray streamEvents(const QList<SseEvent> &events)
    {
        QByteArray out;
        appendStreamEvents(out, events);
        return out;
    }
    // A keep-alive while the upstream is quiet.
    virtual QByteArray streamPing() = 0;
    // The last bytes of a stream that failed after it began.
    virtual QByteArray streamError(const ApiError &error) = 0;
    // The last bytes of a stream that ended well (after the events of message_stop).
    virtual QByteArray streamEnd() { return {}; }
    // The non-streaming reply, from the complete Anthropic message.
    virtual QJsonObject body(const QJsonObject &message) = 0;
    // An error answered before anything was sent (its status is error.httpStatus).
    virtual QJsonObject errorBody(const ApiError &error) const = 0;
};

} // namespace kt
