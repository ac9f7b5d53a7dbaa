#pragma once
// The reply scripts of the fake Kiro generateAssistantResponse endpoint ("text", "tool", "drop",
// "hang_midstream", ...), built from real CRC-correct event-stream frames.
#include "fakereply.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kt::fake {

class FakeScenarios
{
public:
    static QStringList names();
    static bool exists(const QString &name);

    // The NAME of a "[[scenario:NAME]]" marker in the text, or an empty string.
    static QString markerIn(const QString &text);

    // eventDelayMs is inserted between consecutive event frames (on top of scenario pauses).
    // An unknown name yields a 400 reply naming the scenario.
    static FakeReply build(const QString &name, const QJsonObject &request, int eventDelayMs);

    // Frame helpers, also handy in tests.
    static QByteArray textFrame(const QString &text);
    static QByteArray jsonEvent(const QString &eventType, const QJsonObject &payload);
};

} // namespace kt::fake
