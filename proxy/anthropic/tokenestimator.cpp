#include "anthropic/tokenestimator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <climits>

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

// R1's "western" ranges: ASCII, Latin-1, Latin Extended-A/B/Additional/C/D/E.
bool isWestern(char32_t cp)
{
    return cp <= 0x024F || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F)
        || (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F);
}

qint64 rawEstimate(QStringView text)
{
    qint64 units = 0;
    forEachCodePoint(text, [&units](char32_t cp) { units += isWestern(cp) ? 1 : 4; });
    const double tokens = double(units) / 4.0;
    double factor = 1.0;
    if (tokens < 100.0)
        factor = 1.5;
    else if (tokens < 200.0)
        factor = 1.3;
    else if (tokens < 300.0)
        factor = 1.25;
    else if (tokens < 800.0)
        factor = 1.2;
    return qint64(tokens * factor);
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
        total += rawJson(block.value(QLatin1String("input")));
    else if (type == QLatin1String("tool_result"))
        total += rawToolResultContent(block.value(QLatin1String("content")));
    else if (type == QLatin1String("document")) {
        const QJsonObject source = block.value(QLatin1String("source")).toObject();
        if (source.value(QLatin1String("type")).toString() == QLatin1String("text"))
            total += rawString(source.value(QLatin1String("data")));
    }
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
        total += rawString(tool.value(QLatin1String("name")));
        total += rawString(tool.value(QLatin1String("description")));
        total += rawJson(tool.value(QLatin1String("input_schema")));
    }
    return clampToInt(total);
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
