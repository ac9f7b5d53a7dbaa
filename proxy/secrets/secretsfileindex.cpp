#include "secrets/secretsfileindex.h"

#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt {

namespace {

// A cursor over JSON text that steps over whole values without decoding them.
class Scanner
{
public:
    explicit Scanner(const QByteArray &data) : m_p(data.constData()), m_begin(data.constData()), m_end(data.constData() + data.size()) {}

    qsizetype position() const { return m_p - m_begin; }
    void skipSpace()
    {
        while (m_p != m_end && isSpace(*m_p))
            ++m_p;
    }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    // A key: its bytes, which hold no escape (nullopt otherwise).
    std::optional<QByteArray> key()
    {
        skipSpace();
        if (m_p == m_end || *m_p != '"')
            return std::nullopt;
        const char *start = ++m_p;
        while (m_p != m_end && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p == m_end || *m_p != '"')
            return std::nullopt;
        return QByteArray(start, m_p++ - start);
    }
    bool skipValue()
    {
        skipSpace();
        if (m_p == m_end)
            return false;
        if (*m_p == '"')
            return skipString();
        if (*m_p == '{' || *m_p == '[')
            return skipNested();
        const char *start = m_p;
        while (m_p != m_end && !isDelimiter(*m_p))
            ++m_p;
        return m_p != start;
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool isDelimiter(char c) { return isSpace(c) || c == ',' || c == '}' || c == ']' || c == ':'; }
    bool skipString()
    {
        for (++m_p; m_p != m_end; ++m_p) {
            if (*m_p == '\\') {
                if (++m_p == m_end)
                    return false;
            } else if (*m_p == '"') {
                ++m_p;
                return true;
            }
        }
        return false;
    }
    bool skipNested()
    {
        int depth = 0;
        while (m_p != m_end) {
            const char c = *m_p;
            if (c == '"') {
                if (!skipString())
                    return false;
                continue;
            }
            ++m_p;
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return true;
        }
        return false;
    }

    const char *m_p;
    const char *m_begin;
    const char *m_end;
};

} // namespace

bool SecretsFileIndex::build(const QByteArray &data)
{
    clear();
    Scanner s(data);
    QHash<QByteArray, Span> entries;
    bool secrets = false, versionOne = false;
    bool first = true;
    if (!s.take('{'))
        return false;
    while (!s.take('}')) {
        if (!first && !s.take(','))
            return false;
        first = false;
        const std::optional<QByteArray> key = s.key();
        if (!key || !s.take(':'))
            return false;
        if (*key == "secrets") {
            if (secrets || !s.take('{'))
                return false;
            secrets = true;
            bool firstEntry = true;
            while (!s.take('}')) {
                if (!firstEntry && !s.take(','))
                    return false;
                firstEntry = false;
                const std::optional<QByteArray> name = s.key();
                if (!name || !s.take(':'))
                    return false;
                s.skipSpace();   // to the value's first byte
                const qsizetype begin = s.position();
                if (!s.skipValue())
                    return false;
                entries.insert(*name, Span{begin, s.position() - begin});
            }
        } else {
            s.skipSpace();
            const qsizetype begin = s.position();
            if (!s.skipValue())
                return false;
            if (*key == "version")
                versionOne = data.mid(begin, s.position() - begin) == "1";
        }
    }
    if (!s.atEnd() || !secrets || !versionOne)
        return false;
    m_data = data;
    m_entries = std::move(entries);
    return true;
}

void SecretsFileIndex::clear()
{
    m_data.clear();
    m_entries.clear();
}

std::optional<QJsonValue> SecretsFileIndex::value(const QByteArray &key) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return std::nullopt;
    const char *begin = m_data.constData() + it->begin;
    if (std::optional<QString> plain = readJsonString(QByteArrayView(begin, it->size)))   // the usual value: no parser needed
        return QJsonValue(*plain);
    QByteArray text;
    text.reserve(it->size + 2);
    text.append('[').append(m_data.constData() + it->begin, it->size).append(']');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().at(0);
}

} // namespace kt
