#include "secrets/secretsfileindex.h"

#include "util/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace kt {

namespace {

// A page of 100 accounts' secrets is about 20 kB.
constexpr qsizetype kChunk = 64 * 1024;

} // namespace

// A cursor over the part of the file read so far that steps over whole values without decoding them.
class SecretsFileIndex::Scanner
{
public:
    Scanner(const char *data, qsizetype size, qsizetype pos) : m_p(data + pos), m_begin(data), m_end(data + size) {}

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
    // The next byte is one that may follow a member (not taken): a value cut short by the end of what
    // is read so far is not taken for a whole one.
    bool beforeMemberEnd()
    {
        skipSpace();
        return m_p != m_end && (*m_p == ',' || *m_p == '}');
    }
    // A key: its bytes, which hold no escape (nullopt otherwise).
    std::optional<QByteArrayView> key()
    {
        skipSpace();
        if (m_p == m_end || *m_p != '"')
            return std::nullopt;
        const char *start = ++m_p;
        while (m_p != m_end && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p == m_end || *m_p != '"')
            return std::nullopt;
        return QByteArrayView(start, m_p++ - start);
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

bool SecretsFileIndex::open(const QString &path)
{
    clear();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return false;
    m_size = m_file.size();
    m_data.reset(new char[size_t(std::max<qsizetype>(m_size, 1))]);   // not zeroed: untouched pages stay unmapped
    m_state = State::Entries;
#ifndef Q_OS_UNIX
    // Windows: an open file could keep another writer from replacing it; the scan stays lazy.
    while (readMore()) {
    }
    m_file.close();
#endif
    if (parse([](Scanner &s) { return s.take('{') ? Step::Ok : Step::Bad; }) != Step::Ok)
        return fail();
    // The members before "secrets" (each followed by a comma), up to the brace that opens it.
    for (bool secrets = false; !secrets;) {
        if (parse([&](Scanner &s) { return member(s, &secrets) && (secrets || s.take(',')) ? Step::Ok : Step::Bad; }) != Step::Ok)
            return fail();
    }
    if (m_versionOne)
        return true;
    // As older versions wrote it, "version" follows the entries: it is checked before any is read.
    while (m_state == State::Entries)
        nextEntry();
    return m_state == State::Done;
}

void SecretsFileIndex::clear()
{
    m_file.close();
    m_data.reset();
    m_size = m_read = m_pos = 0;
    m_state = State::Closed;
    m_firstEntry = true;
    m_versionOne = false;
    m_entries.clear();
}

bool SecretsFileIndex::readMore()
{
    if (m_read >= m_size)
        return false;
    const qint64 n = m_file.read(m_data.get() + m_read, std::min(kChunk, m_size - m_read));
    if (n <= 0) {   // shorter than when it was opened: its end is here
        m_size = m_read;
        return false;
    }
    m_read += n;
    return true;
}

// Runs one step of the scan from where it stands, reading more of the file while the step cannot
// complete in what is read so far; the scan moves on only when the step does.
template <typename Parse>
SecretsFileIndex::Step SecretsFileIndex::parse(Parse &&step)
{
    for (;;) {
        Scanner s(m_data.get(), m_read, m_pos);
        if (const Step result = step(s); result != Step::Bad) {
            m_pos = s.position();
            return result;
        }
        if (!readMore())
            return Step::Bad;
    }
}

// A member of the top object: "secrets" and its opening brace, or any other value ("version" is noted).
bool SecretsFileIndex::member(Scanner &s, bool *secrets)
{
    const std::optional<QByteArrayView> name = s.key();
    if (!name || !s.take(':'))
        return false;
    if (*name == "secrets") {
        *secrets = true;
        return s.take('{');
    }
    s.skipSpace();
    const qsizetype begin = s.position();
    if (!s.skipValue())
        return false;
    if (*name == "version")
        m_versionOne = QByteArrayView(m_data.get() + begin, s.position() - begin) == "1";
    return true;
}

SecretsFileIndex::Step SecretsFileIndex::entry(Scanner &s, QByteArrayView *key, Span *span) const
{
    if (s.take('}'))
        return Step::End;
    if (!m_firstEntry && !s.take(','))
        return Step::Bad;
    const std::optional<QByteArrayView> name = s.key();
    if (!name || !s.take(':'))
        return Step::Bad;
    s.skipSpace();   // to the value's first byte
    const qsizetype begin = s.position();
    if (!s.skipValue() || !s.beforeMemberEnd())
        return Step::Bad;
    *key = *name;
    *span = Span{begin, s.position() - begin};
    return Step::Ok;
}

void SecretsFileIndex::nextEntry()
{
    QByteArrayView key;
    Span span;
    switch (parse([&](Scanner &s) { return entry(s, &key, &span); })) {
    case Step::Ok:
        m_firstEntry = false;
        if (!m_entries.contains(key))   // a key written twice (never by the store) reads as its first copy
            m_entries.insert(key, span);
        return;
    case Step::End:
        finish();
        return;
    case Step::Bad:
        fail();
        return;
    }
}

// After the entries: the rest of the top object, which must end the file, and its version.
bool SecretsFileIndex::finish()
{
    while (readMore()) {
    }
    Scanner s(m_data.get(), m_read, m_pos);
    while (!s.take('}')) {
        bool secrets = false;
        if (!s.take(',') || !member(s, &secrets) || secrets)
            return fail();
    }
    if (!s.atEnd() || !m_versionOne)
        return fail();
    m_state = State::Done;
    m_file.close();
    return true;
}

bool SecretsFileIndex::fail()
{
    m_state = State::Failed;
    m_file.close();
    return false;
}

std::optional<QJsonValue> SecretsFileIndex::value(const QByteArray &key)
{
    const QByteArrayView wanted(key);
    while (m_state == State::Entries && !m_entries.contains(wanted))
        nextEntry();
    const auto it = m_entries.constFind(wanted);
    if (m_state == State::Failed || m_state == State::Closed || it == m_entries.cend())
        return std::nullopt;
    const char *begin = m_data.get() + it->begin;
    if (std::optional<QString> plain = readJsonString(QByteArrayView(begin, it->size)))   // the usual value: no parser needed
        return QJsonValue(*plain);
    QByteArray text;
    text.reserve(it->size + 2);
    text.append('[').append(begin, it->size).append(']');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().at(0);
}

} // namespace kt
