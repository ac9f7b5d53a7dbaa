#pragma once
// Which Kiro model serves a requested model id, by one rule (README "Model ids"):
//   0. the id is read case-insensitively without a client suffix such as "[1m]"; a "-thinking"
//      suffix is removed and turns thinking on;
//   1. an entry of modelAliases (config.json) for the id, with or without its suffixes, wins;
//   2. else the id itself, written the Kiro way (claude-opus-4-8-20260101 -> claude-opus-4.8,
//      claude-3-5-haiku-latest -> claude-haiku-3.5), when some account's catalogue lists it;
//   3. else, for a Claude id, the newest model of the same family (opus, sonnet, haiku, ...) that
//      some catalogue lists, never an older one while a newer is offered;
//   4. else 400 invalid_request_error naming the ids that are offered.
#include "models/modelcatalogue.h"

#include <QHash>
#include <variant>

namespace kt {

struct ModelName {
    QString base;         // lower case, without "[...]" and "-thinking"
    bool thinking = false;
    QString family;       // "opus", "sonnet", "haiku", "fable" for Claude ids; empty otherwise
    int major = -1;       // -1: no version in the id
    int minor = -1;
    QString kiroForm;     // claude-F-M.m / claude-F-M for Claude ids, else base
};

struct ResolvedModel {
    QString requested;    // as the client sent it
    QString kiroModelId;
    bool thinking = false;   // the id asked for thinking ("-thinking")
    QString rule;            // "alias" | "exact" | "family"
    KiroModel model;         // what the catalogues say about it (only the id when no catalogue lists it)
};

class ModelResolver
{
public:
    ModelResolver(const QList<KiroModel> &available, const QHash<QString, QString> &aliases);

    // The model, or the message of the 400 invalid_request_error that refuses the id.
    std::variant<ResolvedModel, QString> resolve(const QString &requested) const;
    static ModelName parse(const QString &id);

private:
    const KiroModel *find(const QString &id) const;
    const KiroModel *newestOfFamily(const QString &family) const;

    QList<KiroModel> m_available;
    QHash<QString, qsizetype> m_byId;
    QHash<QString, QString> m_aliases;   // lower-case keys
};

} // namespace kt
