#include "files/importsources.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace kt {

void ImportSources::add(const QString &label, const QByteArray &json)
{
    m_sources.append({label, json});
}

void ImportSources::clear()
{
    m_sources.clear();
    m_entries = {};
    m_entrySource.clear();
}

bool ImportSources::combine(QString *error)
{
    m_entries = {};
    m_entrySource.clear();
    for (qsizetype s = 0; s < m_sources.size(); ++s) {
        const Source &source = m_sources.at(s);
        if (source.json.trimmed().isEmpty()) {
            *error = QCoreApplication::translate("kt::ImportSources", "%1 is empty").arg(source.label);
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(source.json, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QCoreApplication::translate("kt::ImportSources", "%1 is not valid JSON (at character %2: %3)")
                         .arg(source.label).arg(parseError.offset).arg(parseError.errorString());
            return false;
        }
        QJsonArray items;
        if (!doc.isArray() && !doc.isObject()) {
            *error = QCoreApplication::translate("kt::ImportSources", "%1 holds no account").arg(source.label);
            return false;
        }
        if (doc.isArray())
            items = doc.array();
        else if (doc.object().value(QLatin1String("accounts")).isArray())
            items = doc.object().value(QLatin1String("accounts")).toArray();
        else
            items.append(doc.object());
        if (items.isEmpty()) {
            *error = QCoreApplication::translate("kt::ImportSources", "%1 holds no account").arg(source.label);
            return false;
        }
        for (const QJsonValue &item : std::as_const(items)) {
            m_entries.append(item);
            m_entrySource.append(int(s));
        }
    }
    if (m_entries.isEmpty()) {
        *error = QCoreApplication::translate("kt::ImportSources", "Nothing to import: choose a file or paste JSON first");
        return false;
    }
    return true;
}

QString ImportSources::sourceOf(int entryIndex) const
{
    if (entryIndex < 0 || entryIndex >= m_entrySource.size())
        return {};
    return m_sources.at(m_entrySource.at(entryIndex)).label;
}

QByteArray ImportSources::combinedJson() const
{
    return QJsonDocument(m_entries).toJson(QJsonDocument::Compact);
}

QByteArray ImportSources::selectedJson(const QList<int> &entryIndexes) const
{
    QJsonArray out;
    for (int i : entryIndexes) {
        if (i >= 0 && i < m_entries.size())
            out.append(m_entries.at(i));
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace kt
