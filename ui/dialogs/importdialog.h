#pragma once
// "Import accounts…": JSON from files, pasted text or the local Kiro IDE login is previewed entry
// by entry (nothing saved), then only the entries the user kept are imported and each one's result shown.
// The import goes to the service in batches, so a progress bar moves and the proxy serves requests
// in between, even for 10,000 entries. While it runs, the dialog does not close: Close (and Esc, and
// the window's close button) becomes "Stop", which ends it after the batch in flight and says how
// far it got. A proxy restarted meanwhile ends it with the same account of what was imported.
#include "files/importsources.h"

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace kt {

class ImportPreviewModel;
class ProxyService;
class ServiceMonitor;

class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Phase { Editing, Previewing, Previewed, Importing, Done };
    static constexpr int ImportBatch = 250;   // entries per call to the service

    explicit ImportDialog(ServiceMonitor *monitor, QWidget *parent = nullptr);

    void addFile(const QString &path);          // reads it now; an unreadable file shows its error
    void addSource(const QString &label, const QByteArray &json);
    void setPastedText(const QString &text);
    void addKiroIdeLogin();                     // ~/.aws/sso/cache/kiro-auth-token.json (+ companion)
    void preview();
    void importSelected();

    Phase phase() const { return m_phase; }
    ImportPreviewModel *model() const { return m_model; }
    QString message() const;
    QJsonObject lastReport() const { return m_lastReport; }
    QProgressBar *progressBar() const { return m_progress; }
    bool stopRequested() const { return m_stopRequested; }

public Q_SLOTS:
    void reject() override;   // while importing: stops after the batch in flight instead of closing

Q_SIGNALS:
    void phaseChanged(kt::ImportDialog::Phase phase);

private:
    void chooseFiles();
    void onImportFinished(const QJsonObject &report);
    void onServiceReplaced();
    ProxyService *serviceOrComplain();
    void sendNextBatch();
    void addBatchResult(const QJsonObject &report);
    void showImportResult(const QString &error);
    void invalidatePreview();
    void setPhase(Phase phase);
    void showMessage(const QString &text, bool error);
    void updateSourcesLabel();
    void updateButtons();

    ServiceMonitor *m_monitor;
    ImportSources m_files;       // files and the IDE login; the pasted text is added at preview time
    ImportSources m_combined;    // what the current preview was made of
    QList<int> m_sent;
    qsizetype m_batchStart = 0;   // the batch being imported: m_sent[m_batchStart, +m_batchSize)
    qsizetype m_batchSize = 0;
    QJsonArray m_results;         // the batches' entries so far, indexed into m_sent
    QJsonObject m_summary;        // their counts by status
    Phase m_phase = Phase::Editing;
    QJsonObject m_lastReport;
    bool m_stopRequested = false;

    QLabel *m_sourcesLabel;
    QPlainTextEdit *m_paste;
    QPushButton *m_filesButton;
    QPushButton *m_ideButton;
    QPushButton *m_clearButton;
    QPushButton *m_closeButton;
    QPushButton *m_previewButton;
    QPushButton *m_importButton;
    QLabel *m_message;
    QProgressBar *m_progress;
    QTableView *m_table;
    ImportPreviewModel *m_model;
};

} // namespace kt
