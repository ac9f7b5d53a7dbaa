#include "openai/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

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

QByteArray jsonString(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 16);
    appendJsonString(out, text);
    return out;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace kt
