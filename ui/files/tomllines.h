#pragma once
// A minimal line-based editor for TOML files other programs own (Codex's config.toml): it sets a
// few keys and leaves every other byte as it was (comments, order, unrelated tables). It knows just
// enough TOML to find table headers and key lines: strings (multi-line too), comments, and values
// spanning lines (arrays, inline tables). It is not a validating parser.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kt {

class TomlLines
{
public:
    explicit TomlLines(const QByteArray &text);

    // Sets `key = literal` in `table` ("" = the top level; "a.b" = [a.b]): the key's line (or lines,
    // for a multi-line value) is replaced where it is, else the key is added after the table's last
    // key, and a missing table is added at the end. Returns an error (nothing changed) when the table
    // is already defined in another form (dotted keys or an inline table).
    QString set(const QString &table, const QString &key, const QString &literal);
    // The value of a key as written (comment removed, trimmed); empty when absent.
    QString value(const QString &table, const QString &key) const;
    // The edited text; the original bytes when nothing changed.
    QByteArray text() const;

    static QString quoted(const QString &value);     // a TOML basic string
    static QString unquoted(const QString &literal); // the string a basic or literal string holds; empty otherwise

private:
    struct Line {
        enum Kind { Other, Header, Key } kind = Other;
        QString name;   // Header: the table path; Key: the full path (table + dotted key)
        int last = 0;   // Key: the index of the value's last line
    };
    void scan();
    int headerIndex(const QString &table) const;   // -1 when absent
    int regionEnd(int from) const;                 // the next header after `from`, or the line count
    int findKey(const QString &table, const QString &key) const;

    QByteArray m_original;
    QStringList m_lines;
    QList<Line> m_info;
    QString m_eol;
    bool m_changed = false;
};

} // namespace kt
