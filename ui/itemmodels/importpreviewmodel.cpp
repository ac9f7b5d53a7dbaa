#include "itemmodels/importpreviewmodel.h"

#include "style/contrast.h"

#include <QColor>
#include <QHash>
#include <QJsonArray>

namespace kt {

namespace {

ImportPreviewModel::Row rowFrom(const QJsonObject &e)
{
    ImportPreviewModel::Row row;
    row.entry = e.value(QLatin1String("index")).toInt();
    row.name = e.value(QLatin1String("name")).toString();
    row.authMethod = e.value(QLatin1String("authMethod")).toString();
    row.region = e.value(QLatin1String("region")).toString();
    row.format = e.value(QLatin1String("format")).toString();
    row.status = e.value(QLatin1String("status")).toString();
    row.reason = e.value(QLatin1String("reason")).toString();
    return row;
}

} // namespace

ImportPreviewModel::ImportPreviewModel(QObject *parent) : QAbstractTableModel(parent)
{
}

QString ImportPreviewModel::statusText(const QString &status)
{
    if (status == QLatin1String("new"))
        return tr("New");
    if (status == QLatin1String("duplicate"))
        return tr("Already imported (will update)");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    if (status == QLatin1String("added"))
        return tr("Added");
    if (status == QLatin1String("updated"))
        return tr("Updated");
    if (status == QLatin1String("skipped"))
        return tr("Not selected");
    if (status == QLatin1String("notImported"))
        return tr("Not imported (stopped)");
    return status;
}

void ImportPreviewModel::setPreview(const QJsonObject &report, const std::function<QString(int)> &sourceOf)
{
    beginResetModel();
    m_rows.clear();
    m_result = false;
    for (const QJsonValue &v : report.value(QLatin1String("entries")).toArray()) {
        Row row = rowFrom(v.toObject());
        row.source = sourceOf ? sourceOf(row.entry) : QString();
        row.checkable = row.status != QLatin1String("rejected");
        row.checked = row.checkable;
        m_rows.append(row);
    }
    endResetModel();
    Q_EMIT checkedChanged();
}

void ImportPreviewModel::setResult(const QJsonObject &report, const QList<int> &sent)
{
    beginResetModel();
    m_result = true;
    const QJsonArray entries = report.value(QLatin1String("entries")).toArray();
    for (Row &row : m_rows) {
        const bool leftOut = row.checkable && !row.checked;   // rejected rows keep their reason
        row.checkable = false;
        if (leftOut) {
            row.status = QStringLiteral("skipped");
            row.reason.clear();
        }
    }
    QHash<int, qsizetype> rowOfEntry;   // 10,000 entries: no scan of every row per result
    rowOfEntry.reserve(m_rows.size());
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        rowOfEntry.insert(m_rows.at(i).entry, i);
    QList<bool> answered(sent.size(), false);
    for (const QJsonValue &v : entries) {
        const Row result = rowFrom(v.toObject());
        if (result.entry < 0 || result.entry >= sent.size() || !rowOfEntry.contains(sent.at(result.entry)))
            continue;
        answered[result.entry] = true;
        Row &row = m_rows[rowOfEntry.value(sent.at(result.entry))];
        row.status = result.status;
        row.reason = result.reason;
        if (!result.name.isEmpty())
            row.name = result.name;
    }
    // Kept but never answered: the import was stopped (or the proxy restarted) before their batch.
    for (qsizetype i = 0; i < sent.size(); ++i) {
        if (!answered.at(i) && rowOfEntry.contains(sent.at(i))) {
            Row &row = m_rows[rowOfEntry.value(sent.at(i))];
            row.status = QStringLiteral("notImported");
            row.reason.clear();
        }
    }
    endResetModel();
    Q_EMIT checkedChanged();
}

void ImportPreviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_result = false;
    endResetModel();
    Q_EMIT checkedChanged();
}

QList<int> ImportPreviewModel::checkedEntries() const
{
    QList<int> out;
    for (const Row &row : m_rows) {
        if (row.checkable && row.checked)
            out.append(row.entry);
    }
    return out;
}

void ImportPreviewModel::setAllChecked(bool checked)
{
    for (Row &row : m_rows)
        row.checked = row.checkable && checked;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    if (role == Qt::CheckStateRole && column == EntryColumn && !m_result)
        return row.checked ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole && column == StatusColumn && row.status == QLatin1String("rejected"))
        return Contrast::onBase(Contrast::error());
    if (role == Qt::ToolTipRole && column == DetailColumn)
        return row.reason;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case EntryColumn: return row.source.isEmpty() ? QString::number(row.entry + 1) : QStringLiteral("%1 · %2").arg(row.source).arg(row.entry + 1);
    case NameColumn: return row.name;
    case AuthColumn: return row.authMethod;
    case RegionColumn: return row.region.isEmpty() && !row.name.isEmpty() ? tr("default") : row.region;
    case StatusColumn: return statusText(row.status);
    case DetailColumn: return row.reason;
    default: return {};
    }
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EntryColumn: return tr("Entry");
    case NameColumn: return tr("Name");
    case AuthColumn: return tr("Auth");
    case RegionColumn: return tr("Region");
    case StatusColumn: return tr("Result");
    case DetailColumn: return tr("Details");
    default: return {};
    }
}

Qt::ItemFlags ImportPreviewModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == EntryColumn && !m_result && m_rows.at(index.row()).checkable)
        f |= Qt::ItemIsUserCheckable;
    else if (index.isValid() && index.column() == EntryColumn && !m_result)
        f &= ~Qt::ItemIsEnabled;
    return f;
}

bool ImportPreviewModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != EntryColumn || m_result)
        return false;
    Row &row = m_rows[index.row()];
    if (!row.checkable)
        return false;
    row.checked = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT checkedChanged();
    return true;
}

} // namespace kt
