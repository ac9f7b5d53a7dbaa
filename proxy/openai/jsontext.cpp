#include "openai/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt {

namespace {

bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

// Escapes as QJsonDocument does ("\"", "\\", \b \f \n \r \t, other controls as \u00xx, the rest UTF-8).
void appendEscaped(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            qsizetype end = i + 1;
            while (end < text.size() && text[end].unicode() >= 0x80)
                ++end;
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
}

} // namespace

void appendJsonString(QByteArray &out, const QString &text)
{
    if (hasLoneSurrogate(text)) {   // rare: leave Qt's own treatment of broken UTF-16 to Qt
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        out += QByteArrayView(array).sliced(1, array.size() - 2);
        return;
    }
    out += '"';
    appendEscaped(out, text);
    out += '"';
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
