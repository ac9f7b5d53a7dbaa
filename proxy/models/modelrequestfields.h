#pragma once
// The root-level additionalModelRequestFields of a Kiro request (docs/protocol.md#model-catalogue): the
// client's thinking (type, display, budget), output_config.effort and max_tokens, each sent only
// when the model's additionalModelRequestFieldsSchema declares it, with values fitted to the
// schema (enum, minimum/maximum). A model without a schema gets nothing (the thinking prompt tags
// of docs/protocol.md#thinking-tags remain its only switch).
#include "models/modelcatalogue.h"

#include <QJsonObject>

namespace kt {

class ModelRequestFields
{
public:
    // thinkingSuffix: the model id ended in "-thinking" (thinking on whatever the body says).
    static QJsonObject build(const QJsonObject &request, const KiroModel &model, bool thinkingSuffix);
    // The supported effort nearest to `wanted` on low < medium < high < xhigh < max (ties go up);
    // wanted itself when `supported` is empty, empty when wanted is not a known level.
    static QString nearestEffort(const QString &wanted, const QStringList &supported);
    // True when the fields switch thinking on natively (then the prompt tags are left out).
    static bool enablesThinking(const QJsonObject &fields);
};

} // namespace kt
