#include "dialogs/clientsetupdialog.h"

#include "files/textdiff.h"

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

ClientSetupDialog::ClientSetupDialog(const QString &apiKey, QWidget *parent)
    : QDialog(parent), m_apiKey(apiKey)
{
}

void ClientSetupDialog::setUp(const Texts &texts)
{
    m_texts = texts;
    setMinimumSize(640, 420);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(texts.intro, this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_pathLabel = new QLabel(this);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_pathLabel);
    m_fields = new QVBoxLayout;
    layout->addLayout(m_fields);

    m_diff = new QPlainTextEdit(this);
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setAccessibleName(texts.diffName);
    layout->addWidget(m_diff, 1);

    m_showKey = new QCheckBox(tr("Show the API key"), this);
    layout->addWidget(m_showKey);
    m_exportsLabel = new QLabel(this);
    m_exportsLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_exportsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportsLabel->setAccessibleName(tr("Shell command"));
    layout->addWidget(m_exportsLabel);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_undo = buttons->addButton(tr("&Undo"), QDialogButtonBox::ResetRole);
    m_exports = buttons->addButton(tr("Copy shell &exports"), QDialogButtonBox::ActionRole);
    m_exports->setToolTip(texts.exportsTip);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_showKey, &QCheckBox::toggled, this, &ClientSetupDialog::refresh);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const QString error = applyChange();
        m_status->setText(error.isEmpty() ? m_texts.saved : error);
    });
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const QString error = undoChange();
        m_status->setText(error.isEmpty() ? tr("The previous settings file is back.") : error);
    });
    connect(m_exports, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(shellExports());
        m_status->setText(tr("Shell exports copied to the clipboard."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ClientSetupDialog::masked(const QString &text) const
{
    if (m_showKey->isChecked() || m_apiKey.size() < 12)
        return text;
    QString out = text;
    return out.replace(m_apiKey, m_apiKey.left(6) + QStringLiteral("…") + m_apiKey.right(4));
}

void ClientSetupDialog::refresh()
{
    m_plan = plan();
    m_pathLabel->setText(tr("File: %1").arg(file().path()));
    m_exportsLabel->setText(masked(shellExports()).trimmed());
    if (!m_plan.error.isEmpty()) {
        m_diff->setPlainText(QString());
        m_status->setText(tr("%1. Nothing will be changed.").arg(m_plan.error));
    } else if (!m_plan.changes()) {
        m_diff->setPlainText(masked(QString::fromUtf8(m_plan.after)));
        m_status->setText(m_texts.configured);
    } else {
        const QStringList lines = TextDiff::compact(QString::fromUtf8(m_plan.before), QString::fromUtf8(m_plan.after), 3);
        m_diff->setPlainText(masked(lines.join(QLatin1Char('\n'))));
        m_status->setText(m_plan.fileExisted ? tr("Lines starting with + are added, - removed.")
                                             : tr("The file does not exist yet; it will be created."));
    }
    updateButtons();
}

QString ClientSetupDialog::applyChange()
{
    m_plan = plan();
    const QString error = file().apply(m_plan);
    refresh();
    return error;
}

QString ClientSetupDialog::undoChange()
{
    const QString error = file().undo();
    refresh();
    return error;
}

QString ClientSetupDialog::diffText() const
{
    return m_diff->toPlainText();
}

QString ClientSetupDialog::statusText() const
{
    return m_status->text();
}

QString ClientSetupDialog::exportsText() const
{
    return m_exportsLabel->text();
}

void ClientSetupDialog::updateButtons()
{
    m_apply->setEnabled(m_plan.changes());
    m_undo->setEnabled(file().canUndo());
}

} // namespace kt
