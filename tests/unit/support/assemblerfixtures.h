#pragma once
// Shared by the ResponseAssembler suites: Kiro event-stream frames to feed it, assembler options, and
// checks of the Anthropic stream it produces (the rules SDK accumulators rely on, expected messages).
#include "anthropic/responseassembler.h"
#include "anthropic/sseformat.h"
#include "anthropic/tokenestimator.h"
#include "codec/eventstreammessage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

namespace kt::test {

inline const QString kId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
inline const QString kModel = QStringLiteral("claude-sonnet-4-5-20250929");

inline QByteArray js(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline EventStreamMessage frame(const QString &messageType, const QString &typeHeader, const QString &typeValue,
                                const QByteArray &payload)
{
    EventStreamMessage m;
    if (!typeHeader.isEmpty())
        m.headers.append({typeHeader, typeValue});
    m.headers.append({QStringLiteral(":content-type"), QStringLiteral("application/json")});
    if (!messageType.isEmpty())
        m.headers.append({QStringLiteral(":message-type"), messageType});
    m.payload = payload;
    return m;
}

inline EventStreamMessage kiroEvent(const QString &type, const QJsonObject &payload)
{
    return frame(QStringLiteral("event"), QStringLiteral(":event-type"), type, js(payload));
}

inline EventStreamMessage text(const QString &content)
{
    return kiroEvent(QStringLiteral("assistantResponseEvent"), {{QStringLiteral("content"), content}});
}

inline EventStreamMessage tool(const QString &id, const QString &name, const QJsonValue &input, bool stop = false)
{
    QJsonObject p{{QStringLiteral("toolUseId"), id}, {QStringLiteral("name"), name}};
    if (!input.isUndefined())
        p.insert(QStringLiteral("input"), input);
    if (stop)
        p.insert(QStringLiteral("stop"), true);
    return kiroEvent(QStringLiteral("toolUseEvent"), p);
}

inline EventStreamMessage contextUsageFrame(const QJsonValue &pct)
{
    return kiroEvent(QStringLiteral("contextUsageEvent"), {{QStringLiteral("contextUsagePercentage"), pct}});
}

inline EventStreamMessage exception(const QString &type, const QByteArray &payload)
{
    return frame(QStringLiteral("exception"), QStringLiteral(":exception-type"), type, payload);
}

inline ResponseAssembler::Options options(bool thinking = false)
{
    ResponseAssembler::Options o;
    o.messageId = kId;
    o.requestedModel = kModel;
    o.kiroModelId = QStringLiteral("claude-sonnet-4.5");
    o.thinkingEnabled = thinking;
    o.estimatedInputTokens = 42;
    return o;
}

inline QList<SseEvent> runAll(ResponseAssembler &a, const QList<EventStreamMessage> &frames)
{
    QList<SseEvent> all = a.start();
    for (const EventStreamMessage &m : frames)
        all += a.onMessage(m);
    all += a.finish();
    return all;
}

inline QStringList names(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events)
        out.append(QString::fromLatin1(e.name));
    return out;
}

// Short names for sequences: start/stop of blocks and delta kinds.
inline QStringList shape(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events) {
        const QString n = QString::fromLatin1(e.name);
        if (n == QLatin1String("content_block_start"))
            out.append(QStringLiteral("start:") + e.json()[QLatin1String("content_block")][QLatin1String("type")].toString()
                       + QLatin1Char('@') + QString::number(e.json()[QLatin1String("index")].toInt()));
        else if (n == QLatin1String("content_block_delta"))
            out.append(e.json()[QLatin1String("delta")][QLatin1String("type")].toString() + QLatin1Char('@')
                       + QString::number(e.json()[QLatin1String("index")].toInt()));
        else if (n == QLatin1String("content_block_stop"))
            out.append(QStringLiteral("stop@") + QString::number(e.json()[QLatin1String("index")].toInt()));
        else
            out.append(n);
    }
    return out;
}

// The rules the SDK accumulators (messages.stream() / finalMessage()) depend on.
inline void validateStream(const QList<SseEvent> &events)
{
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().name, QByteArray("message_start"));
    QCOMPARE(events.last().name, QByteArray("message_stop"));
    QCOMPARE(events.at(events.size() - 2).name, QByteArray("message_delta"));
    int nextIndex = 0;
    int open = -1;
    QString openType;
    for (int i = 0; i < events.size(); ++i) {
        const SseEvent &e = events.at(i);
        QCOMPARE(e.json()[QLatin1String("type")].toString(), QString::fromLatin1(e.name));
        if (i > 0)
            QVERIFY(e.name != "message_start");
        if (e.name == "content_block_start") {
            QCOMPARE(open, -1);
            QCOMPARE(e.json()[QLatin1String("index")].toInt(-1), nextIndex);
            open = nextIndex++;
            openType = e.json()[QLatin1String("content_block")][QLatin1String("type")].toString();
        } else if (e.name == "content_block_delta") {
            QCOMPARE(e.json()[QLatin1String("index")].toInt(-1), open);
            const QString dt = e.json()[QLatin1String("delta")][QLatin1String("type")].toString();
            if (openType == QLatin1String("text"))
                QCOMPARE(dt, QStringLiteral("text_delta"));
            else if (openType == QLatin1String("tool_use"))
                QCOMPARE(dt, QStringLiteral("input_json_delta"));
            else
                QVERIFY(dt == QLatin1String("thinking_delta") || dt == QLatin1String("signature_delta"));
        } else if (e.name == "content_block_stop") {
            QCOMPARE(e.json()[QLatin1String("index")].toInt(-1), open);
            open = -1;
        } else if (e.name == "message_delta") {
            QCOMPARE(open, -1);
        }
    }
}

inline QJsonObject usage(int in, int out)
{
    return QJsonObject{{QStringLiteral("input_tokens"), in},
                       {QStringLiteral("output_tokens"), out},
                       {QStringLiteral("cache_creation_input_tokens"), 0},
                       {QStringLiteral("cache_read_input_tokens"), 0}};
}

inline QJsonObject expectedMessage(const QJsonArray &content, const QString &stopReason, int in, int out)
{
    return QJsonObject{{QStringLiteral("id"), kId},
                       {QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("role"), QStringLiteral("assistant")},
                       {QStringLiteral("model"), kModel},
                       {QStringLiteral("content"), content},
                       {QStringLiteral("stop_reason"), stopReason},
                       {QStringLiteral("stop_sequence"), QJsonValue::Null},
                       {QStringLiteral("usage"), usage(in, out)}};
}

inline int est(const char *s)
{
    return TokenEstimator::estimateOutputChunk(QString::fromUtf8(s));
}

} // namespace kt::test
