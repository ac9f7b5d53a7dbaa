#include "openai/openaiinputs.h"

#include "openai/openaierror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace kt {

std::variant<QJsonObject, ApiError> OpenAiInputs::image(const QJsonValue &url, const QString &param)
{
    if (!url.isString())
        return OpenAiError::invalid(param, QStringLiteral("must be a string"));
    static const QRegularExpression dataUrl(QStringLiteral("^data:(image/[A-Za-z0-9.+-]+);base64,(.*)$"),
                                            QRegularExpression::DotMatchesEverythingOption);
    const QString text = url.toString();
    const QRegularExpressionMatch m = dataUrl.match(text);
    if (!m.hasMatch()) {
        if (text.startsWith(QLatin1String("http://")) || text.startsWith(QLatin1String("https://")))
            return OpenAiError::invalid(param, QStringLiteral("remote image URLs are not fetched by KiroTray; send the image inline as a "
                                                              "data URL (data:image/png;base64,…)"));
        return OpenAiError::invalid(param, QStringLiteral("must be a data URL of a base64 image (data:image/png;base64,…)"));
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                       {QStringLiteral("source"), QJsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                                                              {QStringLiteral("media_type"), m.captured(1).toLower()},
                                                              {QStringLiteral("data"), m.captured(2)}}}};
}

QJsonObject OpenAiInputs::tool(const QJsonValue &name, const QJsonValue &description, const QJsonValue &parameters)
{
    QJsonObject schema = parameters.toObject();
    if (schema.isEmpty())
        schema = {{QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), QJsonObject()}};
    QJsonObject tool{{QStringLiteral("name"), name}, {QStringLiteral("input_schema"), schema}};
    if (description.isString())
        tool.insert(QStringLiteral("description"), description);
    return tool;
}

std::variant<QJsonValue, ApiError> OpenAiInputs::toolChoice(const QJsonValue &choice, const QString &param)
{
    if (choice.isUndefined() || choice.isNull() || choice == QLatin1String("auto"))
        return QJsonValue(QJsonValue::Undefined);
    if (choice == QLatin1String("none"))
        return QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("none")}});
    if (choice == QLatin1String("required"))
        return QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("any")}});
    const QJsonObject o = choice.toObject();
    if (o.value(QLatin1String("type")) == QLatin1String("function")) {
        // Chat Completions nests the name in "function"; Responses puts it beside "type".
        QJsonValue name = o.value(QLatin1String("function")).toObject().value(QLatin1String("name"));
        if (!name.isString())
            name = o.value(QLatin1String("name"));
        if (name.isString())
            return QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool")}, {QStringLiteral("name"), name}});
    }
    return OpenAiError::invalid(param, QStringLiteral("must be \"auto\", \"none\", \"required\" or a function tool naming its function"));
}

std::variant<QJsonObject, ApiError> OpenAiInputs::toolUse(const QJsonValue &id, const QJsonValue &name,
                                                         const QJsonValue &arguments, const QString &param)
{
    if (!id.isString() || id.toString().isEmpty())
        return OpenAiError::invalid(param, QStringLiteral("a tool call needs its id"));
    if (!name.isString() || name.toString().isEmpty())
        return OpenAiError::invalid(param, QStringLiteral("a tool call needs the name of its function"));
    QJsonObject input;
    const QString text = arguments.toString();
    if (!text.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (!doc.isObject())
            return OpenAiError::invalid(param, QStringLiteral("the arguments of a tool call must be a JSON object"));
        input = doc.object();
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("id"), id},
                       {QStringLiteral("name"), name}, {QStringLiteral("input"), input}};
}

QJsonObject OpenAiInputs::toolResult(const QString &callId, const QString &output)
{
    return {{QStringLiteral("type"), QStringLiteral("tool_result")}, {QStringLiteral("tool_use_id"), callId},
            {QStringLiteral("content"), output}};
}

std::variant<std::optional<QJsonObject>, ApiError> OpenAiInputs::thinking(const QJsonValue &effort, const QString &param)
{
    if (effort.isUndefined() || effort.isNull() || effort == QLatin1String("none"))
        return std::optional<QJsonObject>();
    static const QList<QPair<QString, int>> budgets{{QStringLiteral("minimal"), 1024}, {QStringLiteral("low"), 4096},
                                                    {QStringLiteral("medium"), 10000}, {QStringLiteral("high"), 20000},
                                                    {QStringLiteral("xhigh"), 24576}};
    for (const auto &[name, budget] : budgets) {
        if (effort == name)
            return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("type"), QStringLiteral("enabled")},
                                                          {QStringLiteral("budget_tokens"), budget}});
    }
    return OpenAiError::invalid(param, QStringLiteral("must be one of none, minimal, low, medium, high, xhigh"));
}

std::optional<ApiError> OpenAiInputs::checkLimit(const QJsonValue &value, const QString &param)
{
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double d = value.toDouble(-1);
    if (!value.isDouble() || d < 1 || d > 1e9 || std::floor(d) != d)
        return OpenAiError::invalid(param, QStringLiteral("must be a positive integer"));
    return std::nullopt;
}

std::optional<ApiError> OpenAiInputs::refuse(const QJsonObject &request, const char *name, const QString &why,
                                             const QJsonValue &harmless)
{
    const QJsonValue v = request.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull() || v == harmless)
        return std::nullopt;
    return OpenAiError::invalid(QLatin1String(name), QStringLiteral("is not supported by KiroTray: %1").arg(why));
}

std::optional<ApiError> OpenAiInputs::refuseAny(const QJsonObject &request, std::initializer_list<Unsupported> fields,
                                                const char *harmlessField, const QJsonValue &harmless)
{
    for (const Unsupported &f : fields) {
        const bool special = QLatin1String(f.name) == QLatin1String(harmlessField);
        if (auto e = refuse(request, f.name, QLatin1String(f.why), special ? harmless : QJsonValue(QJsonValue::Null)))
            return e;
    }
    return std::nullopt;
}

std::variant<QString, ApiError> OpenAiInputs::text(const QJsonValue &content, const QString &param, const QStringList &textTypes)
{
    if (content.isString() || content.isNull() || content.isUndefined())
        return content.toString();
    if (!content.isArray())
        return OpenAiError::invalid(param, QStringLiteral("must be a string or an array of text parts"));
    QString out;
    const QJsonArray parts = content.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QJsonObject part = parts.at(i).toObject();
        if (!textTypes.contains(part.value(QLatin1String("type")).toString()) || !part.value(QLatin1String("text")).isString())
            return OpenAiError::invalid(QStringLiteral("%1[%2]").arg(param).arg(i),
                                        QStringLiteral("only text parts (%1) are allowed here").arg(textTypes.join(QStringLiteral(", "))));
        out += part.value(QLatin1String("text")).toString();
    }
    return out;
}

} // namespace kt
