#pragma once
// The import dialog's input: JSON texts from files, the clipboard or the local Kiro IDE, each
// checked to be JSON and flattened into one array of entries so that a single preview covers all
// of them and "import selected" can send exactly the entries the user kept.
#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>

namespace kt {

class ImportSources
{
public:
    struct Source {
        QString label;        // file name, "Pasted text", "Kiro IDE on this computer"
        QByteArray json;
    };

    void add(const QString &label, const QByteArray &json);
    void clear();
    bool isEmpty() const { return m_sources.isEmpty(); }
    const QList<Source> &sources() const { return m_sources; }

    // Builds the combined entries; false + a readable error naming the source when one is not JSON
    // or holds no entry. Top-level arrays and {"accounts":[...]} contribute each element; an object, itself.
    bool combine(QString *error);
    const QJsonArray &entries() const { return m_entries; }
    QString sourceOf(int entryIndex) const;   // the label of the source an entry came from
    QByteArray combinedJson() const;          // the whole array
    QByteArray selectedJson(const QList<int> &entryIndexes) const;   // only those entries, in that order

private:
    QList<Source> m_sources;
    QJsonArray m_entries;
    QList<int> m_entrySource;
};

} // namespace kt
