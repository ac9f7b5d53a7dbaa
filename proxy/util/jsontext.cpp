#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStringDecoder>
#include <QVariant>
#include <charconv>
#include <cmath>

namespace kt {

namespace {

// Escapes as QJsonDocument does ("\"", "\\", \b \f \n \r \t, other controls as \u00xx, the rest
// UTF-8). False at the first lone surrogate, which is left to Qt.
bool appendEscaped(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            qsizetype end = i;
            while (end < text.size() && text[end].unicode() >= 0x80) {
                if (text[end].isHighSurrogate() && end + 1 < text.size() && text[end + 1].isLowSurrogate())
                    end += 2;
                else if (text[end].isSurrogate())
                    return false;
                else
                    ++end;
            }
            out += text.mid(i, end - i).toUtf8();
            i = end;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                out.append(escape, sizeof escape);
            } else {
                out += char(c);
            }
        }
        ++i;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendValue(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        // A value stored as an integer is written as one, as QJsonDocument does (the variant says which).
        const QVariant number = v.toVariant();
        if (number.typeId() == QMetaType::LongLong) {
            appendJsonInteger(out, number.toLongLong());
        } else {
            const double d = v.toDouble();
            out += std::isfinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest) : QByteArray("null");
        }
        break;
    }
    case QJsonValue::String:
        appendJsonString(out, v.toString());
        break;
    case QJsonValue::Array:
        appendCompactJson(out, v.toArray());
        break;
    case QJsonValue::Object:
        appendCompactJson(out, v.toObject());
        break;
    default:
        out += "null";
    }
}

} // namespace

void appendJsonString(QByteArray &out, const QString &text)
{
    const qsizetype start = out.size();
    out += '"';
    if (appendEscaped(out, text)) {
        out += '"';
        return;
    }
    out.truncate(start);   // rare: broken UTF-16 gets Qt's own treatment
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    out += QByteArrayView(array).sliced(1, array.size() - 2);
}

void appendJsonInteger(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

std::optional<QString> readJsonString(QByteArrayView literal)
{
    if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"')
        return std::nullopt;
    const QByteArrayView inner = literal.sliced(1, literal.size() - 2);
    // Each run between escapes is decoded alone: a U+FEFF at its start is text, not a BOM.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text;
    text.reserve(inner.size());
    qsizetype runStart = 0;
    const auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            text += utf8(inner.sliced(runStart, end - runStart));
        return !utf8.hasError();
    };
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const uchar c = uchar(inner[i]);
        if (c == '"' || c < 0x20)
            return std::nullopt;
        if (c != '\\')
            continue;
        if (!flushRun(i) || i + 1 >= inner.size())
            return std::nullopt;
        switch (inner[++i]) {
        case '"': text += QLatin1Char('"'); break;
        case '\\': text += QLatin1Char('\\'); break;
        case '/': text += QLatin1Char('/'); break;
        case 'b': text += QLatin1Char('\b'); break;
        case 'f': text += QLatin1Char('\f'); break;
        case 'n': text += QLatin1Char('\n'); break;
        case 'r': text += QLatin1Char('\r'); break;
        case 't': text += QLatin1Char('\t'); break;
        case 'u': {
            if (i + 4 >= inner.size())
                return std::nullopt;
            char16_t unit = 0;
            for (int k = 1; k <= 4; ++k) {
                const int digit = hexValue(inner[i + k]);
                if (digit < 0)
                    return std::nullopt;
                unit = char16_t(unit * 16 + digit);
            }
            text += QChar(unit);   // a surrogate pair arrives as two escapes, one unit each
            i += 4;
            break;
        }
        default:
            return std::nullopt;
        }
        runStart = i + 1;
    }
    if (!flushRun(inner.size()))
        return std::nullopt;
    return text;
}

QByteArray jsonString(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 16);
    appendJsonString(out, text);
    return out;
}

QByteArray compactJson(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(256);
    appendCompactJson(out, object);
    return out;
}

void appendCompactJson(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it != object.constBegin())
            out += ',';
        appendJsonString(out, it.key());
        out += ':';
        appendValue(out, it.value());
    }
    out += '}';
}

void appendCompactJson(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i > 0)
            out += ',';
        appendValue(out, array.at(i));
    }
    out += ']';
}

} // namespace kt
