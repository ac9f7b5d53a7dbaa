#include "dialogs/addaccountdialog.h"

#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kt {

AddAccountDialog::AddAccountDialog(ServiceMonitor *monitor, QWidget *parent) : QDialog(parent), m_monitor(monitor)
{
    setWindowTitle(tr("Add account"));
    setMinimumWidth(480);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_method = new QComboBox(this);
    m_method->addItem(tr("Social login (Google, GitHub)"), QStringLiteral("social"));
    m_method->addItem(tr("AWS Builder ID / IAM Identity Center"), QStringLiteral("idc"));
    m_refreshToken = new QLineEdit(this);
    m_refreshToken->setEchoMode(QLineEdit::Password);
    m_refreshToken->setPlaceholderText(QStringLiteral("aorAAAAA…"));
    m_clientId = new QLineEdit(this);
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_region = new QLineEdit(this);
    m_region->setPlaceholderText(m_monitor->service() ? m_monitor->service()->config().region : QStringLiteral("us-east-1"));
    form->addRow(tr("&Login type:"), m_method);
    form->addRow(tr("&Refresh token:"), m_refreshToken);
    m_clientIdLabel = new QLabel(tr("Client &ID:"), this);
    m_clientIdLabel->setBuddy(m_clientId);
    form->addRow(m_clientIdLabel, m_clientId);
    m_clientSecretLabel = new QLabel(tr("Client &secret:"), this);
    m_clientSecretLabel->setBuddy(m_clientSecret);
    form->addRow(m_clientSecretLabel, m_clientSecret);
    form->addRow(tr("Re&gion:"), m_region);
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    m_add->setDefault(true);
    layout->addWidget(buttons);

    m_refreshToken->setAccessibleName(tr("Refresh token"));
    m_clientId->setAccessibleName(tr("Client ID"));
    m_clientSecret->setAccessibleName(tr("Client secret"));
    m_region->setAccessibleName(tr("Region"));

    connect(m_method, &QComboBox::currentIndexChanged, this, &AddAccountDialog::updateFields);
    connect(m_add, &QPushButton::clicked, this, &AddAccountDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_monitor, &ServiceMonitor::importFinished, this, &AddAccountDialog::onImportFinished);
    updateFields();
}

QJsonObject AddAccountDialog::credentialJson() const
{
    QJsonObject o{{QStringLiteral("refreshToken"), m_refreshToken->text().trimmed()},
                  {QStringLiteral("authMethod"), m_method->currentData().toString()}};
    if (m_method->currentData().toString() == QLatin1String("idc")) {
        o.insert(QStringLiteral("clientId"), m_clientId->text().trimmed());
        o.insert(QStringLiteral("clientSecret"), m_clientSecret->text().trimmed());
    }
    if (!m_region->text().trimmed().isEmpty())
        o.insert(QStringLiteral("region"), m_region->text().trimmed());
    return o;
}

void AddAccountDialog::submit()
{
    if (m_waiting || !m_monitor->service())
        return;
    if (m_refreshToken->text().trimmed().isEmpty()) {
        m_message->setText(tr("Enter the account's refresh token."));
        m_refreshToken->setFocus();
        return;
    }
    m_waiting = true;
    m_add->setEnabled(false);
    m_message->setText(tr("Adding…"));
    m_monitor->service()->importAccounts(QJsonDocument(QJsonArray{credentialJson()}).toJson(QJsonDocument::Compact), false);
}

void AddAccountDialog::onImportFinished(const QJsonObject &report)
{
    if (!m_waiting || report.value(QLatin1String("dryRun")).toBool())
        return;
    m_waiting = false;
    m_add->setEnabled(true);
    const QJsonObject entry = report.value(QLatin1String("entries")).toArray().first().toObject();
    const QString status = entry.value(QLatin1String("status")).toString();
    if (status == QLatin1String("added") || status == QLatin1String("updated")) {
        accept();
        return;
    }
    QString reason = entry.value(QLatin1String("reason")).toString();
    if (reason.isEmpty())
        reason = report.value(QLatin1String("error")).toString();
    m_message->setText(tr("Not added: %1").arg(reason));
}

void AddAccountDialog::updateFields()
{
    const bool idc = m_method->currentData().toString() == QLatin1String("idc");
    for (QWidget *w : {static_cast<QWidget *>(m_clientId), static_cast<QWidget *>(m_clientSecret),
                       static_cast<QWidget *>(m_clientIdLabel), static_cast<QWidget *>(m_clientSecretLabel)})
        w->setVisible(idc);
}

} // namespace kt
