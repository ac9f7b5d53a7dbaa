#include "pages/logspage.h"

#include "files/logcsv.h"
#include "itemmodels/logsmodel.h"
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace kt {

LogsPage::LogsPage(ServiceMonitor *monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_model(new LogsModel(this)), m_tag(ServiceMonitor::nextTag()),
      m_exportTag(ServiceMonitor::nextTag())
{
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    m_account = new QComboBox(this);
    m_account->setAccessibleName(tr("Filter by account"));
    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Filter by status"));
    m_status->addItem(tr("Any status"), 0);
    m_status->addItem(tr("Succeeded (2xx)"), 2);
    m_status->addItem(tr("Client errors (4xx)"), 4);
    m_status->addItem(tr("Server errors (5xx)"), 5);
    m_status->addItem(tr("Rate limited (429)"), 429);
    m_status->addItem(tr("Client went away (499)"), 499);
    m_modelFilter = new QComboBox(this);
    m_modelFilter->setAccessibleName(tr("Filter by model"));
    m_modelFilter->setMinimumContentsLength(18);
    auto *accountLabel = new QLabel(tr("A&ccount:"), this);
    accountLabel->setBuddy(m_account);
    auto *statusLabel = new QLabel(tr("S&tatus:"), this);
    statusLabel->setBuddy(m_status);
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_modelFilter);
    auto *exportButton = new QPushButton(tr("&Export CSV…"), this);
    filters->addWidget(accountLabel);
    filters->addWidget(m_account);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    filters->addWidget(modelLabel);
    filters->addWidget(m_modelFilter);
    filters->addStretch();
    filters->addWidget(exportButton);
    layout->addLayout(filters);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(splitter);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Requests"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LogsModel::ModelColumn, QHeaderView::Stretch);
    m_details = new QPlainTextEdit(splitter);
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Request details"));
    m_details->setPlaceholderText(tr("Select a request to see its details."));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    m_summary = new QLabel(this);
    layout->addWidget(m_summary);

    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(300);
    connect(&m_reloadTimer, &QTimer::timeout, this, &LogsPage::reload);
    for (QComboBox *box : {m_account, m_status, m_modelFilter})
        connect(box, &QComboBox::activated, this, &LogsPage::reload);
    connect(exportButton, &QPushButton::clicked, this, &LogsPage::chooseExportFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LogsPage::showDetails);
    connect(m_monitor, &ServiceMonitor::logsReady, this, &LogsPage::onLogsReady);
    connect(m_monitor, &ServiceMonitor::requestFinished, this, [this] { m_reloadTimer.start(); });
    connect(m_monitor, &ServiceMonitor::accountsChanged, this, &LogsPage::updateAccountFilter);
    connect(m_monitor, &ServiceMonitor::accountsUpdated, this, [this](const QList<qint64> &ids) {
        for (const qint64 id : ids) {
            const Account *a = m_monitor->account(id);
            if (a && m_accountNames.value(id) != (a->name.isEmpty() ? a->credential.displayName() : a->name))
                return updateAccountFilter();   // a rename; other changes leave the filter as it is
        }
    });
    connect(m_monitor, &ServiceMonitor::statsChanged, this, &LogsPage::updateModelFilter);
    auto *refreshKey = new QShortcut(QKeySequence::Refresh, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &LogsPage::reload);
    updateAccountFilter();
    updateModelFilter();
    reload();
}

LogFilter LogsPage::filter() const
{
    LogFilter f;
    f.limit = Shown;
    f.accountId = m_account->currentData().toLongLong();
    f.status = m_status->currentData().toInt();
    f.model = m_modelFilter->currentData().toString();
    return f;
}

void LogsPage::setFilter(qint64 accountId, int status, const QString &model)
{
    m_account->setCurrentIndex(std::max(0, m_account->findData(accountId)));
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    int modelIndex = m_modelFilter->findData(model);
    if (modelIndex < 0 && !model.isEmpty()) {
        m_modelFilter->addItem(model, model);
        modelIndex = m_modelFilter->count() - 1;
    }
    m_modelFilter->setCurrentIndex(std::max(0, modelIndex));
    reload();
}

void LogsPage::reload()
{
    if (m_monitor->service())
        m_monitor->service()->queryLogs(m_tag, filter());
}

void LogsPage::onLogsReady(int tag, const QList<RequestRecord> &records)
{
    if (tag == m_exportTag) {
        const QString error = LogCsv::write(m_exportPath, records);
        m_summary->setText(error.isEmpty() ? tr("Exported %n requests to %1.", nullptr, int(records.size())).arg(m_exportPath) : error);
        Q_EMIT exportFinished(error);
        return;
    }
    if (tag != m_tag)
        return;
    // Keep the selected request selected across live updates (rows shift as new ones arrive).
    const RequestRecord *current = m_model->record(m_table->currentIndex().row());
    const QDateTime selectedTime = current ? current->time : QDateTime();
    m_model->setRecords(records);
    for (int row = 0; selectedTime.isValid() && row < records.size(); ++row) {
        if (records.at(row).time == selectedTime) {
            m_table->selectRow(row);
            break;
        }
    }
    m_summary->setText(records.isEmpty() ? tr("No request matches.") : tr("Showing the newest %n requests.", nullptr, int(records.size())));
    showDetails();
    Q_EMIT reloaded();
}

void LogsPage::updateAccountFilter()
{
    // Accounts change often (state, quota, counters) but their names and ids rarely: rebuild only then.
    QList<QPair<qint64, QString>> entries;
    for (const Account &a : m_monitor->accounts())
        entries.append({a.id(), a.name.isEmpty() ? a.credential.displayName() : a.name});
    if (entries == m_accountEntries && m_account->count() > 0)
        return;
    m_accountEntries = entries;
    m_accountNames.clear();
    for (const auto &[id, name] : std::as_const(m_accountEntries))
        m_accountNames.insert(id, name);
    const qint64 current = m_account->currentData().toLongLong();
    const QSignalBlocker blocker(m_account);
    m_account->clear();
    m_account->addItem(tr("All accounts"), qint64(0));
    for (const auto &[id, name] : std::as_const(m_accountEntries))
        m_account->addItem(name, id);
    m_account->setCurrentIndex(std::max(0, m_account->findData(current)));
}

void LogsPage::updateModelFilter()
{
    const QString current = m_modelFilter->currentData().toString();
    QStringList models;
    for (const QJsonValue &v : m_monitor->stats().value(QLatin1String("perModel")).toArray()) {
        const QString model = v.toObject().value(QLatin1String("model")).toString();
        if (!model.isEmpty())
            models.append(model);
    }
    if (!current.isEmpty() && !models.contains(current))
        models.append(current);
    models.sort();
    const QSignalBlocker blocker(m_modelFilter);
    m_modelFilter->clear();
    m_modelFilter->addItem(tr("All models"), QString());
    for (const QString &m : std::as_const(models))
        m_modelFilter->addItem(m, m);
    m_modelFilter->setCurrentIndex(std::max(0, m_modelFilter->findData(current)));
}

QString LogsPage::detailsText() const
{
    return m_details->toPlainText();
}

void LogsPage::showDetails()
{
    const RequestRecord *r = m_model->record(m_table->currentIndex().row());
    m_details->setPlainText(r && m_table->selectionModel()->hasSelection() ? LogsModel::details(*r) : QString());
}

void LogsPage::exportCsv(const QString &path)
{
    if (!m_monitor->service())
        return;
    m_exportPath = path;
    LogFilter f = filter();
    f.limit = 1000;
    m_monitor->service()->queryLogs(m_exportTag, f);
}

void LogsPage::chooseExportFile()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export requests"), dir + QStringLiteral("/kirotray-requests.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace kt
