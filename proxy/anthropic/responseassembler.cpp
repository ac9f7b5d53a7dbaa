#include "anthropic/responseassembler.h"

#include "models/fallbackmodels.h"
#include "anthropic/tokenestimator.h"
#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace kt {

namespace {

QJsonObject parseObject(const QByteArray &payload)
{
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    return doc.isObject() ? doc.object() : QJsonObject();
}

// Nearly every assistantResponseEvent is {"content":"…"} and nothing else: its text is read without
// building a document (one per event of every stream). Anything else is left to QJsonDocument.
std::optional<QString> contentOnly(const QByteArray &payload)
{
    static constexpr QByteArrayView prefix("{\"content\":");
    if (!payload.startsWith(prefix) || !payload.endsWith('}'))
        return std::nullopt;
    return readJsonString(QByteArrayView(payload).sliced(prefix.size(), payload.size() - prefix.size() - 1));
}

// Exception payloads are usually {"message": "..."}; fall back to the raw text.
QString payloadMessage(const QByteArray &payload)
{
    const QJsonObject obj = parseObject(payload);
    for (const char *key : {"message", "Message"}) {
        const QJsonValue v = obj.value(QLatin1String(key));
        if (v.isString())
            return v.toString();
    }
    if (!obj.isEmpty())
        return QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(payload).trimmed();
}

} // namespace

ResponseAssembler::ResponseAssembler(Options options)
    : m_options(std::move(options))
{
    if (m_options.messageId.isEmpty())
        m_options.messageId = QStringLiteral("msg_") + QUuid::createUuid().toString(QUuid::Id128);
    m_inputTokens = m_options.estimatedInputTokens;
}

QString ResponseAssembler::placeholderSignature()
{
    // Kiro does not sign its reasoning; clients only need a well-formed, stable value here.
    static const QString signature = QString::fromLatin1(
        QByteArrayLiteral("kirotray:thinking-signature-placeholder:kiro-does-not-sign-its-reasoning").toBase64());
    return signature;
}

// Anthropic counts cache reads and writes apart from input_tokens; Kiro's context usage (our input
// count) covers the whole prompt, so the cached part is taken out of it.
QJsonObject ResponseAssembler::usage(int inputTokens, int outputTokens) const
{
    const int read = m_meter.cacheReadTokens(), write = m_meter.cacheWriteTokens();
    return QJsonObject{
        {QStringLiteral("input_tokens"), std::max(0, inputTokens - read - write)},
        {QStringLiteral("output_tokens"), outputTokens},
        {QStringLiteral("cache_creation_input_tokens"), write},
        {QStringLiteral("cache_read_input_tokens"), read},
    };
}

void ResponseAssembler::emitEvent(QList<SseEvent> &out, const char *name, QJsonObject data)
{
    data.insert(QStringLiteral("type"), QLatin1String(name));
    SseEvent e{QByteArray::fromRawData(name, qstrlen(name)), std::move(data), {}};   // names are literals
    m_aggregator.apply(e);
    out.append(std::move(e));
}

QList<SseEvent> ResponseAssembler::start()
{
    QList<SseEvent> out;
    if (!m_failure)
        ensureStarted(out);
    return out;
}

void ResponseAssembler::ensureStarted(QList<SseEvent> &out)
{
    if (m_started)
        return;
    m_started = true;
    const QJsonObject message{
        {QStringLiteral("id"), m_options.messageId},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QJsonArray()},
        {QStringLiteral("model"), m_options.requestedModel},
        {QStringLiteral("stop_reason"), QJsonValue::Null},
        {QStringLiteral("stop_sequence"), QJsonValue::Null},
        {QStringLiteral("usage"), usage(m_options.estimatedInputTokens, 1)},
    };
    emitEvent(out, "message_start", {{QStringLiteral("message"), message}});
}

void ResponseAssembler::openBlock(QList<SseEvent> &out, BlockKind kind, const QJsonObject &contentBlock)
{
    // One block at a time, as the real API streams them: SDKs append blocks in arrival order.
    closeBlock(out);
    m_openKind = kind;
    m_openIndex = m_nextIndex++;
    emitEvent(out, "content_block_start",
              {{QStringLiteral("index"), m_openIndex}, {QStringLiteral("content_block"), contentBlock}});
}

void ResponseAssembler::closeBlock(QList<SseEvent> &out)
{
    if (m_openKind == BlockKind::None)
        return;
    if (m_openKind == BlockKind::Thinking) {
        emitDelta(out, BlockDelta::Signature, placeholderSignature());
    } else if (m_openKind == BlockKind::Tool && m_openTool >= 0) {
        ToolCall &tool = m_tools[m_openTool];
        if (!tool.stopped)
            tool.closedEarly = true;
        m_openTool = -1;
    }
    emitEvent(out, "content_block_stop", {{QStringLiteral("index"), m_openIndex}});
    m_openKind = BlockKind::None;
    m_openIndex = -1;
}

void ResponseAssembler::emitDelta(QList<SseEvent> &out, BlockDelta::Kind kind, const QString &text)
{
    SseEvent e = SseEvent::blockDelta(kind, m_openIndex, text);
    if (m_options.wholeMessage)
        m_aggregator.apply(e);
    out.append(std::move(e));
}

void ResponseAssembler::addPieces(QList<SseEvent> &out, const QList<ThinkingExtractor::Piece> &pieces)
{
    for (const auto &piece : pieces)
        addPiece(out, piece.kind, piece.text);
}

void ResponseAssembler::addPiece(QList<SseEvent> &out, ThinkingExtractor::Piece::Kind kind, const QString &text)
{
    if (text.isEmpty())
        return;
    if (kind == ThinkingExtractor::Piece::Thinking) {
        if (m_openKind != BlockKind::Thinking) {
            openBlock(out, BlockKind::Thinking,
                      {{QStringLiteral("type"), QStringLiteral("thinking")},
                       {QStringLiteral("thinking"), QString()},
                       {QStringLiteral("signature"), QString()}});
        }
        m_sawThinking = true;
        emitDelta(out, BlockDelta::Thinking, text);
    } else {
        if (m_openKind != BlockKind::Text)
            openBlock(out, BlockKind::Text, {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}});
        m_sawText = true;
        emitDelta(out, BlockDelta::Text, text);
    }
}

QList<SseEvent> ResponseAssembler::onMessage(const EventStreamMessage &m)
{
    QList<SseEvent> out;
    if (m_failure || m_finished)
        return out;
    const QString messageType = m.messageType();
    if (messageType == QLatin1String("exception")) {
        onException(m);
        return out;
    }
    if (messageType == QLatin1String("error")) {
        onError(m);
        return out;
    }
    if (messageType != QLatin1String("event"))
        return out;

    const QString eventType = m.eventType();
    if (eventType == QLatin1String("assistantResponseEvent")) {
        const std::optional<QString> content = contentOnly(m.payload);
        onAssistantResponse(out, content ? *content : parseObject(m.payload).value(QLatin1String("content")).toString());
    } else if (eventType == QLatin1String("toolUseEvent")) {
        onToolUse(out, parseObject(m.payload));
    } else if (eventType == QLatin1String("contextUsageEvent")) {
        onContextUsage(parseObject(m.payload));
    } else if (eventType == QLatin1String("meteringEvent")) {
        m_meter.onMetering(parseObject(m.payload));
    } else if (eventType == QLatin1String("metadataEvent") || eventType == QLatin1String("messageMetadataEvent")) {
        m_meter.onMetadata(parseObject(m.payload));
    } else if (eventType == QLatin1String("reasoningContentEvent")) {
        onReasoning(out, parseObject(m.payload));
    }
    // followupPromptEvent, invalidStateEvent, ...: nothing the client needs.
    return out;
}

void ResponseAssembler::onAssistantResponse(QList<SseEvent> &out, const QString &content)
{
    // Events carrying only followupPrompt (or other extras) have no top-level "content".
    // Byte-identical consecutive chunks are real repeated output, so they are kept (R1).
    if (!countOutput(out, content))
        return;
    if (m_options.thinkingEnabled)
        addPieces(out, m_extractor.feed(content));
    else
        addPiece(out, ThinkingExtractor::Piece::Text, content);
}

// Native reasoning: a thinking block when the client asked for thinking, else only counted as output.
void ResponseAssembler::onReasoning(QList<SseEvent> &out, const QJsonObject &payload)
{
    const QString text = payload.value(QLatin1String("text")).toString();
    if (countOutput(out, text) && m_options.thinkingEnabled)
        addPiece(out, ThinkingExtractor::Piece::Thinking, text);
}

// Model output of either kind: starts the message and counts its tokens. False when there is none.
bool ResponseAssembler::countOutput(QList<SseEvent> &out, const QString &text)
{
    if (text.isEmpty())
        return false;
    ensureStarted(out);
    m_outputTokens += TokenEstimator::estimateOutputChunk(text);
    return true;
}

void ResponseAssembler::onToolUse(QList<SseEvent> &out, const QJsonObject &payload)
{
    QString id = payload.value(QLatin1String("toolUseId")).toString();
    if (id.isEmpty() && m_openTool >= 0)
        id = m_tools.at(m_openTool).id;   // input-only or stop-only fragment of the open call
    if (id.isEmpty())
        return;

    const QJsonValue inputValue = payload.value(QLatin1String("input"));
    QString input;
    if (inputValue.isString())
        input = inputValue.toString();
    else if (inputValue.isObject())
        input = QString::fromUtf8(QJsonDocument(inputValue.toObject()).toJson(QJsonDocument::Compact));
    else if (inputValue.isArray())
        input = QString::fromUtf8(QJsonDocument(inputValue.toArray()).toJson(QJsonDocument::Compact));
    const bool stop = payload.value(QLatin1String("stop")).toBool();

    qsizetype at = -1;
    for (qsizetype i = 0; i < m_tools.size(); ++i) {
        if (m_tools.at(i).id == id) {
            at = i;
            break;
        }
    }
    if (at >= 0 && at != m_openTool)
        return;   // a repeat of a finished call (or one already cut off): ignore

    ensureStarted(out);
    if (at < 0) {
        if (m_options.thinkingEnabled)
            addPieces(out, m_extractor.finish(true));
        const QString shortName = payload.value(QLatin1String("name")).toString();
        ToolCall tool;
        tool.id = id;
        tool.name = m_options.toolNameMap.value(shortName, shortName);
        openBlock(out, BlockKind::Tool,
                  {{QStringLiteral("type"), QStringLiteral("tool_use")},
                   {QStringLiteral("id"), tool.id},
                   {QStringLiteral("name"), tool.name},
                   {QStringLiteral("input"), QJsonObject()}});
        m_tools.append(tool);
        at = m_tools.size() - 1;
        m_openTool = int(at);
    }

    if (!input.isEmpty()) {
        m_tools[at].input += input;
        m_outputTokens += int((input.size() + 3) / 4);
        emitDelta(out, BlockDelta::InputJson, input);
    }
    if (stop) {
        m_tools[at].stopped = true;
        closeBlock(out);
    }
}

void ResponseAssembler::onContextUsage(const QJsonObject &payload)
{
    const double pct = payload.value(QLatin1String("contextUsagePercentage")).toDouble(-1);
    if (!std::isfinite(pct) || pct < 0)
        return;
    const qint64 window = m_options.contextWindow > 0 ? m_options.contextWindow : FallbackModels::contextWindow(m_options.kiroModelId);
    const double tokens = std::floor(pct * double(window) / 100.0);
    if (tokens >= 1 && tokens < 2147483647.0)
        m_inputTokens = int(tokens);
    if (pct >= 100)
        m_contextWindowFull = true;
}

void ResponseAssembler::onException(const EventStreamMessage &m)
{
    const QString type = m.exceptionType();
    if (type == QLatin1String("ContentLengthExceededException")) {
        m_contentLengthExceeded = true;   // output truncated: finish normally with max_tokens
        return;
    }
    const QString detail = payloadMessage(m.payload);
    QString message = QStringLiteral("Kiro upstream: ") + (type.isEmpty() ? QStringLiteral("exception") : type);
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    if (type == QLatin1String("ThrottlingException"))
        m_failure = ApiError::rateLimit(message);
    else if (type == QLatin1String("ValidationException"))
        m_failure = ApiError::invalidRequest(message);
    else
        m_failure = ApiError::api(message);
}

void ResponseAssembler::onError(const EventStreamMessage &m)
{
    const QString code = m.errorCode();
    const QString detail = payloadMessage(m.payload);
    QString message = QStringLiteral("Kiro upstream error: ") + (code.isEmpty() ? QStringLiteral("unknown") : code);
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    m_failure = ApiError::api(message);
}

std::optional<ApiError> ResponseAssembler::unfinishedToolError() const
{
    for (const ToolCall &tool : m_tools) {
        if (!tool.stopped || tool.closedEarly) {
            return ApiError::api(QStringLiteral("upstream ended the stream before tool call '%1' finished its input")
                                     .arg(tool.name));
        }
        if (!tool.input.isEmpty() && !QJsonDocument::fromJson(tool.input.toUtf8()).isObject()) {
            return ApiError::api(QStringLiteral("upstream sent tool call '%1' with input that is not a JSON object")
                                     .arg(tool.name));
        }
    }
    return std::nullopt;
}

QList<SseEvent> ResponseAssembler::finish()
{
    QList<SseEvent> out;
    if (m_failure || m_finished)
        return out;
    m_finished = true;
    // A half-received tool call must not reach the client as if it were complete.
    if (const auto error = unfinishedToolError()) {
        m_failure = error;
        return out;
    }
    ensureStarted(out);
    if (m_options.thinkingEnabled)
        addPieces(out, m_extractor.finish(false));
    closeBlock(out);
    if (m_sawThinking && !m_sawText && m_tools.isEmpty()) {
        // Clients expect an answer after reasoning; both references send a single space.
        m_thinkingOnly = true;
        addPieces(out, {ThinkingExtractor::Piece{ThinkingExtractor::Piece::Text, QStringLiteral(" ")}});
        closeBlock(out);
    }
    emitEvent(out, "message_delta",
              {{QStringLiteral("delta"),
                QJsonObject{{QStringLiteral("stop_reason"), stopReason()}, {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
               {QStringLiteral("usage"), usage(inputTokens(), outputTokens())}});
    emitEvent(out, "message_stop", {});
    return out;
}

QString ResponseAssembler::stopReason() const
{
    if (!m_tools.isEmpty())
        return QStringLiteral("tool_use");
    if (m_contentLengthExceeded || m_thinkingOnly)
        return QStringLiteral("max_tokens");
    if (m_contextWindowFull)
        return QStringLiteral("model_context_window_exceeded");
    return QStringLiteral("end_turn");
}

QJsonObject ResponseAssembler::message() const
{
    return m_aggregator.message();
}

} // namespace kt
