#include "models/fallbackmodels.h"

namespace kt {

const QList<KiroModel> &FallbackModels::models()
{
    static const QList<KiroModel> list = [] {
        struct Row {
            const char *id;
            const char *name;
            qint64 window;
            qint64 created;   // release date, midnight UTC
        };
        const Row rows[] = {
            {"claude-sonnet-4.6", "Claude Sonnet 4.6", 1'000'000, 1771286400},
            {"claude-opus-4.6", "Claude Opus 4.6", 1'000'000, 1770163200},
            {"claude-opus-4.5", "Claude Opus 4.5", 200'000, 1763942400},
            {"claude-haiku-4.5", "Claude Haiku 4.5", 200'000, 1760486400},
            {"claude-sonnet-4.5", "Claude Sonnet 4.5", 200'000, 1759104000},
        };
        QList<KiroModel> out;
        for (const Row &r : rows) {
            KiroModel m;
            m.id = QString::fromLatin1(r.id);
            m.name = QString::fromLatin1(r.name);
            m.maxInputTokens = r.window;
            m.maxOutputTokens = 64000;
            m.inputTypes = {QStringLiteral("TEXT"), QStringLiteral("IMAGE")};
            m.created = r.created;
            out.append(m);
        }
        return out;
    }();
    return list;
}

qint64 FallbackModels::contextWindow(const QString &kiroModelId)
{
    for (const KiroModel &m : models()) {
        if (m.id == kiroModelId)
            return m.maxInputTokens;
    }
    return DefaultContextWindow;
}

} // namespace kt
