#pragma once
// Splits the streamed upstream text into the model's <thinking>…</thinking> part and the answer
// (docs/protocol.md#thinking-output), holding back just enough text to recognise tags split across chunks.
#include <QList>
#include <QString>

namespace kt {

class ThinkingExtractor {
public:
    struct Piece {
        enum Kind { Thinking, Text } kind;
        QString text;
    };

    QList<Piece> feed(const QString &chunk);
    // Flushes what was held back; the stream ended (or a tool call follows). Text fed afterwards
    // passes through as answer text: thinking only ever opens the reply.
    QList<Piece> finish(bool beforeToolUse = false);

private:
    enum class State { Detecting, Thinking, Text };

    void detect(QList<Piece> &out);
    void scanThinking(QList<Piece> &out);
    void emitThinking(QList<Piece> &out, const QString &text);
    static void append(QList<Piece> &out, Piece::Kind kind, const QString &text);

    State m_state = State::Detecting;
    QString m_buffer;
    bool m_dropNewline = false;   // the model puts one '\n' right after <thinking>
    QChar m_lastThinkingChar;     // char before a tag that starts the buffer, for the quote check
};

} // namespace kt
