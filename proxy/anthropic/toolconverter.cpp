#include "anthropic/toolconverter.h"

#include <QCryptographicHash>
#include <QSet>

namespace kt {

namespace {

// Cuts to at most maxCodePoints code points without splitting a surrogate pair.
QString truncateCodePoints(const QString &text, int maxCodePoints)
{
    if (text.size() <= maxCodePoints)
        return text;
    qsizetype pos = 0;
    for (int count = 0; pos < text.size() && count < maxCodePoints; ++count)
        pos += (text.at(pos).isHighSurrogate() && pos + 1 < text.size() && text.at(pos + 1).isLowSurrogate()) ? 2 : 1;
    return text.left(pos);
}

QJsonObject toolSpecification(const QString &name, const QString &description, const QJsonObject &schema)
{
    return QJsonObject{{QStringLiteral("toolSpecification"),
                        QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("description"), description},
                                    {QStringLiteral("inputSchema"), QJsonObject{{QStringLiteral("json"), schema}}}}}};
}

} // namespace

QString ToolConverter::shortenName(const QString &name)
{
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex();
    const int prefixLength = MaxNameLength - 1 - 8;
    return truncateCodePoints(name, prefixLength) + QLatin1Char('_') + QString::fromLatin1(hash.left(8));
}

QString ToolConverter::kiroName(const QString &name, QHash<QString, QString> &shortToOriginal)
{
    if (name.size() <= MaxNameLength)
        return name;
    const QString shortName = shortenName(name);
    shortToOriginal.insert(shortName, name);
    return shortName;
}

bool ToolConverter::isWebSearchTool(const QJsonObject &tool)
{
    return tool.value(QLatin1String("type")).toString().startsWith(QLatin1String("web_search"));
}

bool ToolConverter::isDeferred(const QJsonObject &tool)
{
    return tool.value(QLatin1String("defer_loading")).toBool(false);
}

QJsonArray ToolConverter::convertTools(const QJsonArray &anthropicTools, QHash<QString, QString> &shortToOriginal,
                                       const QStringList &loadedNames)
{
    QJsonArray result;
    for (const QJsonValue &value : anthropicTools) {
        const QJsonObject tool = value.toObject();
        const QString name = tool.value(QLatin1String("name")).toString();
        if (isWebSearchTool(tool) || (isDeferred(tool) && !loadedNames.contains(name)))
            continue;
        QString description = tool.value(QLatin1String("description")).toString();
        // Kiro rejects an empty description; the name is the best short stand-in.
        if (description.trimmed().isEmpty())
            description = name;
        description = truncateCodePoints(description, MaxDescriptionLength);
        result.append(toolSpecification(kiroName(name, shortToOriginal), description,
                                        sanitizeSchema(tool.value(QLatin1String("input_schema")))));
    }
    return result;
}

QJsonObject ToolConverter::sanitizeSchema(const QJsonValue &schemaValue)
{
    QJsonObject schema = schemaValue.toObject();
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty())
        schema.insert(QStringLiteral("type"), QStringLiteral("object"));
    if (!schema.value(QLatin1String("properties")).isObject())
        schema.insert(QStringLiteral("properties"), QJsonObject());

    QJsonArray required;
    const QJsonArray requested = schema.value(QLatin1String("required")).toArray();
    for (const QJsonValue &entry : requested) {
        if (entry.isString())
            required.append(entry);
    }
    schema.insert(QStringLiteral("required"), required);

    const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
    if (!additional.isBool() && !additional.isObject())
        schema.insert(QStringLiteral("additionalProperties"), true);
    return schema;
}

QJsonObject ToolConverter::placeholderTool(const QString &name)
{
    return toolSpecification(name, QStringLiteral("Tool used in conversation history"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                         {QStringLiteral("properties"), QJsonObject()},
                                         {QStringLiteral("required"), QJsonArray()},
                                         {QStringLiteral("additionalProperties"), true}});
}

void ToolConverter::addHistoryPlaceholders(QJsonArray &kiroTools, const QStringList &historyToolNames)
{
    QSet<QString> known;
    for (const QJsonValue &tool : std::as_const(kiroTools)) {
        const QJsonObject spec = tool.toObject().value(QLatin1String("toolSpecification")).toObject();
        known.insert(spec.value(QLatin1String("name")).toString().toLower());
    }
    for (const QString &name : historyToolNames) {
        const QString key = name.toLower();
        if (known.contains(key))
            continue;
        known.insert(key);
        kiroTools.append(placeholderTool(name));
    }
}

} // namespace kt
