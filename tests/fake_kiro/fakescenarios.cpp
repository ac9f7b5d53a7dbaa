#include "fakescenarios.h"

#include "codec/eventstreamencoder.h"
#include "codec/eventstreammessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QtEndian>

#include <chrono>
#include <functional>

namespace kt::fake {

namespace {

// Accumulates reply steps, putting the configured event delay between frames.
class Script
{
public:
    explicit Script(int eventDelayMs) : m_eventDelayMs(eventDelayMs) {}

    void frame(const QByteArray &bytes)
    {
        separate();
        reply.steps.append(FakeStep::bytes(bytes));
    }
    void text(const QString &t) { frame(FakeScenarios::textFrame(t)); }
    void event(const QString &type, const QJsonObject &payload) { frame(FakeScenarios::jsonEvent(type, payload)); }
    void pause(int ms) { reply.steps.append(FakeStep::delay(ms)); m_justPaused = true; }
    void raw(const QByteArray &bytes) { separate(); reply.steps.append(FakeStep::bytes(bytes)); }
    void generated(std::function<QByteArray()> make) { separate(); reply.steps.append(FakeStep::generated(std::move(make))); }
    void setEventDelay(int ms) { m_eventDelayMs = ms; }

    FakeReply reply;

private:
    void separate()
    {
        if (m_framesSent++ > 0 && m_eventDelayMs > 0 && !m_justPaused)
            reply.steps.append(FakeStep::delay(m_eventDelayMs));
        m_justPaused = false;
    }
    int m_eventDelayMs = 0;
    int m_framesSent = 0;
    bool m_justPaused = false;
};

using Builder = std::function<void(Script &, const QJsonObject &)>;

QJsonObject contextUsage() { return {{QStringLiteral("contextUsagePercentage"), 1.5}}; }

QJsonObject userInput(const QJsonObject &request)
{
    return request.value(QStringLiteral("conversationState")).toObject()
        .value(QStringLiteral("currentMessage")).toObject()
        .value(QStringLiteral("userInputMessage")).toObject();
}

QString firstToolName(const QJsonObject &request)
{
    const QJsonArray tools = userInput(request).value(QStringLiteral("userInputMessageContext")).toObject()
                                 .value(QStringLiteral("tools")).toArray();
    const QString name = tools.first().toObject().value(QStringLiteral("toolSpecification")).toObject()
                             .value(QStringLiteral("name")).toString();
    return name.isEmpty() ? QStringLiteral("get_weather") : name;
}

QJsonObject toolFragment(const QString &name, const QString &input, bool stop)
{
    QJsonObject o{{QStringLiteral("toolUseId"), QStringLiteral("tooluse_abc")},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("input"), input}};
    if (stop)
        o.insert(QStringLiteral("stop"), true);
    return o;
}

// The integer N of a "[[key:N]]" marker in the text, clamped to [lo, hi]; fallback when absent.
int markerNumber(const QString &text, const QString &key, int fallback, int lo, int hi)
{
    const QRegularExpression marker(QStringLiteral("\\[\\[%1:(\\d+)\\]\\]").arg(key));
    bool ok = false;
    const int value = marker.match(text).captured(1).toInt(&ok);
    return ok ? qBound(lo, value, hi) : fallback;
}

// CLOCK_MONOTONIC in ns (libstdc++'s steady_clock), comparable across processes on one machine.
qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

QByteArray corruptMessageCrc(QByteArray frame)
{
    frame[frame.size() - 1] = char(frame.back() ^ 0x5A);
    return frame;
}

QByteArray oversizedPrelude()
{
    char prelude[12];
    qToBigEndian<quint32>(0x7FFFFFFF, prelude);
    qToBigEndian<quint32>(0, prelude + 4);
    qToBigEndian<quint32>(eventStreamCrc32(QByteArrayView(prelude, 8)), prelude + 8);
    return QByteArray(prelude, 12) + QByteArray(64, 'x');
}

FakeReply statusReply(int status, const QJsonObject &body) { return FakeReply::json(status, body); }

QJsonObject message(const QString &text) { return {{QStringLiteral("message"), text}}; }

const QMap<QString, Builder> &builders()
{
    static const QMap<QString, Builder> map = {
        {QStringLiteral("text"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Hello"));
             s.text(QStringLiteral(", world"));
             s.text(QStringLiteral("!"));
             s.event(QStringLiteral("meteringEvent"), {{QStringLiteral("unit"), QStringLiteral("credit")},
                                                       {QStringLiteral("unitPlural"), QStringLiteral("credits")},
                                                       {QStringLiteral("usage"), 0.01}});
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("metered"), [](Script &s, const QJsonObject &) {
             // Two meteringEvents (their usages add up to 0.75 credits), the second with cache use (docs/protocol.md#conversation-identity-and-metering).
             s.text(QStringLiteral("Cached answer."));
             s.event(QStringLiteral("meteringEvent"), {{QStringLiteral("unit"), QStringLiteral("credit")},
                                                       {QStringLiteral("unitPlural"), QStringLiteral("credits")},
                                                       {QStringLiteral("usage"), 0.5}});
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
             s.event(QStringLiteral("meteringEvent"), {{QStringLiteral("unit"), QStringLiteral("credit")},
                                                       {QStringLiteral("unitPlural"), QStringLiteral("credits")},
                                                       {QStringLiteral("usage"), 0.25},
                                                       {QStringLiteral("cacheReadInputTokens"), 800},
                                                       {QStringLiteral("cacheCreationInputTokens"), 100}});
         }},
        {QStringLiteral("echo"), [](Script &s, const QJsonObject &rq) {
             const QString content = userInput(rq).value(QStringLiteral("content")).toString();
             for (qsizetype i = 0; i < content.size();) {
                 qsizetype n = qMin<qsizetype>(5, content.size() - i);
                 if (content.at(i + n - 1).isHighSurrogate() && i + n < content.size())
                     ++n;   // never split a surrogate pair
                 s.text(content.mid(i, n));
                 i += n;
             }
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("tool"), [](Script &s, const QJsonObject &rq) {
             const QString name = firstToolName(rq);
             s.text(QStringLiteral("Let me check."));
             s.event(QStringLiteral("toolUseEvent"), toolFragment(name, QStringLiteral("{\"city\":"), false));
             s.event(QStringLiteral("toolUseEvent"), toolFragment(name, QStringLiteral("\"Oslo\",\"days\""), false));
             s.event(QStringLiteral("toolUseEvent"), toolFragment(name, QStringLiteral(":3}"), true));
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("tool_incomplete"), [](Script &s, const QJsonObject &rq) {
             const QString name = firstToolName(rq);
             s.event(QStringLiteral("toolUseEvent"), toolFragment(name, QStringLiteral("{\"city\":"), false));
             s.event(QStringLiteral("toolUseEvent"), toolFragment(name, QStringLiteral("\"Os"), false));
         }},
        {QStringLiteral("thinking"), [](Script &s, const QJsonObject &) {
             // "<thinking>\nLet me think about this.\n</thinking>\n\nThe answer is 42." with split tags.
             for (const char *piece : {"<thin", "king>\nLet me ", "think about this.\n</thi", "nking>\n\nThe ans", "wer is 42."})
                 s.text(QString::fromUtf8(piece));
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("reasoning"), [](Script &s, const QJsonObject &) {
             // Native reasoning (docs/protocol.md#native-reasoning), then the answer as plain text.
             for (const char *piece : {"Let me ", "think about this."})
                 s.event(QStringLiteral("reasoningContentEvent"), {{QStringLiteral("text"), QString::fromUtf8(piece)}});
             s.text(QStringLiteral("The answer is 42."));
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("long"), [](Script &s, const QJsonObject &) {
             for (int i = 1; i <= 200; ++i)
                 s.text(QStringLiteral("chunk %1 ").arg(i));
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("bench"), [](Script &s, const QJsonObject &rq) {
             // Fixed schedule for bench/: [[events:N]] text frames, [[interval:MS]] apart (default: the
             // server's event delay), each padded by [[pad:B]] bytes and stamped "[ts:SEQ:NS]" with the
             // monotonic clock at the moment it is written, so a client can measure per-event latency.
             const QString content = userInput(rq).value(QStringLiteral("content")).toString();
             const int events = markerNumber(content, QStringLiteral("events"), 100, 1, 1000000);
             const int interval = markerNumber(content, QStringLiteral("interval"), -1, 0, 60000);
             const QString pad(markerNumber(content, QStringLiteral("pad"), 0, 0, 65536), QLatin1Char('x'));
             if (interval >= 0)
                 s.setEventDelay(interval);
             for (int i = 0; i < events; ++i) {
                 s.generated([i, pad] {
                     return FakeScenarios::textFrame(QStringLiteral("[ts:%1:%2]%3 ").arg(i).arg(monotonicNs()).arg(pad));
                 });
             }
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("burst"), [](Script &s, const QJsonObject &rq) {
             // [[events:N]] text frames in one write, as a proxy that fell behind finds them.
             const QString content = userInput(rq).value(QStringLiteral("content")).toString();
             const int events = markerNumber(content, QStringLiteral("events"), 20, 1, 10000);
             QByteArray frames;
             for (int i = 0; i < events; ++i)
                 frames += FakeScenarios::textFrame(QStringLiteral("burst %1 ").arg(i));
             s.raw(frames);
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
        {QStringLiteral("slow"), [](Script &s, const QJsonObject &) {
             for (int i = 1; i <= 5; ++i) {
                 if (i > 1)
                     s.pause(300);
                 s.text(QStringLiteral("slow %1 ").arg(i));
             }
         }},
        {QStringLiteral("silent"), [](Script &s, const QJsonObject &) {
             s.pause(3000);
             s.text(QStringLiteral("Finally."));
         }},
        {QStringLiteral("drop"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Before "));
             s.text(QStringLiteral("the drop"));
             const QByteArray next = FakeScenarios::textFrame(QStringLiteral(" never arrives"));
             s.raw(next.left(next.size() / 2));
             s.reply.steps.append(FakeStep::abort());
         }},
        {QStringLiteral("badcrc"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Good frame"));
             s.raw(corruptMessageCrc(FakeScenarios::textFrame(QStringLiteral("Bad frame"))));
         }},
        {QStringLiteral("oversized"), [](Script &s, const QJsonObject &) { s.raw(oversizedPrelude()); }},
        {QStringLiteral("exception"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Partial"));
             s.frame(EventStreamEncoder::exception(QStringLiteral("ThrottlingException"), R"({"message":"Too many requests"})"));
         }},
        {QStringLiteral("content_length"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Partial"));
             s.frame(EventStreamEncoder::exception(QStringLiteral("ContentLengthExceededException"),
                                                   R"({"message":"Response exceeded the maximum content length."})"));
         }},
        {QStringLiteral("hang_midstream"), [](Script &s, const QJsonObject &) {
             s.text(QStringLiteral("Started"));
             s.reply.steps.append(FakeStep::hang());
         }},
        {QStringLiteral("hang_headers"), [](Script &s, const QJsonObject &) { s.reply.hangBeforeHead = true; }},
        {QStringLiteral("cjk"), [](Script &s, const QJsonObject &) {
             // Each frame is pushed in two HTTP chunks with a pause between them, cut inside the
             // first multi-byte character, so the client really receives a split UTF-8 sequence.
             for (const char *piece : {"你好，", "世界！这是", "一个测试。"}) {
                 const QByteArray frame = FakeScenarios::textFrame(QString::fromUtf8(piece));
                 const qsizetype headersLength = qFromBigEndian<quint32>(frame.constData() + 4);
                 qsizetype cut = 12 + headersLength;
                 while (cut < frame.size() && quint8(frame.at(cut)) < 0x80)
                     ++cut;
                 ++cut;   // one byte into a 3-byte sequence
                 s.raw(frame.left(cut));
                 s.pause(15);
                 s.reply.steps.append(FakeStep::bytes(frame.mid(cut)));
             }
             s.event(QStringLiteral("contextUsageEvent"), contextUsage());
         }},
    };
    return map;
}

const QMap<QString, FakeReply> &statusReplies()
{
    static const QMap<QString, FakeReply> map = {
        {QStringLiteral("toolong"), statusReply(400, {{QStringLiteral("message"), QStringLiteral("Input is too long for requested model.")},
                                                      {QStringLiteral("reason"), QStringLiteral("CONTENT_LENGTH_EXCEEDS_THRESHOLD")}})},
        {QStringLiteral("status401"), statusReply(401, message(QStringLiteral("Unauthorized")))},
        {QStringLiteral("status402"), statusReply(402, {{QStringLiteral("message"), QStringLiteral("You have reached the limit.")},
                                                        {QStringLiteral("reason"), QStringLiteral("MONTHLY_REQUEST_COUNT")}})},
        {QStringLiteral("status403"), statusReply(403, message(QStringLiteral("User is not authorized to make this call.")))},
        {QStringLiteral("status429"), statusReply(429, {{QStringLiteral("message"), QStringLiteral("Rate exceeded")},
                                                        {QStringLiteral("__type"), QStringLiteral("ThrottlingException")}})},
        {QStringLiteral("status500"), statusReply(500, message(QStringLiteral("Encountered an unexpected error when processing the request, please try again.")))},
        {QStringLiteral("status503"), statusReply(503, message(QStringLiteral("Service Unavailable")))},
    };
    return map;
}

} // namespace

QStringList FakeScenarios::names()
{
    return builders().keys() + statusReplies().keys();
}

bool FakeScenarios::exists(const QString &name)
{
    return builders().contains(name) || statusReplies().contains(name);
}

QString FakeScenarios::markerIn(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("\\[\\[scenario:([A-Za-z0-9_]+)\\]\\]"));
    return marker.match(text).captured(1);
}

FakeReply FakeScenarios::build(const QString &name, const QJsonObject &request, int eventDelayMs)
{
    if (const auto it = statusReplies().constFind(name); it != statusReplies().cend())
        return *it;
    const auto it = builders().constFind(name);
    if (it == builders().cend())
        return statusReply(400, message(QStringLiteral("fake_kiro: unknown scenario '%1'").arg(name)));
    Script script(eventDelayMs);
    (*it)(script, request);
    return script.reply;
}

QByteArray FakeScenarios::textFrame(const QString &text)
{
    return jsonEvent(QStringLiteral("assistantResponseEvent"), {{QStringLiteral("content"), text}});
}

QByteArray FakeScenarios::jsonEvent(const QString &eventType, const QJsonObject &payload)
{
    return EventStreamEncoder::event(eventType, QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

} // namespace kt::fake
