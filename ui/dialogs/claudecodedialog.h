#pragma once
// "Configure Claude Code…": shows the exact change to ~/.claude/settings.json (its env block),
// applies it keeping every other setting and a backup, offers Undo and "Copy shell exports".
#include "files/claudecodesettings.h"
#include "dialogs/clientsetupdialog.h"

namespace kt {

class ClaudeCodeDialog : public ClientSetupDialog
{
    Q_OBJECT
public:
    ClaudeCodeDialog(const QString &baseUrl, const QString &apiKey, const QString &homeDir, QWidget *parent = nullptr);

protected:
    const ClientConfigFile &file() const override { return m_settings; }
    ClientConfigFile::Plan plan() const override;
    QString shellExports() const override;

private:
    QString m_baseUrl;
    QString m_apiKey;
    ClaudeCodeSettings m_settings;
};

} // namespace kt
