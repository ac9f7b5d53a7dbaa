#pragma once
// Reads one page of a ListAvailableModels answer (docs/protocol.md#model-catalogue), tolerating what peers
// say may be missing or renamed: entries under "models" or "availableModels", "modelId" or "id",
// no tokenLimits (KGP's "contextWindow" is read instead), no modelName, defaultModel as an object
// or a string. Entries without an id are skipped; duplicates keep the first.
#include "models/modelcatalogue.h"

#include <QByteArray>

namespace kt {

struct ModelListPage {
    QList<KiroModel> models;
    QString defaultModel;
    QString nextToken;   // empty on the last page
    QString error;       // non-empty when the body is not a JSON object
};

class ModelListParser
{
public:
    static ModelListPage parse(const QByteArray &body);
    static ModelListPage parse(const QJsonObject &json);
    static KiroModel parseModel(const QJsonObject &entry);   // id empty when the entry has none
};

} // namespace kt
