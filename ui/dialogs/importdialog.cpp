#include "dialogs/importdialog.h"

#include "accounts/kiroidecache.h"
#include "style/contrast.h"
#include "itemmodels/importpreviewmodel.h"
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace kt {

ImportDialog::ImportDialog(ServiceMonitor *monitor, QWidget *parent)
    : QDialog(parent), m_monitor(monitor), m_model(new ImportPreviewModel(this))
{
    setWindowTitle(tr("Import accounts"));
    setMinimumSize(720, 520);
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Import a Kiro IDE export, a kiro-rs credentials.json or a KiroTray/kiro pool accounts.json. "
                                "Every entry is checked first; nothing is saved until you press Import."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *sourceRow = new QHBoxLayout;
    m_filesButton = new QPushButton(tr("&Choose files…"), this);
    m_filesButton->setAccessibleName(tr("Choose JSON files to import"));
    m_ideButton = new QPushButton(tr("Import from this computer's &Kiro IDE"), this);
    m_ideButton->setAccessibleName(tr("Import the Kiro IDE login of this computer"));
    m_ideButton->setVisible(KiroIdeCache::exists());
    m_clearButton = new QPushButton(tr("C&lear"), this);
    sourceRow->addWidget(m_filesButton);
    sourceRow->addWidget(m_ideButton);
    sourceRow->addStretch();
    sourceRow->addWidget(m_clearButton);
    layout->addLayout(sourceRow);

    m_sourcesLabel = new QLabel(this);
    m_sourcesLabel->setWordWrap(true);
    layout->addWidget(m_sourcesLabel);

    m_paste = new QPlainTextEdit(this);
    m_paste->setPlaceholderText(tr("…or paste JSON here"));
    m_paste->setAccessibleName(tr("Pasted account JSON"));
    m_paste->setTabChangesFocus(true);
    m_paste->setMaximumHeight(110);
    layout->addWidget(m_paste);

    auto *previewRow = new QHBoxLayout;
    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setDefault(true);
    previewRow->addWidget(m_previewButton);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    previewRow->addWidget(m_message, 1);
    layout->addLayout(previewRow);

    m_progress = new QProgressBar(this);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->setAccessibleName(tr("Accounts imported so far"));
    m_progress->hide();
    layout->addWidget(m_progress);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Entries found"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_model, &QAbstractItemModel::modelReset, m_table, [this] {
        for (int c = 0; c < ImportPreviewModel::DetailColumn; ++c)
            m_table->resizeColumnToContents(c);
    });
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(tr("&Import selected"), QDialogButtonBox::ApplyRole);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_filesButton, &QPushButton::clicked, this, &ImportDialog::chooseFiles);
    connect(m_ideButton, &QPushButton::clicked, this, &ImportDialog::addKiroIdeLogin);
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        m_files.clear();
        m_paste->clear();
        invalidatePreview();
        updateSourcesLabel();
    });
    connect(m_paste, &QPlainTextEdit::textChanged, this, &ImportDialog::invalidatePreview);
    connect(m_previewButton, &QPushButton::clicked, this, &ImportDialog::preview);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::importSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_model, &ImportPreviewModel::checkedChanged, this, &ImportDialog::updateButtons);
    connect(m_monitor, &ServiceMonitor::importFinished, this, &ImportDialog::onImportFinished);
    connect(m_monitor, &ServiceMonitor::serviceReplaced, this, &ImportDialog::onServiceReplaced);
    updateSourcesLabel();
    updateButtons();
}

QString ImportDialog::message() const
{
    return m_message->text();
}

void ImportDialog::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Choose account files"), QString(),
                                                            tr("JSON files (*.json);;All files (*)"));
    for (const QString &path : paths)
        addFile(path);
}

void ImportDialog::addFile(const QString &path)
{
    QFile file(path);
    // Account files are a few kilobytes; anything huge is not one and is refused before reading.
    if (file.size() > 16 * 1024 * 1024) {
        showMessage(tr("%1 is too large to be an account file").arg(QFileInfo(path).fileName()), true);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString()), true);
        return;
    }
    addSource(QFileInfo(path).fileName(), file.readAll());
}

void ImportDialog::addSource(const QString &label, const QByteArray &json)
{
    m_files.add(label, json);
    invalidatePreview();
    updateSourcesLabel();
}

void ImportDialog::setPastedText(const QString &text)
{
    m_paste->setPlainText(text);
}

void ImportDialog::addKiroIdeLogin()
{
    const auto read = KiroIdeCache::read();
    if (const QString *error = std::get_if<QString>(&read)) {
        showMessage(*error, true);
        return;
    }
    addSource(tr("Kiro IDE on this computer"), std::get<QByteArray>(read));
}

void ImportDialog::preview()
{
    if (m_phase == Phase::Previewing || m_phase == Phase::Importing)
        return;
    m_combined = m_files;
    if (!m_paste->toPlainText().trimmed().isEmpty())
        m_combined.add(tr("Pasted text"), m_paste->toPlainText().toUtf8());
    QString error;
    if (!m_combined.combine(&error)) {
        m_model->clear();
        showMessage(error, true);
        setPhase(Phase::Editing);
        return;
    }
    ProxyService *service = serviceOrComplain();
    if (!service)
        return;
    showMessage(tr("Checking %n entries…", nullptr, int(m_combined.entries().size())), false);
    setPhase(Phase::Previewing);
    service->importAccounts(m_combined.combinedJson(), true);
}

void ImportDialog::importSelected()
{
    if (m_phase != Phase::Previewed)
        return;
    m_sent = m_model->checkedEntries();
    if (m_sent.isEmpty() || !serviceOrComplain())
        return;
    m_batchStart = m_batchSize = 0;
    m_stopRequested = false;
    m_results = {};
    m_summary = {};
    m_progress->setRange(0, int(m_sent.size()));
    m_progress->setValue(0);
    m_progress->show();
    showMessage(tr("Importing %n accounts…", nullptr, int(m_sent.size())), false);
    setPhase(Phase::Importing);
    sendNextBatch();
}

void ImportDialog::sendNextBatch()
{
    ProxyService *service = m_monitor->service();
    if (!service)
        return onServiceReplaced();
    m_batchSize = std::min<qsizetype>(ImportBatch, m_sent.size() - m_batchStart);
    service->importAccounts(m_combined.selectedJson(m_sent.mid(m_batchStart, m_batchSize)), false);
}

ProxyService *ImportDialog::serviceOrComplain()
{
    ProxyService *service = m_monitor->service();
    if (!service)
        showMessage(tr("The proxy is restarting; try again in a moment."), true);
    return service;
}

void ImportDialog::reject()
{
    if (m_phase != Phase::Importing)
        return QDialog::reject();
    if (m_stopRequested)
        return;
    m_stopRequested = true;
    showMessage(tr("Stopping after the batch being imported…"), false);
    updateButtons();
}

// The batch in flight was answered by the old service, whose reply is lost: what is known to be
// imported is reported, and the rest can be previewed and imported again.
void ImportDialog::onServiceReplaced()
{
    if (m_phase == Phase::Previewing) {
        showMessage(tr("The proxy restarted before the preview was ready; press Preview again."), true);
        setPhase(Phase::Editing);
    } else if (m_phase == Phase::Importing) {
        m_batchSize = 0;
        showImportResult(tr("The proxy restarted during the import: %1 of %2 entries had been imported when it did. "
                            "Preview again and import the rest.").arg(m_batchStart).arg(m_sent.size()));
    }
}

// A batch's entries are numbered from 0: renumbered into m_sent, and its counts added up.
void ImportDialog::addBatchResult(const QJsonObject &report)
{
    for (const QJsonValue &v : report.value(QLatin1String("entries")).toArray()) {
        QJsonObject entry = v.toObject();
        entry.insert(QStringLiteral("index"), entry.value(QLatin1String("index")).toInt() + int(m_batchStart));
        m_results.append(entry);
    }
    const QJsonObject summary = report.value(QLatin1String("summary")).toObject();
    for (auto it = summary.begin(); it != summary.end(); ++it)
        m_summary.insert(it.key(), m_summary.value(it.key()).toInt() + it.value().toInt());
    m_batchStart += m_batchSize;
    m_progress->setValue(int(m_batchStart));
}

void ImportDialog::onImportFinished(const QJsonObject &report)
{
    const bool dryRun = report.value(QLatin1String("dryRun")).toBool();
    if (!(m_phase == Phase::Previewing && dryRun) && !(m_phase == Phase::Importing && !dryRun))
        return;   // another caller's import, or a preview made stale by an edit
    m_lastReport = report;
    const QString error = report.value(QLatin1String("error")).toString();
    if (m_phase == Phase::Previewing) {
        m_model->setPreview(report, [this](int entry) { return m_combined.sources().size() > 1 ? m_combined.sourceOf(entry) : QString(); });
        if (!error.isEmpty()) {
            showMessage(error, true);
            setPhase(Phase::Editing);
            return;
        }
        const int importable = int(m_model->checkedEntries().size());
        const int rejected = int(m_model->rows().size()) - importable;
        showMessage(rejected ? tr("%n entries can be imported; ", nullptr, importable) + tr("%n rejected (see Details).", nullptr, rejected)
                             : tr("%n entries can be imported.", nullptr, importable),
                    importable == 0);
        setPhase(Phase::Previewed);
        return;
    }
    addBatchResult(report);
    if (error.isEmpty() && m_batchStart < m_sent.size() && !m_stopRequested)
        return sendNextBatch();
    if (error.isEmpty() && m_batchStart < m_sent.size())
        return showImportResult(tr("Stopped: %1 of %2 entries were imported (%3 added, %4 updated, %5 rejected); the rest were not sent.")
                                    .arg(m_batchStart).arg(m_sent.size())
                                    .arg(m_summary.value(QLatin1String("added")).toInt())
                                    .arg(m_summary.value(QLatin1String("updated")).toInt())
                                    .arg(m_summary.value(QLatin1String("rejected")).toInt()));
    showImportResult(error);
}

void ImportDialog::showImportResult(const QString &error)
{
    m_lastReport = QJsonObject{{QStringLiteral("dryRun"), false},
                               {QStringLiteral("entries"), m_results},
                               {QStringLiteral("summary"), m_summary},
                               {QStringLiteral("error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)}};
    m_model->setResult(m_lastReport, m_sent);
    m_progress->hide();
    const int added = m_summary.value(QLatin1String("added")).toInt();
    const int updated = m_summary.value(QLatin1String("updated")).toInt();
    const int rejected = m_summary.value(QLatin1String("rejected")).toInt();
    showMessage(error.isEmpty() ? tr("Done: %1 added, %2 updated, %3 rejected.").arg(added).arg(updated).arg(rejected) : error,
                !error.isEmpty() || (added + updated == 0));
    setPhase(Phase::Done);
}

void ImportDialog::invalidatePreview()
{
    if (m_phase == Phase::Editing)
        return;
    if (m_phase == Phase::Done)
        m_files.clear();   // a finished import starts over from scratch
    m_model->clear();
    m_message->clear();
    m_progress->hide();
    setPhase(Phase::Editing);
    updateSourcesLabel();
}

void ImportDialog::setPhase(Phase phase)
{
    m_phase = phase;
    updateButtons();
    Q_EMIT phaseChanged(phase);
}

void ImportDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette palette = m_message->parentWidget()->palette();
    if (error)
        palette.setColor(QPalette::WindowText, Contrast::readable(Contrast::error(), palette.color(QPalette::Window)));
    m_message->setPalette(palette);
}

void ImportDialog::updateSourcesLabel()
{
    QStringList names;
    for (const ImportSources::Source &s : m_files.sources())
        names.append(s.label);
    m_sourcesLabel->setText(names.isEmpty() ? tr("No file chosen.") : tr("Chosen: %1").arg(names.join(QStringLiteral(", "))));
}

void ImportDialog::updateButtons()
{
    const bool busy = m_phase == Phase::Previewing || m_phase == Phase::Importing;
    const bool importing = m_phase == Phase::Importing;
    m_previewButton->setEnabled(!busy);
    for (QPushButton *source : {m_filesButton, m_ideButton, m_clearButton})
        source->setEnabled(!importing);
    m_paste->setReadOnly(importing);
    m_closeButton->setText(importing ? tr("&Stop") : tr("Close"));
    m_closeButton->setEnabled(!(importing && m_stopRequested));
    m_importButton->setEnabled(m_phase == Phase::Previewed && !m_model->checkedEntries().isEmpty());
    m_importButton->setDefault(m_phase == Phase::Previewed);
    m_previewButton->setDefault(m_phase != Phase::Previewed);
}

} // namespace kt
