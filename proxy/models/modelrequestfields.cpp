#include "models/modelrequestfields.h"

#include <QJsonArray>

#include <cmath>

namespace kt {

namespace {

const QStringList kEffortRank = {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
                                 QStringLiteral("xhigh"), QStringLiteral("max")};

QJsonObject property(const QJsonObject &schema, const char *name)
{
    return schema.value(QLatin1String("properties")).toObject().value(QLatin1String(name)).toObject();
}

bool declares(const QJsonObject &schema, const char *name)
{
    return schema.value(QLatin1String("properties")).toObject().contains(QLatin1String(name));
}

QStringList enumOf(const QJsonObject &propertySchema)
{
    QStringList out;
    for (const QJsonValue &v : propertySchema.value(QLatin1String("enum")).toArray())
        out.append(v.toString());
    return out;
}

// The first of `preferred` the enum allows (any of them when the schema has no enum).
QString pick(const QJsonObject &propertySchema, const QStringList &preferred)
{
    const QStringList allowed = enumOf(propertySchema);
    for (const QString &p : preferred) {
        if (allowed.isEmpty() || allowed.contains(p))
            return p;
    }
    return {};
}

QJsonObject thinkingField(const QJsonObject &request, const QJsonObject &schema, bool thinkingSuffix)
{
    const QJsonObject client = request.value(QLatin1String("thinking")).toObject();
    QString type = client.value(QLatin1String("type")).toString();
    if (thinkingSuffix)
        type = QStringLiteral("adaptive");
    QString chosen;
    if (type == QLatin1String("adaptive"))
        chosen = pick(property(schema, "type"), {QStringLiteral("adaptive"), QStringLiteral("enabled")});
    else if (type == QLatin1String("enabled"))
        chosen = pick(property(schema, "type"), {QStringLiteral("enabled"), QStringLiteral("adaptive")});
    else if (type == QLatin1String("disabled"))
        chosen = pick(property(schema, "type"), {QStringLiteral("disabled")});
    if (chosen.isEmpty())
        return {};
    QJsonObject out{{QStringLiteral("type"), chosen}};
    const QString display = client.value(QLatin1String("display")).toString();
    if (!display.isEmpty() && declares(schema, "display") && !pick(property(schema, "display"), {display}).isEmpty())
        out.insert(QStringLiteral("display"), display);
    const QJsonValue budget = client.value(QLatin1String("budget_tokens"));
    if (chosen == QLatin1String("enabled") && budget.isDouble() && declares(schema, "budget_tokens"))
        out.insert(QStringLiteral("budget_tokens"), budget);
    return out;
}

} // namespace

QString ModelRequestFields::nearestEffort(const QString &wanted, const QStringList &supported)
{
    const qsizetype want = kEffortRank.indexOf(wanted);
    if (want < 0)
        return {};
    if (supported.isEmpty() || supported.contains(wanted))
        return wanted;
    QString best;
    qsizetype bestDistance = 100;
    for (const QString &s : supported) {
        const qsizetype rank = kEffortRank.indexOf(s);
        if (rank < 0)
            continue;
        const qsizetype distance = std::abs(rank - want);
        if (distance < bestDistance || (distance == bestDistance && rank > want)) {
            best = s;
            bestDistance = distance;
        }
    }
    return best;
}

bool ModelRequestFields::enablesThinking(const QJsonObject &fields)
{
    const QString type = fields.value(QLatin1String("thinking")).toObject().value(QLatin1String("type")).toString();
    return !type.isEmpty() && type != QLatin1String("disabled");
}

QJsonObject ModelRequestFields::build(const QJsonObject &request, const KiroModel &model, bool thinkingSuffix)
{
    if (!model.hasRequestFieldsSchema)
        return {};
    const QJsonObject &schema = model.requestFieldsSchema;
    QJsonObject out;
    if (declares(schema, "thinking")) {
        const QJsonObject thinking = thinkingField(request, property(schema, "thinking"), thinkingSuffix);
        if (!thinking.isEmpty())
            out.insert(QStringLiteral("thinking"), thinking);
    }
    QString effort = request.value(QLatin1String("output_config")).toObject().value(QLatin1String("effort")).toString();
    if (effort.isEmpty())
        effort = request.value(QLatin1String("thinking")).toObject().value(QLatin1String("effort")).toString();
    if (!effort.isEmpty() && declares(schema, "output_config")) {
        const QJsonObject outputConfig = property(schema, "output_config");
        if (declares(outputConfig, "effort")) {
            const QString level = nearestEffort(effort, enumOf(property(outputConfig, "effort")));
            if (!level.isEmpty())
                out.insert(QStringLiteral("output_config"), QJsonObject{{QStringLiteral("effort"), level}});
        }
    }
    const QJsonValue maxTokens = request.value(QLatin1String("max_tokens"));
    if (maxTokens.isDouble() && declares(schema, "max_tokens")) {
        const QJsonObject limits = property(schema, "max_tokens");
        double value = maxTokens.toDouble();
        if (limits.value(QLatin1String("maximum")).isDouble())
            value = std::min(value, limits.value(QLatin1String("maximum")).toDouble());
        if (limits.value(QLatin1String("minimum")).isDouble())
            value = std::max(value, limits.value(QLatin1String("minimum")).toDouble());
        out.insert(QStringLiteral("max_tokens"), qint64(value));
    }
    return out;
}

} // namespace kt
