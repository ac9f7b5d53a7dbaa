#pragma once
// Points Claude Code at this proxy by merging ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY into the
// "env" block of ~/.claude/settings.json, keeping every other setting, with a backup for Undo.
// The home folder is QDir::homePath(): %USERPROFILE% on Windows, where Claude Code looks too.
#include "files/clientconfigfile.h"

#include <QJsonObject>

namespace kt {

class ClaudeCodeSettings : public ClientConfigFile
{
public:
    explicit ClaudeCodeSettings(const QString &homeDir);

    QString settingsPath() const { return path(); }   // <home>/.claude/settings.json

    Plan plan(const QString &baseUrl, const QString &apiKey) const;

    static QJsonObject merged(const QJsonObject &settings, const QString &baseUrl, const QString &apiKey);
    static QString shellExports(const QString &baseUrl, const QString &apiKey, Shell shell = nativeShell);
};

} // namespace kt
