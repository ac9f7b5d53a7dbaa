#pragma once
// Points Codex CLI at this proxy: in $CODEX_HOME/config.toml (default ~/.codex/config.toml) a
// [model_providers.kirotray] table speaking the Responses API to KiroTray's /v1, with the API key
// read from the KIROTRAY_API_KEY environment variable, and the top-level model_provider and model.
// Every other line of the file stays as it is; Undo puts the original back.
#include "files/clientconfigfile.h"

namespace kt {

class CodexConfig : public ClientConfigFile
{
public:
    explicit CodexConfig(const QString &codexHome);

    static QString defaultHome();   // $CODEX_HOME, else <home>/.codex
    static const QString providerId;   // "kirotray"
    static const QString envKey;       // "KIROTRAY_API_KEY"

    Plan plan(const QString &baseUrl, const QString &model) const;
    // The model the file asks KiroTray for; empty unless it uses KiroTray's provider.
    QString currentModel() const;

    // The file's text with KiroTray's settings in it; returns an error (after unset) or empty.
    static QString edit(const QByteArray &before, const QString &baseUrl, const QString &model, QByteArray *after);
    static QString shellExports(const QString &apiKey, Shell shell = nativeShell);
};

} // namespace kt
