#pragma once
// The Responses API answer: Anthropic stream events as Responses stream events (response.created,
// response.in_progress, output items for text, reasoning and function calls with their deltas and
// done events, response.completed or response.incomplete; response.failed on faults), or the whole
// response object. Item ids follow the output index, so stream and object agree.
#include "openai/openaiformat.h"

#include <QHash>
#include <QJsonArray>
#include <QString>

namespace kt {

class ResponsesFormat : public OpenAiFormat {
public:
    explicit ResponsesFormat(const QString &model);

    void appendStreamEvents(QByteArray &out, const QList<SseEvent> &events) override;
    QByteArray streamError(const ApiError &error) override;
    QJsonObject body(const QJsonObject &message) override;

    static QJsonObject usage(const QJsonObject &anthropicUsage);

private:
    enum class Kind { Message, Reasoning, FunctionCall };
    struct Item {
        Kind kind = Kind::Message;
        int outputIndex = 0;
        QString id;
        QString text;       // text, reasoning summary or arguments so far
        QString callId;
        QString name;
        QByteArray deltaHead;   // the delta event up to its "delta" value, the same for every fragment
    };

    void event(QByteArray &out, const SseEvent &e);
    void send(QByteArray &out, const char *type, const QByteArray &before, const QByteArray &after = {});
    static QByteArray where(const Item &item, bool contentIndex);
    static QByteArray textPart(Kind kind, const QString &text);
    void startItem(QByteArray &out, int blockIndex, const QJsonObject &block);
    void delta(QByteArray &out, const Item &item, const QString &text);
    static QByteArray deltaHead(const Item &item);
    void finishItem(QByteArray &out, const Item &item);
    QJsonObject itemJson(const Item &item, bool done) const;
    QString itemId(Kind kind, int outputIndex) const;
    QJsonObject response(const QString &status, const QJsonArray &output, const QJsonObject &anthropicUsage) const;

    QString m_id;
    qint64 m_createdAt;
    QString m_model;
    int m_sequence = 0;
    QHash<int, Item> m_items;   // Anthropic block index -> output item
    QJsonArray m_output;        // finished items
    QJsonObject m_usage;
    QString m_stopReason;
};

} // namespace kt
