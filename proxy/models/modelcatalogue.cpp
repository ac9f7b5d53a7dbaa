#include "models/modelcatalogue.h"

#include "models/modellistparser.h"

#include <QJsonArray>

namespace kt {

QJsonObject KiroModel::toJson() const
{
    QJsonObject o{{QStringLiteral("modelId"), id}, {QStringLiteral("modelName"), name.isEmpty() ? id : name}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    if (rateMultiplier > 0)
        o.insert(QStringLiteral("rateMultiplier"), rateMultiplier);
    if (!inputTypes.isEmpty())
        o.insert(QStringLiteral("supportedInputTypes"), QJsonArray::fromStringList(inputTypes));
    QJsonObject limits;
    if (maxInputTokens > 0)
        limits.insert(QStringLiteral("maxInputTokens"), double(maxInputTokens));
    if (maxOutputTokens > 0)
        limits.insert(QStringLiteral("maxOutputTokens"), double(maxOutputTokens));
    if (!limits.isEmpty())
        o.insert(QStringLiteral("tokenLimits"), limits);
    if (hasRequestFieldsSchema)
        o.insert(QStringLiteral("additionalModelRequestFieldsSchema"), requestFieldsSchema);
    if (created > 0)
        o.insert(QStringLiteral("created"), double(created));
    return o;
}

const KiroModel *ModelCatalogue::find(const QString &id) const
{
    for (const KiroModel &m : models) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

QStringList ModelCatalogue::ids() const
{
    QStringList out;
    out.reserve(models.size());
    for (const KiroModel &m : models)
        out.append(m.id);
    return out;
}

QJsonObject ModelCatalogue::toJson() const
{
    QJsonArray list;
    for (const KiroModel &m : models)
        list.append(m.toJson());
    QJsonObject o{{QStringLiteral("models"), list}};
    if (fetchedAt.isValid())
        o.insert(QStringLiteral("fetchedAt"), fetchedAt.toString(Qt::ISODateWithMs));
    if (!defaultModel.isEmpty())
        o.insert(QStringLiteral("defaultModel"), QJsonObject{{QStringLiteral("modelId"), defaultModel}});
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

ModelCatalogue ModelCatalogue::fromJson(const QJsonObject &json)
{
    const ModelListPage page = ModelListParser::parse(json);
    ModelCatalogue c;
    c.models = page.models;
    c.defaultModel = page.defaultModel;
    c.fetchedAt = QDateTime::fromString(json.value(QStringLiteral("fetchedAt")).toString(), Qt::ISODateWithMs);
    c.error = json.value(QStringLiteral("error")).toString();
    return c;
}

} // namespace kt
