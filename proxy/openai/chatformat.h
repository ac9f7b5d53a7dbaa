#pragma once
// The Chat Completions answer: Anthropic stream events as chat.completion.chunk objects (text,
// reasoning_content, tool_calls with their index and id, finish_reason, the usage chunk when asked
// for) ending with "data: [DONE]", or the whole chat.completion object; errors in OpenAI's shape.
// The text ends at the first of the request's stop sequences.
#include "openai/openaiformat.h"
#include "openai/stopsequences.h"

#include <QHash>
#include <QString>

namespace kt {

class ChatFormat : public OpenAiFormat {
public:
    ChatFormat(const QString &model, bool includeUsage, const QStringList &stops = {});

    void appendStreamEvents(QByteArray &out, const QList<SseEvent> &events) override;
    QByteArray streamError(const ApiError &error) override;
    QByteArray streamEnd() override { return QByteArrayLiteral("data: [DONE]\n\n"); }
    QJsonObject body(const QJsonObject &message) override;

    static QString finishReason(const QString &stopReason);
    static QJsonObject usage(const QJsonObject &anthropicUsage);

private:
    void event(QByteArray &out, const SseEvent &e);
    void chunk(QByteArray &out, const QByteArray &delta, const QByteArray &finishReason = QByteArrayLiteral("null"));
    void chunkTail(QByteArray &out, const QByteArray &finishReason);
    void textChunk(QByteArray &out, const char *field, const QString &text);

    QString m_id;
    qint64 m_created;
    QString m_model;
    bool m_includeUsage;
    QByteArray m_head;            // every chunk's fields up to its delta
    QHash<int, int> m_toolIndex;  // Anthropic block index -> tool_calls index
    QJsonObject m_usage;          // Anthropic usage so far
    StopSequences m_stops;
};

} // namespace kt
