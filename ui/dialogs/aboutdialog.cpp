#include "dialogs/aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace kt {

AboutDialog::AboutDialog(const QString &dataDir, const QString &secretStore, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About KiroTray"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/kirotray.svg")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(QStringLiteral("<h2>KiroTray %1</h2>").arg(QStringLiteral(KIROTRAY_VERSION)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    auto *blurb = new QLabel(tr("A local Anthropic Messages API for your Kiro accounts, in the system tray."), this);
    blurb->setWordWrap(true);
    auto *details = new QLabel(summary(dataDir, secretStore).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")), this);
    details->setObjectName(QStringLiteral("aboutDetails"));
    details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    details->setWordWrap(true);
    auto *licence = new QLabel(tr("Released under the MIT License. This program comes with no warranty."), this);
    licence->setWordWrap(true);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(blurb);
    text->addWidget(details);
    text->addWidget(licence);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy details"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("aboutCopy"));
    connect(copy, &QPushButton::clicked, this, [dataDir, secretStore] {
        QApplication::clipboard()->setText(summary(dataDir, secretStore));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString AboutDialog::summary(const QString &dataDir, const QString &secretStore)
{
    QStringList lines;
    lines << tr("Version: %1").arg(QStringLiteral(KIROTRAY_VERSION));
    lines << tr("Qt: %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << tr("System: %1").arg(QSysInfo::prettyProductName());
    if (!dataDir.isEmpty())
        lines << tr("Data folder: %1").arg(dataDir);
    if (!secretStore.isEmpty())
        lines << tr("Secrets: %1").arg(secretStore);
    return lines.join(QLatin1Char('\n'));
}

} // namespace kt
