#include "dialogs/claudecodedialog.h"

namespace kt {

ClaudeCodeDialog::ClaudeCodeDialog(const QString &baseUrl, const QString &apiKey, const QString &homeDir, QWidget *parent)
    : ClientSetupDialog(apiKey, parent), m_baseUrl(baseUrl), m_apiKey(apiKey), m_settings(homeDir)
{
    setWindowTitle(tr("Configure Claude Code"));
    Texts texts;
    texts.intro = tr("Claude Code reads its environment from the \"env\" block of its settings file. KiroTray sets "
                     "ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY there and leaves every other setting as it is. "
                     "The original file is kept so that Undo can put it back.");
    texts.diffName = tr("Change to the Claude Code settings file");
    texts.saved = tr("Saved. Restart Claude Code to use KiroTray.");
    texts.configured = tr("Claude Code already uses KiroTray at %1.").arg(baseUrl);
    texts.exportsTip = tr("For other tools: export ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY in a shell");
    setUp(texts);
    refresh();
}

ClientConfigFile::Plan ClaudeCodeDialog::plan() const
{
    return m_settings.plan(m_baseUrl, m_apiKey);
}

QString ClaudeCodeDialog::shellExports() const
{
    return ClaudeCodeSettings::shellExports(m_baseUrl, m_apiKey);
}

} // namespace kt
