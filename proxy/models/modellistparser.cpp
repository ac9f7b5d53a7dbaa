#include "models/modellistparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace kt {

namespace {

qint64 positive(const QJsonValue &v)
{
    const double d = v.toDouble(0);
    return d > 0 && d < 1e15 ? qint64(d) : 0;
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

KiroModel ModelListParser::parseModel(const QJsonObject &entry)
{
    KiroModel m;
    m.id = text(entry, "modelId");
    if (m.id.isEmpty())
        m.id = text(entry, "id");
    m.name = text(entry, "modelName");
    if (m.name.isEmpty())
        m.name = m.id;
    m.description = text(entry, "description");
    const QJsonObject limits = entry.value(QLatin1String("tokenLimits")).toObject();
    m.maxInputTokens = positive(limits.value(QLatin1String("maxInputTokens")));
    if (m.maxInputTokens == 0)
        m.maxInputTokens = positive(entry.value(QLatin1String("contextWindow")));
    m.maxOutputTokens = positive(limits.value(QLatin1String("maxOutputTokens")));
    m.rateMultiplier = std::max(0.0, entry.value(QLatin1String("rateMultiplier")).toDouble(0));
    for (const QJsonValue &v : entry.value(QLatin1String("supportedInputTypes")).toArray()) {
        if (v.isString())
            m.inputTypes.append(v.toString());
    }
    const QJsonValue schema = entry.value(QLatin1String("additionalModelRequestFieldsSchema"));
    m.hasRequestFieldsSchema = schema.isObject();
    m.requestFieldsSchema = schema.toObject();
    m.created = positive(entry.value(QLatin1String("created")));
    return m;
}

ModelListPage ModelListParser::parse(const QJsonObject &json)
{
    ModelListPage page;
    QSet<QString> seen;
    for (const char *key : {"models", "availableModels"}) {
        for (const QJsonValue &v : json.value(QLatin1String(key)).toArray()) {
            KiroModel m = parseModel(v.toObject());
            if (m.id.isEmpty() || seen.contains(m.id))
                continue;
            seen.insert(m.id);
            page.models.append(std::move(m));
        }
    }
    const QJsonValue def = json.value(QLatin1String("defaultModel"));
    page.defaultModel = def.isString() ? def.toString().trimmed() : text(def.toObject(), "modelId");
    page.nextToken = text(json, "nextToken");
    return page;
}

ModelListPage ModelListParser::parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ModelListPage page;
        page.error = QStringLiteral("the model list is not a JSON object");
        return page;
    }
    return parse(doc.object());
}

} // namespace kt
