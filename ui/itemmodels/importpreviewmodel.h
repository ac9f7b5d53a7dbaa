#pragma once
// The import dialog's table: one row per detected entry with what the preview found (new,
// duplicate, rejected and why) and a checkbox to keep it; after the import, each entry's result.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace kt {

class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { EntryColumn, NameColumn, AuthColumn, RegionColumn, StatusColumn, DetailColumn, ColumnCount };

    struct Row {
        int entry = 0;            // index into the combined input
        QString source;
        QString name, authMethod, region, format;
        QString status;           // preview: new | duplicate | rejected; result: added | updated | rejected
        QString reason;
        bool checked = false;
        bool checkable = false;
    };

    explicit ImportPreviewModel(QObject *parent = nullptr);

    // A dry-run report (ImportReport::toJson); `sourceOf` labels each entry. Importable rows start checked.
    void setPreview(const QJsonObject &report, const std::function<QString(int)> &sourceOf);
    // The real import's report for the entries sent, in that order (`sent[i]` = entry of result i).
    void setResult(const QJsonObject &report, const QList<int> &sent);
    void clear();

    const QList<Row> &rows() const { return m_rows; }
    QList<int> checkedEntries() const;
    bool isResult() const { return m_result; }
    void setAllChecked(bool checked);

    static QString statusText(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void checkedChanged();

private:
    QList<Row> m_rows;
    bool m_result = false;
};

} // namespace kt
