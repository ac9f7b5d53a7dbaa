#pragma once
// The shape shared by "Configure Claude Code…" and "Configure Codex…": the file to change, the
// exact change (API key masked until asked), Apply, Undo, and the shell command that sets the
// tool's environment variables, shown and copied. Subclasses say what the change is.
#include "files/clientconfigfile.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace kt {

class ClientSetupDialog : public QDialog
{
    Q_OBJECT
public:
    void refresh();          // re-reads the file and shows what would change
    QString applyChange();   // error or empty
    QString undoChange();    // error or empty
    QString diffText() const;
    QString statusText() const;
    QString exportsText() const;   // the shell command as shown (masked unless the key is shown)
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *undoButton() const { return m_undo; }
    QPushButton *exportsButton() const { return m_exports; }

protected:
    struct Texts {
        QString intro;          // what the dialog changes and what it keeps
        QString diffName;       // accessible name of the change view
        QString saved;          // after Apply
        QString configured;     // when the file already holds the change
        QString exportsTip;     // tooltip of the copy button
    };
    ClientSetupDialog(const QString &apiKey, QWidget *parent);
    // Builds the layout; subclasses call it from their constructor, then refresh().
    void setUp(const Texts &texts);
    QVBoxLayout *fieldsLayout() const { return m_fields; }   // where a subclass adds its own fields

    virtual const ClientConfigFile &file() const = 0;
    virtual ClientConfigFile::Plan plan() const = 0;
    virtual QString shellExports() const = 0;

private:
    QString masked(const QString &text) const;
    void updateButtons();

    QString m_apiKey;
    Texts m_texts;
    ClientConfigFile::Plan m_plan;
    QLabel *m_pathLabel = nullptr;
    QVBoxLayout *m_fields = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QCheckBox *m_showKey = nullptr;
    QLabel *m_exportsLabel = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_exports = nullptr;
};

} // namespace kt
