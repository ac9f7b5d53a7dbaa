#pragma once
// The Anthropic Messages API's own answer format: the events and messages as they are.
#include "anthropic/responseformat.h"

namespace kt {

class AnthropicFormat : public ResponseFormat {
public:
    void appendStreamEvents(QByteArray &out, const QList<SseEvent> &events) override;
    QByteArray streamPing() override { return formatSsePing(); }
    QByteArray streamError(const ApiError &error) override { return formatSse({QByteArrayLiteral("error"), error.toJson(), {}}); }
    QJsonObject body(const QJsonObject &message) override { return message; }
    QJsonObject errorBody(const ApiError &error) const override { return error.toJson(); }
};

} // namespace kt
