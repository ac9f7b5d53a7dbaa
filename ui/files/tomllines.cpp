#include "files/tomllines.h"

namespace kt {

namespace {

// Where a scan stands between characters: inside which kind of string, how deep in [ ] / { }.
struct ScanState {
    enum Mode { Code, Basic, Literal, MultiBasic, MultiLiteral } mode = Code;
    int depth = 0;
    bool open() const { return depth > 0 || mode == MultiBasic || mode == MultiLiteral; }
};

// Advances `st` over s[from..]; returns where a comment starts, or -1.
int scanChars(const QString &s, int from, ScanState &st)
{
    for (int i = from; i < s.size(); ++i) {
        const QChar c = s.at(i);
        switch (st.mode) {
        case ScanState::Code:
            if (c == QLatin1Char('#'))
                return i;
            if (s.mid(i, 3) == QLatin1String("\"\"\"")) {
                st.mode = ScanState::MultiBasic;
                i += 2;
            } else if (s.mid(i, 3) == QLatin1String("'''")) {
                st.mode = ScanState::MultiLiteral;
                i += 2;
            } else if (c == QLatin1Char('"')) {
                st.mode = ScanState::Basic;
            } else if (c == QLatin1Char('\'')) {
                st.mode = ScanState::Literal;
            } else if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
                ++st.depth;
            } else if ((c == QLatin1Char(']') || c == QLatin1Char('}')) && st.depth > 0) {
                --st.depth;
            }
            break;
        case ScanState::Basic:
        case ScanState::MultiBasic:
            if (c == QLatin1Char('\\'))
                ++i;
            else if (st.mode == ScanState::Basic && c == QLatin1Char('"'))
                st.mode = ScanState::Code;
            else if (st.mode == ScanState::MultiBasic && s.mid(i, 3) == QLatin1String("\"\"\"")) {
                st.mode = ScanState::Code;
                i += 2;
            }
            break;
        case ScanState::Literal:
            if (c == QLatin1Char('\''))
                st.mode = ScanState::Code;
            break;
        case ScanState::MultiLiteral:
            if (s.mid(i, 3) == QLatin1String("'''")) {
                st.mode = ScanState::Code;
                i += 2;
            }
            break;
        }
    }
    if (st.mode == ScanState::Basic || st.mode == ScanState::Literal)
        st.mode = ScanState::Code;   // one-line strings end with their line
    return -1;
}

// `a . "b.c" . d` -> "a.b.c.d" parts joined by '.', quotes removed: the path TOML means.
QString normalisedPath(const QString &text)
{
    QStringList parts;
    QString part;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                part += c;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('.')) {
            parts << part.trimmed();
            part.clear();
        } else {
            part += c;
        }
    }
    parts << part.trimmed();
    return parts.join(QLatin1Char('.'));
}

// The index of the first '=' outside quotes, or -1.
int equalsIndex(const QString &line)
{
    QChar quote;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('=')) {
            return i;
        } else if (c == QLatin1Char('#')) {
            return -1;
        }
    }
    return -1;
}

// "[a.b]  # note" or "[[a]]" -> the table path; empty when the line is not a header.
QString headerName(const QString &trimmed)
{
    const bool array = trimmed.startsWith(QLatin1String("[["));
    const QString close = array ? QStringLiteral("]]") : QStringLiteral("]");
    const int open = array ? 2 : 1;
    const int end = trimmed.indexOf(close, open);
    if (end < 0)
        return {};
    const QString rest = trimmed.mid(end + close.size()).trimmed();
    if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('#')))
        return {};
    return normalisedPath(trimmed.mid(open, end - open));
}

} // namespace

TomlLines::TomlLines(const QByteArray &text) : m_original(text)
{
    m_eol = text.contains("\r\n") ? QStringLiteral("\r\n") : QStringLiteral("\n");
    QString content = QString::fromUtf8(text);
    content.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    m_lines = content.split(QLatin1Char('\n'));
    if (!m_lines.isEmpty() && m_lines.last().isEmpty())
        m_lines.removeLast();
    scan();
}

void TomlLines::scan()
{
    m_info = QList<Line>(m_lines.size());
    QString table;
    ScanState st;
    int openKey = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        const QString &line = m_lines.at(i);
        if (openKey >= 0) {
            scanChars(line, 0, st);
            m_info[openKey].last = i;
            if (!st.open())
                openKey = -1;
            continue;
        }
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1Char('['))) {
            const QString name = headerName(trimmed);
            if (!name.isEmpty()) {
                table = name;
                m_info[i] = {Line::Header, name, i};
                continue;
            }
        }
        const int eq = trimmed.startsWith(QLatin1Char('#')) ? -1 : equalsIndex(line);
        if (eq < 0)
            continue;
        const QString key = normalisedPath(line.left(eq));
        m_info[i] = {Line::Key, table.isEmpty() ? key : table + QLatin1Char('.') + key, i};
        st = ScanState();
        scanChars(line, eq + 1, st);
        if (st.open())
            openKey = i;
    }
}

int TomlLines::headerIndex(const QString &table) const
{
    for (int i = 0; i < m_info.size(); ++i)
        if (m_info.at(i).kind == Line::Header && m_info.at(i).name == table)
            return i;
    return -1;
}

int TomlLines::regionEnd(int from) const
{
    for (int i = from + 1; i < m_info.size(); ++i)
        if (m_info.at(i).kind == Line::Header)
            return i;
    return int(m_info.size());
}

int TomlLines::findKey(const QString &table, const QString &key) const
{
    const QString path = table.isEmpty() ? key : table + QLatin1Char('.') + key;
    for (int i = 0; i < m_info.size(); ++i)
        if (m_info.at(i).kind == Line::Key && m_info.at(i).name == path)
            return i;
    return -1;
}

QString TomlLines::set(const QString &table, const QString &key, const QString &literal)
{
    const QString line = key + QStringLiteral(" = ") + literal;
    if (const int at = findKey(table, key); at >= 0) {
        // The key keeps its spelling and indentation (a dotted key stays dotted).
        QString written = m_lines.at(at).left(equalsIndex(m_lines.at(at)));
        while (written.endsWith(QLatin1Char(' ')) || written.endsWith(QLatin1Char('\t')))
            written.chop(1);
        const QString replacement = written + QStringLiteral(" = ") + literal;
        const int last = m_info.at(at).last;
        if (at == last && m_lines.at(at) == replacement)
            return {};
        m_lines.erase(m_lines.begin() + at, m_lines.begin() + last + 1);
        m_lines.insert(at, replacement);
    } else {
        int header = -1;
        if (!table.isEmpty() && (header = headerIndex(table)) < 0) {
            for (const Line &l : std::as_const(m_info)) {
                if (l.kind == Line::Key && (l.name == table || l.name.startsWith(table + QLatin1Char('.'))
                                            || table.startsWith(l.name + QLatin1Char('.'))))
                    return QStringLiteral("[%1] is already defined in another form (\"%2\")").arg(table, l.name);
            }
            if (!m_lines.isEmpty() && !m_lines.last().trimmed().isEmpty())
                m_lines.append(QString());
            m_lines.append(QLatin1Char('[') + table + QLatin1Char(']'));
            m_lines.append(line);
        } else {
            const int end = regionEnd(header);
            int insertAt = header + 1;
            for (int i = header + 1; i < end; ++i)
                if (m_info.at(i).kind == Line::Key)
                    insertAt = m_info.at(i).last + 1;
            m_lines.insert(insertAt, line);
        }
    }
    m_changed = true;
    scan();
    return {};
}

QString TomlLines::value(const QString &table, const QString &key) const
{
    const int at = findKey(table, key);
    if (at < 0)
        return {};
    QStringList parts;
    ScanState st;
    for (int i = at; i <= m_info.at(at).last; ++i) {
        const QString &line = m_lines.at(i);
        const int from = i == at ? equalsIndex(line) + 1 : 0;
        const int comment = scanChars(line, from, st);
        parts << line.mid(from, comment < 0 ? -1 : comment - from);
    }
    return parts.join(QLatin1Char('\n')).trimmed();
}

QByteArray TomlLines::text() const
{
    if (!m_changed)
        return m_original;
    return m_lines.isEmpty() ? QByteArray() : (m_lines.join(m_eol) + m_eol).toUtf8();
}

QString TomlLines::quoted(const QString &value)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

QString TomlLines::unquoted(const QString &literal)
{
    if (literal.size() < 2)
        return {};
    if (literal.startsWith(QLatin1Char('\'')) && literal.endsWith(QLatin1Char('\'')))
        return literal.mid(1, literal.size() - 2);
    if (!literal.startsWith(QLatin1Char('"')) || !literal.endsWith(QLatin1Char('"')))
        return {};
    QString out;
    const QString inner = literal.mid(1, literal.size() - 2);
    for (int i = 0; i < inner.size(); ++i) {
        if (inner.at(i) == QLatin1Char('\\') && i + 1 < inner.size()) {
            const QChar next = inner.at(++i);
            out += next == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : next == QLatin1Char('t') ? QChar(QLatin1Char('\t')) : next;
        } else {
            out += inner.at(i);
        }
    }
    return out;
}

} // namespace kt
