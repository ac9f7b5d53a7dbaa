#pragma once
// Server-sent event framing for the Anthropic streaming Messages API:
// one named event with a single-line JSON body, plus the keep-alive ping.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

// The part of a content_block_delta a stream repeats for every upstream fragment, carried typed so
// that no JSON object is built per fragment. Other deltas (citations) stay JSON.
struct BlockDelta {
    enum Kind { None, Text, Thinking, InputJson, Signature };
    Kind kind = None;
    int index = -1;
    QString text;   // the text, thinking, partial_json or signature
};

// One Anthropic stream event. A text, thinking, input_json or signature delta is always typed
// (SseEvent::blockDelta, `data` empty); every other event is its JSON in `data`, "type" included.
struct SseEvent {
    QByteArray name;
    QJsonObject data;
    BlockDelta delta;

    static SseEvent blockDelta(BlockDelta::Kind kind, int index, QString text);
    // The event for this JSON (its "type" is name), typed when it is a delta that always is.
    static SseEvent fromJson(QByteArray name, QJsonObject data);
    bool isTypedDelta() const { return delta.kind != BlockDelta::None; }
    int index() const;              // a content_block_* event's index
    void setIndex(int index);
    QJsonObject json() const;       // the event as JSON, typed or not
};

// "event: <name>\ndata: <compact json>\n\n"
QByteArray formatSse(const SseEvent &e);
void appendSse(QByteArray &out, const SseEvent &e);
// "event: ping\ndata: {\"type\": \"ping\"}\n\n"
QByteArray formatSsePing();

} // namespace kt
