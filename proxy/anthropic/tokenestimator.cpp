#include "anthropic/tokenestimator.h"

#include "anthropic/toolconverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSize>

#include <algorithm>
#include <climits>
#include <cmath>

namespace kt {

namespace {

// Calls f(codePoint) for each code point; a lone surrogate counts as one code point.
template <typename F>
void forEachCodePoint(QStringView text, F &&f)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < n && text[i + 1].isLowSurrogate()) {
            f(QChar::surrogateToUcs4(c, text[i + 1]));
            ++i;
        } else {
            f(char32_t(c.unicode()));
        }
    }
}

enum class CharClass : quint8 { Space, Letter, Digit, Punct };

constexpr CharClass asciiClass(char32_t c)
{
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return CharClass::Space;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return CharClass::Letter;
    if (c >= '0' && c <= '9')
        return CharClass::Digit;
    return CharClass::Punct;
}

CharClass classify(char32_t cp)
{
    if (cp < 0x80)
        return asciiClass(cp);
    if (cp == 0x85) // NEL is a control character that QChar::isSpace() counts as space
        return CharClass::Space;
    // One Unicode property lookup instead of isSpace / isLetter / isNumber in turn.
    switch (QChar::category(cp)) {
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return CharClass::Space;
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
        return CharClass::Letter;
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return CharClass::Digit;
    default:
        return CharClass::Punct;
    }
}

// Letter groups with different BPE densities: Latin words merge well, Cyrillic about two letters
// a token, everything else (CJK, kana, Hangul, Greek, Arabic, …) about one letter a token.
enum class LetterGroup : quint8 { Latin, Cyrillic, Dense };

LetterGroup letterGroup(char32_t cp)
{
    if (cp < 0x0370 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F)
        || (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF21 && cp <= 0xFF5A))
        return LetterGroup::Latin;
    if (cp >= 0x0400 && cp <= 0x052F)
        return LetterGroup::Cyrillic;
    return LetterGroup::Dense;
}

qint64 letterCost(LetterGroup group, qint64 length)
{
    switch (group) {
    case LetterGroup::Latin:
        return length <= 8 ? 1 : 1 + (length - 8 + 3) / 4;
    case LetterGroup::Cyrillic:
        return (length + 1) / 2;
    case LetterGroup::Dense:
        break;
    }
    return length;
}

// One left-to-right pass over the text, pre-tokenizing like `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+|
// ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` without a regex engine (no backtracking).
class PreTokenCounter {
public:
    explicit PreTokenCounter(QStringView text) : m_text(text) { }

    qint64 count()
    {
        bool spaceJoined = false;
        while (m_pos < m_text.size()) {
            const qsizetype start = m_pos;
            const char32_t cp = next();
            const CharClass cls = classify(cp);
            if (cls == CharClass::Space) {
                countSpaceRun(start, spaceJoined);
                continue;
            }
            if (!spaceJoined && cp == U'\'' && contraction())
                ++m_tokens;
            else if (cls == CharClass::Letter)
                countLetters(cp);
            else if (cls == CharClass::Digit)
                countRun(CharClass::Digit, 1, [](qint64 n) { return (n + 2) / 3; });
            else
                countPunctuation(cp);
            spaceJoined = false;
        }
        return m_tokens;
    }

private:
    char32_t next()
    {
        const QChar c = m_text[m_pos++];
        if (c.isHighSurrogate() && m_pos < m_text.size() && m_text[m_pos].isLowSurrogate())
            return QChar::surrogateToUcs4(c, m_text[m_pos++]);
        return char32_t(c.unicode());
    }

    // After `'`: consumes s t m d re ve ll (lower case) if present.
    bool contraction()
    {
        const auto at = [this](qsizetype i) { return i < m_text.size() ? m_text[i].unicode() : char16_t(0); };
        const char16_t a = at(m_pos);
        const char16_t b = at(m_pos + 1);
        if (a == u's' || a == u't' || a == u'm' || a == u'd') {
            m_pos += 1;
            return true;
        }
        if ((a == u'r' && b == u'e') || (a == u'v' && b == u'e') || (a == u'l' && b == u'l')) {
            m_pos += 2;
            return true;
        }
        return false;
    }

    // Whitespace: the whole run at the end of the text; otherwise all but its last character, and
    // that last character on its own unless it is a space, which joins the next run.
    void countSpaceRun(qsizetype start, bool &spaceJoined)
    {
        qsizetype lastStart = start;
        qint64 length = 1;
        while (m_pos < m_text.size()) {
            const qsizetype here = m_pos;
            if (classify(next()) != CharClass::Space) {
                m_pos = here;
                break;
            }
            lastStart = here;
            ++length;
        }
        const auto runCost = [](qint64 n) { return (n + 31) / 32; };
        if (m_pos >= m_text.size()) {
            m_tokens += runCost(length);
            return;
        }
        m_tokens += runCost(length - 1);
        if (m_text[lastStart] == QLatin1Char(' '))
            spaceJoined = true;
        else
            ++m_tokens;
    }

    void countLetters(char32_t first)
    {
        LetterGroup group = letterGroup(first);
        qint64 length = 1;
        while (m_pos < m_text.size()) {
            const qsizetype here = m_pos;
            const char32_t cp = next();
            if (classify(cp) != CharClass::Letter) {
                m_pos = here;
                break;
            }
            const LetterGroup g = letterGroup(cp);
            if (g != group) {
                m_tokens += letterCost(group, length);
                group = g;
                length = 0;
            }
            ++length;
        }
        m_tokens += letterCost(group, length);
    }

    // ASCII punctuation merges about three to a token; other BMP symbols are one token each and
    // astral ones (emoji) two, being four UTF-8 bytes.
    void countPunctuation(char32_t first)
    {
        qint64 ascii = 0;
        char32_t cp = first;
        for (;;) {
            if (cp < 0x80) {
                ++ascii;
            } else {
                m_tokens += (ascii + 2) / 3 + (cp > 0xFFFF ? 2 : 1);
                ascii = 0;
            }
            if (m_pos >= m_text.size())
                break;
            const qsizetype here = m_pos;
            cp = next();
            if (classify(cp) != CharClass::Punct) {
                m_pos = here;
                break;
            }
        }
        m_tokens += (ascii + 2) / 3;
    }

    template <typename Cost>
    void countRun(CharClass cls, qint64 length, Cost cost)
    {
        while (m_pos < m_text.size()) {
            const qsizetype here = m_pos;
            if (classify(next()) != cls) {
                m_pos = here;
                break;
            }
            ++length;
        }
        m_tokens += cost(length);
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    qint64 m_tokens = 0;
};

qint64 rawEstimate(QStringView text)
{
    return PreTokenCounter(text).count();
}

qint64 rawJson(const QJsonValue &value)
{
    QByteArray json;
    if (value.isObject())
        json = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        json = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else if (value.isString())
        return rawEstimate(value.toString());
    else
        return 0;
    return rawEstimate(QString::fromUtf8(json));
}

qint64 rawString(const QJsonValue &value)
{
    return value.isString() ? rawEstimate(value.toString()) : 0;
}

qint64 rawToolResultContent(const QJsonValue &content)
{
    if (content.isString())
        return rawEstimate(content.toString());
    qint64 total = 0;
    const QJsonArray items = content.toArray();
    for (const QJsonValue &item : items)
        total += rawString(item.toObject().value(QLatin1String("text")));
    return total;
}

qint64 rawBlock(const QJsonObject &block)
{
    const QString type = block.value(QLatin1String("type")).toString();
    qint64 total = rawString(block.value(QLatin1String("text")));
    if (type == QLatin1String("thinking"))
        total += rawString(block.value(QLatin1String("thinking")));
    else if (type == QLatin1String("tool_use"))
        total += rawString(block.value(QLatin1String("name"))) + rawJson(block.value(QLatin1String("input")));
    else if (type == QLatin1String("tool_result"))
        total += rawToolResultContent(block.value(QLatin1String("content")));
    else if (type == QLatin1String("document")) {
        const QJsonObject source = block.value(QLatin1String("source")).toObject();
        if (source.value(QLatin1String("type")).toString() == QLatin1String("text"))
            total += rawString(source.value(QLatin1String("data")));
    } else if (type == QLatin1String("image"))
        total += TokenEstimator::imageTokens(block);
    return total;
}

qint64 rawContent(const QJsonValue &content)
{
    if (content.isString())
        return rawEstimate(content.toString());
    qint64 total = 0;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &block : blocks)
        total += rawBlock(block.toObject());
    return total;
}

// Pixel size from the first bytes of a PNG, GIF or JPEG file; {0, 0} when unknown.
QSize imageSize(const QByteArray &d)
{
    const auto u8 = [&d](qsizetype i) { return uint(uchar(d[i])); };
    const auto be16 = [&](qsizetype i) { return int(u8(i) << 8 | u8(i + 1)); };
    if (d.size() >= 24 && d.startsWith("\x89PNG\r\n\x1a\n"))
        return QSize(int(u8(16) << 24 | u8(17) << 16 | u8(18) << 8 | u8(19)),
                     int(u8(20) << 24 | u8(21) << 16 | u8(22) << 8 | u8(23)));
    if (d.size() >= 10 && d.startsWith("GIF8"))
        return QSize(int(u8(6) | u8(7) << 8), int(u8(8) | u8(9) << 8));
    if (d.size() < 4 || u8(0) != 0xFF || u8(1) != 0xD8)
        return {};
    // JPEG: walk the segments to the first start-of-frame marker (C0..CF except C4, C8, CC).
    qsizetype i = 2;
    while (i + 9 < d.size() && u8(i) == 0xFF) {
        const uint marker = u8(i + 1);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return QSize(be16(i + 7), be16(i + 5));
        i += 2 + be16(i + 2);
    }
    return {};
}

int clampToInt(qint64 value)
{
    return int(std::clamp<qint64>(value, 1, INT_MAX));
}

} // namespace

int TokenEstimator::estimateText(QStringView text)
{
    return clampToInt(rawEstimate(text));
}

int TokenEstimator::countRequestTokens(const QJsonObject &request)
{
    qint64 total = 0;
    const QJsonValue system = request.value(QLatin1String("system"));
    if (system.isString()) {
        total += rawEstimate(system.toString());
    } else {
        const QJsonArray blocks = system.toArray();
        for (const QJsonValue &block : blocks)
            total += rawString(block.toObject().value(QLatin1String("text")));
    }

    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &message : messages)
        total += rawContent(message.toObject().value(QLatin1String("content")));

    const QJsonArray tools = request.value(QLatin1String("tools")).toArray();
    for (const QJsonValue &toolValue : tools) {
        const QJsonObject tool = toolValue.toObject();
        if (ToolConverter::isDeferred(tool))
            continue;   // not in the prompt until tool search loads it
        total += rawString(tool.value(QLatin1String("name")));
        total += rawString(tool.value(QLatin1String("description")));
        total += rawJson(tool.value(QLatin1String("input_schema")));
    }
    return clampToInt(total);
}

int TokenEstimator::imageTokens(const QJsonObject &imageBlock)
{
    constexpr int maxTokens = 1600;
    const QJsonObject source = imageBlock.value(QLatin1String("source")).toObject();
    if (source.value(QLatin1String("type")).toString() != QLatin1String("base64"))
        return maxTokens;
    // 64 KiB of JPEG covers the usual EXIF/ICC segments before the frame header.
    const QString data = source.value(QLatin1String("data")).toString();
    const QByteArray head = QByteArray::fromBase64(data.left(87384).toLatin1());
    const QSize size = imageSize(head);
    if (size.width() <= 0 || size.height() <= 0)
        return maxTokens;
    const double longEdge = std::max(size.width(), size.height());
    const double scale = std::min(1.0, 1568.0 / longEdge);
    const double tokens = std::ceil(double(size.width()) * size.height() * scale * scale / 750.0);
    return int(std::clamp(tokens, 1.0, double(maxTokens)));
}

int TokenEstimator::estimateOutputChunk(QStringView chunk)
{
    qint64 cjk = 0;
    qint64 other = 0;
    forEachCodePoint(chunk, [&](char32_t cp) {
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            ++cjk;
        else
            ++other;
    });
    return clampToInt((cjk * 2 + 2) / 3 + (other + 3) / 4);
}

} // namespace kt
