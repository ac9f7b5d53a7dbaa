#include "claudecodedialog.h"

#include "textdiff.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kt {

ClaudeCodeDialog::ClaudeCodeDialog(const QString &baseUrl, const QString &apiKey, const QString &homeDir, QWidget *parent)
    : QDialog(parent), m_baseUrl(baseUrl), m_apiKey(apiKey), m_settings(homeDir)
{
    setWindowTitle(tr("Configure Claude Code"));
    setMinimumSize(640, 420);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Claude Code reads its environment from the \"env\" block of its settings file. KiroTray sets "
                                "ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY there and leaves every other setting as it is. "
                                "The original file is kept so that Undo can put it back."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_pathLabel = new QLabel(this);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_pathLabel);

    m_diff = new QPlainTextEdit(this);
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setAccessibleName(tr("Change to the Claude Code settings file"));
    layout->addWidget(m_diff, 1);

    m_showKey = new QCheckBox(tr("Show the API key"), this);
    layout->addWidget(m_showKey);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_undo = buttons->addButton(tr("&Undo"), QDialogButtonBox::ResetRole);
    auto *exports = buttons->addButton(tr("Copy shell &exports"), QDialogButtonBox::ActionRole);
    exports->setToolTip(tr("For other tools: export ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY in a shell"));
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_showKey, &QCheckBox::toggled, this, &ClaudeCodeDialog::refresh);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const QString error = applyChange();
        m_status->setText(error.isEmpty() ? tr("Saved. Restart Claude Code to use KiroTray.") : error);
    });
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const QString error = undoChange();
        m_status->setText(error.isEmpty() ? tr("The previous settings file is back.") : error);
    });
    connect(exports, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(ClaudeCodeSettings::shellExports(m_baseUrl, m_apiKey));
        m_status->setText(tr("Shell exports copied to the clipboard."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refresh();
}

QString ClaudeCodeDialog::masked(const QString &text) const
{
    if (m_showKey->isChecked() || m_apiKey.size() < 12)
        return text;
    QString out = text;
    return out.replace(m_apiKey, m_apiKey.left(6) + QStringLiteral("…") + m_apiKey.right(4));
}

void ClaudeCodeDialog::refresh()
{
    m_plan = m_settings.plan(m_baseUrl, m_apiKey);
    m_pathLabel->setText(tr("File: %1").arg(m_settings.settingsPath()));
    if (!m_plan.error.isEmpty()) {
        m_diff->setPlainText(QString());
        m_status->setText(tr("%1. Nothing will be changed.").arg(m_plan.error));
    } else if (!m_plan.changes()) {
        m_diff->setPlainText(masked(QString::fromUtf8(m_plan.after)));
        m_status->setText(tr("Claude Code already uses KiroTray at %1.").arg(m_baseUrl));
    } else {
        const QStringList lines = TextDiff::compact(QString::fromUtf8(m_plan.before), QString::fromUtf8(m_plan.after), 3);
        m_diff->setPlainText(masked(lines.join(QLatin1Char('\n'))));
        m_status->setText(m_plan.fileExisted ? tr("Lines starting with + are added, - removed.")
                                             : tr("The file does not exist yet; it will be created."));
    }
    updateButtons();
}

QString ClaudeCodeDialog::applyChange()
{
    m_plan = m_settings.plan(m_baseUrl, m_apiKey);
    const QString error = m_settings.apply(m_plan);
    refresh();
    return error;
}

QString ClaudeCodeDialog::undoChange()
{
    const QString error = m_settings.undo();
    refresh();
    return error;
}

QString ClaudeCodeDialog::diffText() const
{
    return m_diff->toPlainText();
}

QString ClaudeCodeDialog::statusText() const
{
    return m_status->text();
}

void ClaudeCodeDialog::updateButtons()
{
    m_apply->setEnabled(m_plan.changes());
    m_undo->setEnabled(m_settings.canUndo());
}

} // namespace kt
