#pragma once
// The Logs tab: the newest 100 requests with filters by account, status and model, a details pane
// with the error message, live updates as requests finish, and export to CSV.
#include "storage/logfilter.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace kt {

class LogsModel;
class ServiceMonitor;
struct RequestRecord;

class LogsPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Shown = 100;

    explicit LogsPage(ServiceMonitor *monitor, QWidget *parent = nullptr);

    LogFilter filter() const;
    void setFilter(qint64 accountId, int status, const QString &model);
    void reload();
    // Writes the rows matching the filters (up to 1000) to `path`; the result comes in exportFinished.
    void exportCsv(const QString &path);

    LogsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString detailsText() const;

Q_SIGNALS:
    void reloaded();
    void exportFinished(const QString &error);

private:
    void onLogsReady(int tag, const QList<kt::RequestRecord> &records);
    void updateAccountFilter();
    void updateModelFilter();
    void showDetails();
    void chooseExportFile();

    ServiceMonitor *m_monitor;
    LogsModel *m_model;
    QComboBox *m_account;
    QComboBox *m_status;
    QComboBox *m_modelFilter;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_summary;
    QTimer m_reloadTimer;
    int m_tag;
    int m_exportTag;
    QString m_exportPath;
    QList<QPair<qint64, QString>> m_accountEntries;
    QHash<qint64, QString> m_accountNames;   // the same, by id
};

} // namespace kt
