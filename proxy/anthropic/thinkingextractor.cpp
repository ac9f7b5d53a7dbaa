#include "anthropic/thinkingextractor.h"

namespace kt {

namespace {

const QString kOpenTag = QStringLiteral("<thinking>");
const QString kCloseTag = QStringLiteral("</thinking>");

// A tag written next to a quote is the model talking about the tag, not using it (R2's set).
bool isQuote(QChar c)
{
    return c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`');
}

bool isAllSpace(QStringView s)
{
    for (QChar c : s) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// Length of the longest suffix of text that is a proper prefix of tag: those chars may be the
// start of a tag whose rest is still in flight.
qsizetype partialTagSuffix(const QString &text, const QString &tag)
{
    const qsizetype max = qMin(text.size(), tag.size() - 1);
    for (qsizetype n = max; n > 0; --n) {
        if (QStringView(text).right(n) == QStringView(tag).left(n))
            return n;
    }
    return 0;
}

} // namespace

void ThinkingExtractor::append(QList<Piece> &out, Piece::Kind kind, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!out.isEmpty() && out.last().kind == kind)
        out.last().text += text;
    else
        out.append(Piece{kind, text});
}

void ThinkingExtractor::emitThinking(QList<Piece> &out, const QString &text)
{
    if (text.isEmpty())
        return;
    m_lastThinkingChar = text.back();
    append(out, Piece::Thinking, text);
}

QList<ThinkingExtractor::Piece> ThinkingExtractor::feed(const QString &chunk)
{
    QList<Piece> out;
    if (m_state == State::Text) {
        append(out, Piece::Text, chunk);
        return out;
    }
    m_buffer += chunk;
    if (m_state == State::Detecting)
        detect(out);
    if (m_state == State::Thinking)
        scanThinking(out);
    return out;
}

void ThinkingExtractor::detect(QList<Piece> &out)
{
    qsizetype start = 0;
    while (start < m_buffer.size() && m_buffer.at(start).isSpace())
        ++start;
    if (start == m_buffer.size())
        return; // only whitespace so far: it is dropped if a tag follows
    const QStringView rest = QStringView(m_buffer).mid(start);
    if (rest.size() <= kOpenTag.size()) {
        if (QStringView(kOpenTag).startsWith(rest))
            return; // a tag prefix, or the whole tag still waiting for the char after it
    } else if (rest.startsWith(kOpenTag) && !isQuote(rest.at(kOpenTag.size()))) {
        m_state = State::Thinking;
        m_dropNewline = true;
        m_buffer = rest.mid(kOpenTag.size()).toString();
        return;
    }
    m_state = State::Text;
    append(out, Piece::Text, m_buffer);
    m_buffer.clear();
}

void ThinkingExtractor::scanThinking(QList<Piece> &out)
{
    if (m_dropNewline) {
        if (m_buffer.isEmpty())
            return;
        if (m_buffer.front() == QLatin1Char('\n'))
            m_buffer.remove(0, 1);
        m_dropNewline = false;
    }
    qsizetype from = 0;
    for (;;) {
        const qsizetype p = m_buffer.indexOf(kCloseTag, from);
        if (p < 0)
            break;
        from = p + 1;
        const QChar before = p > 0 ? m_buffer.at(p - 1) : m_lastThinkingChar;
        if (isQuote(before))
            continue;
        const qsizetype after = p + kCloseTag.size();
        const QStringView tail = QStringView(m_buffer).mid(after);
        if (tail.startsWith(u"\n\n")) {
            emitThinking(out, m_buffer.left(p));
            const QString text = tail.mid(2).toString();
            m_buffer.clear();
            m_state = State::Text;
            append(out, Piece::Text, text);
            return;
        }
        if (isAllSpace(tail)) {
            // Undecided: "\n\n" may still arrive, or the stream may end here (also an end tag).
            emitThinking(out, m_buffer.left(p));
            m_buffer.remove(0, p);
            return;
        }
    }
    const qsizetype keep = partialTagSuffix(m_buffer, kCloseTag);
    emitThinking(out, m_buffer.left(m_buffer.size() - keep));
    m_buffer.remove(0, m_buffer.size() - keep);
}

QList<ThinkingExtractor::Piece> ThinkingExtractor::finish(bool beforeToolUse)
{
    QList<Piece> out;
    switch (m_state) {
    case State::Detecting:
        // Whitespace alone before a tool call would only open a pointless text block.
        if (!(beforeToolUse && isAllSpace(m_buffer)))
            append(out, Piece::Text, m_buffer);
        break;
    case State::Thinking: {
        if (m_dropNewline && m_buffer.startsWith(QLatin1Char('\n')))
            m_buffer.remove(0, 1);
        // At the end the closing tag may be followed by nothing but whitespace.
        qsizetype from = 0;
        qsizetype end = m_buffer.size();
        for (;;) {
            const qsizetype p = m_buffer.indexOf(kCloseTag, from);
            if (p < 0)
                break;
            from = p + 1;
            const QChar before = p > 0 ? m_buffer.at(p - 1) : m_lastThinkingChar;
            if (!isQuote(before) && isAllSpace(QStringView(m_buffer).mid(p + kCloseTag.size()))) {
                end = p;
                break;
            }
        }
        emitThinking(out, m_buffer.left(end));
        break;
    }
    case State::Text:
        break;
    }
    m_buffer.clear();
    m_dropNewline = false;
    m_state = State::Text;
    return out;
}

} // namespace kt
