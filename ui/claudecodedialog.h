#pragma once
// "Configure Claude Code…": shows the exact change to ~/.claude/settings.json (its env block),
// applies it keeping every other setting and a backup, offers Undo and "Copy shell exports".
#include "claudecodesettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace kt {

class ClaudeCodeDialog : public QDialog
{
    Q_OBJECT
public:
    ClaudeCodeDialog(const QString &baseUrl, const QString &apiKey, const QString &homeDir, QWidget *parent = nullptr);

    void refresh();          // re-reads the file and shows what would change
    QString applyChange();   // error or empty
    QString undoChange();    // error or empty
    QString diffText() const;
    QString statusText() const;
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *undoButton() const { return m_undo; }

private:
    QString masked(const QString &text) const;
    void updateButtons();

    QString m_baseUrl;
    QString m_apiKey;
    ClaudeCodeSettings m_settings;
    ClaudeCodeSettings::Plan m_plan;
    QLabel *m_pathLabel;
    QPlainTextEdit *m_diff;
    QCheckBox *m_showKey;
    QLabel *m_status;
    QPushButton *m_apply;
    QPushButton *m_undo;
};

} // namespace kt
