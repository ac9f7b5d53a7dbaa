#pragma once
// The Logs tab's table: the newest request log rows (time, account, model, stream, status,
// tokens, web searches, credits, duration), replaced as a whole by each query result.
#include "storage/requestrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace kt {

class LogsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, AccountColumn, ModelColumn, ServedModelColumn, StreamColumn, ConversationColumn, StatusColumn, InputColumn,
                  OutputColumn, SearchesColumn, CreditsColumn, DurationColumn, ColumnCount };

    explicit LogsModel(QObject *parent = nullptr);

    void setRecords(const QList<RequestRecord> &records);
    const QList<RequestRecord> &records() const { return m_records; }
    const RequestRecord *record(int row) const;

    // The text of the details pane for one row (everything the row holds, error included).
    static QString details(const RequestRecord &record);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RequestRecord> m_records;
};

} // namespace kt
