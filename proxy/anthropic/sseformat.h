#pragma once
// Server-sent event framing for the Anthropic streaming Messages API:
// one named event with a single-line JSON body, plus the keep-alive ping.
#include <QByteArray>
#include <QJsonObject>

namespace kt {

// One Anthropic stream event; data carries its own "type" field, equal to name.
struct SseEvent {
    QByteArray name;
    QJsonObject data;
};

// "event: <name>\ndata: <compact json>\n\n"
QByteArray formatSse(const SseEvent &e);
void appendSse(QByteArray &out, const SseEvent &e);
// "event: ping\ndata: {\"type\": \"ping\"}\n\n"
QByteArray formatSsePing();

} // namespace kt
