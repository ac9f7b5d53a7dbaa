#include "dialogs/codexdialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QVBoxLayout>

namespace kt {

CodexDialog::CodexDialog(const QString &baseUrl, const QString &apiKey, const QString &codexHome, const QStringList &models,
                         const QString &defaultModel, QWidget *parent)
    : ClientSetupDialog(apiKey, parent), m_baseUrl(baseUrl), m_apiKey(apiKey), m_config(codexHome)
{
    setWindowTitle(tr("Configure Codex"));
    Texts texts;
    texts.intro = tr("Codex CLI reads its model providers from config.toml. KiroTray adds a \"%1\" provider that speaks "
                     "the Responses API to the proxy, makes it the default with the model chosen below, and leaves every "
                     "other setting as it is. Codex reads the API key from the %2 environment variable: set it in the "
                     "shell that runs codex. The original file is kept so that Undo can put it back.")
                      .arg(CodexConfig::providerId, CodexConfig::envKey);
    texts.diffName = tr("Change to the Codex configuration file");
    texts.saved = tr("Saved. Set %1 in the shell that runs codex (Copy shell exports), then start codex.").arg(CodexConfig::envKey);
    texts.exportsTip = tr("Copy the command that sets %1, where Codex reads the KiroTray API key from").arg(CodexConfig::envKey);
    m_model = new QComboBox(this);
    m_model->setEditable(true);
    m_model->addItems(models);
    const QString current = m_config.currentModel();
    m_model->setCurrentText(!current.isEmpty() ? current : !defaultModel.isEmpty() ? defaultModel : models.value(0));
    texts.configured = tr("Codex already uses KiroTray at %1.").arg(baseUrl);
    setUp(texts);
    auto *form = new QFormLayout;
    form->addRow(tr("&Model:"), m_model);
    fieldsLayout()->addLayout(form);
    connect(m_model, &QComboBox::currentTextChanged, this, &CodexDialog::refresh);
    refresh();
}

QString CodexDialog::model() const
{
    return m_model->currentText().trimmed();
}

ClientConfigFile::Plan CodexDialog::plan() const
{
    if (model().isEmpty()) {
        ClientConfigFile::Plan none;
        none.error = tr("Choose a model");
        return none;
    }
    return m_config.plan(m_baseUrl, model());
}

QString CodexDialog::shellExports() const
{
    return CodexConfig::shellExports(m_apiKey);
}

} // namespace kt
