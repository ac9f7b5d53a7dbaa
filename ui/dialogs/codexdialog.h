#pragma once
// "Configure Codex…": shows the exact change to Codex's config.toml (a KiroTray model provider
// speaking the Responses API, and the model to ask for), applies it keeping every other setting and
// a backup, offers Undo and the command that sets the API key's environment variable.
#include "dialogs/clientsetupdialog.h"
#include "files/codexconfig.h"

class QComboBox;

namespace kt {

class CodexDialog : public ClientSetupDialog
{
    Q_OBJECT
public:
    // `models`: the ids the proxy serves, offered in the model field; `defaultModel` is chosen
    // unless the file already names one for KiroTray.
    CodexDialog(const QString &baseUrl, const QString &apiKey, const QString &codexHome, const QStringList &models,
                const QString &defaultModel, QWidget *parent = nullptr);

    QComboBox *modelBox() const { return m_model; }

protected:
    const ClientConfigFile &file() const override { return m_config; }
    ClientConfigFile::Plan plan() const override;
    QString shellExports() const override;

private:
    QString model() const;

    QString m_baseUrl;
    QString m_apiKey;
    CodexConfig m_config;
    QComboBox *m_model = nullptr;
};

} // namespace kt
