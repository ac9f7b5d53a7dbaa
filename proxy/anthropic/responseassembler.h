#pragma once
// Turns decoded Kiro event-stream frames into Anthropic stream events (docs/protocol.md#event-stream);
// the same state machine also yields the non-streaming reply through message().
#include "anthropic/apierror.h"
#include "anthropic/messageaggregator.h"
#include "anthropic/sseformat.h"
#include "anthropic/thinkingextractor.h"
#include "anthropic/usagemeter.h"
#include "codec/eventstreammessage.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kt {

class ResponseAssembler {
public:
    struct Options {
        QString messageId;            // "msg_" + 32 hex; generated when empty
        QString requestedModel;       // echoed as "model"
        QString kiroModelId;          // for the context window when contextWindow is 0
        qint64 contextWindow = 0;     // the served model's maxInputTokens; 0: FallbackModels::contextWindow(kiroModelId)
        bool thinkingEnabled = false;
        int estimatedInputTokens = 1;
        QHash<QString, QString> toolNameMap;   // shortened -> original
        // message() will be asked for (a reply that is not streamed, a web search round). Off, the
        // deltas are not gathered into it: a plain stream only passes them on.
        bool wholeMessage = true;
    };

    explicit ResponseAssembler(Options options);

    QList<SseEvent> start();                                   // message_start, once
    QList<SseEvent> onMessage(const EventStreamMessage &m);    // one decoded upstream frame
    QList<SseEvent> finish();                                  // upstream ended normally
    // Set when the upstream reported something the client must see as an error; from then on
    // onMessage()/finish() return nothing (the call that sets it returns nothing either).
    std::optional<ApiError> failure() const { return m_failure; }
    QJsonObject message() const;                               // non-streaming reply, after finish(); needs wholeMessage

    QString stopReason() const;
    int inputTokens() const { return m_inputTokens; }
    int outputTokens() const { return qMax(1, m_outputTokens); }
    bool hasContent() const { return m_sawText || m_sawThinking || !m_tools.isEmpty(); }
    UsageMeter &meter() { return m_meter; }   // credits and cache use the upstream reported

    static QString placeholderSignature();

private:
    enum class BlockKind { None, Text, Thinking, Tool };
    struct ToolCall {
        QString id;
        QString name;       // original (un-shortened) name
        QString input;      // concatenated JSON fragments
        bool stopped = false;
        bool closedEarly = false;   // its block had to be closed before stop:true arrived
    };

    void emitEvent(QList<SseEvent> &out, const char *name, QJsonObject data);
    void ensureStarted(QList<SseEvent> &out);
    void openBlock(QList<SseEvent> &out, BlockKind kind, const QJsonObject &contentBlock);
    void closeBlock(QList<SseEvent> &out);
    void emitDelta(QList<SseEvent> &out, BlockDelta::Kind kind, const QString &text);
    void addPieces(QList<SseEvent> &out, const QList<ThinkingExtractor::Piece> &pieces);
    void addPiece(QList<SseEvent> &out, ThinkingExtractor::Piece::Kind kind, const QString &text);
    QJsonObject usage(int inputTokens, int outputTokens) const;

    void onAssistantResponse(QList<SseEvent> &out, const QString &content);
    void onReasoning(QList<SseEvent> &out, const QJsonObject &payload);
    bool countOutput(QList<SseEvent> &out, const QString &text);
    void onToolUse(QList<SseEvent> &out, const QJsonObject &payload);
    void onContextUsage(const QJsonObject &payload);
    void onException(const EventStreamMessage &m);
    void onError(const EventStreamMessage &m);
    std::optional<ApiError> unfinishedToolError() const;

    Options m_options;
    ThinkingExtractor m_extractor;
    MessageAggregator m_aggregator;
    UsageMeter m_meter;
    std::optional<ApiError> m_failure;

    bool m_started = false;
    bool m_finished = false;
    int m_nextIndex = 0;
    BlockKind m_openKind = BlockKind::None;
    int m_openIndex = -1;
    QList<ToolCall> m_tools;        // in arrival order
    int m_openTool = -1;            // index into m_tools of the open tool block

    bool m_sawText = false;
    bool m_sawThinking = false;
    bool m_thinkingOnly = false;
    bool m_contentLengthExceeded = false;
    bool m_contextWindowFull = false;
    int m_inputTokens = 1;
    int m_outputTokens = 0;
};

} // namespace kt
