#pragma once
// The models assumed when an account's catalogue could not be fetched (yet): the table KiroTray
// shipped before it read ListAvailableModels. README "Model ids" documents it.
#include "models/modelcatalogue.h"

namespace kt {

class FallbackModels
{
public:
    // claude-sonnet-4.6 and claude-opus-4.6 (1 000 000-token window), claude-opus-4.5,
    // claude-sonnet-4.5 and claude-haiku-4.5 (200 000); 64 000 output tokens each; no request-field schema.
    static const QList<KiroModel> &models();
    static constexpr qint64 DefaultContextWindow = 200'000;   // for a model whose window nobody states
    // The table's window for that id, else DefaultContextWindow.
    static qint64 contextWindow(const QString &kiroModelId);
};

} // namespace kt
