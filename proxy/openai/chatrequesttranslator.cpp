#include "openai/chatrequesttranslator.h"

#include "openai/openaierror.h"
#include "openai/openaiinputs.h"
#include "openai/turnbuilder.h"

#include <QJsonArray>

namespace kt {

namespace {

std::optional<ApiError> refusals(const QJsonObject &rq)
{
    const QJsonValue n = rq.value(QLatin1String("n"));
    if (!n.isUndefined() && !n.isNull() && n.toDouble() != 1)
        return OpenAiError::invalid(QStringLiteral("n"), QStringLiteral("only one choice (n = 1) is supported by KiroTray"));
    if (auto e = OpenAiInputs::refuseAny(rq, {{"logprobs", "Kiro returns no log probabilities"},
                                             {"audio", "Kiro answers in text only"},
                                             {"functions", "use tools"},
                                             {"function_call", "use tool_choice"},
                                             {"web_search_options", "Kiro offers no web search through this API"},
                                             {"prediction", "Kiro has no predicted outputs"}},
                                         "logprobs", false))
        return e;
    if (auto e = OpenAiInputs::refuse(rq, "top_logprobs", QStringLiteral("Kiro returns no log probabilities"), 0))
        return e;
    for (const QJsonValue &m : rq.value(QLatin1String("modalities")).toArray()) {
        if (m != QLatin1String("text"))
            return OpenAiError::invalid(QStringLiteral("modalities"), QStringLiteral("only \"text\" is supported by KiroTray"));
    }
    const QString format = rq.value(QLatin1String("response_format")).toObject().value(QLatin1String("type")).toString();
    if (!format.isEmpty() && format != QLatin1String("text"))
        return OpenAiError::invalid(QStringLiteral("response_format"),
                                    QStringLiteral("'%1' is not supported by KiroTray (Kiro has no structured outputs)").arg(format));
    return std::nullopt;
}

std::optional<ApiError> addUser(TurnBuilder &turns, const QJsonValue &content, const QString &param)
{
    if (!content.isArray()) {
        if (!content.isString())
            return OpenAiError::invalid(param, QStringLiteral("must be a string or an array of content parts"));
        turns.add(QStringLiteral("user"), {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), content.toString()}});
        return std::nullopt;
    }
    const QJsonArray parts = content.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(i);
        const QJsonObject part = parts.at(i).toObject();
        const QString type = part.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            if (!part.value(QLatin1String("text")).isString())
                return OpenAiError::invalid(partParam + QStringLiteral(".text"), QStringLiteral("must be a string"));
            turns.addText(QStringLiteral("user"), part.value(QLatin1String("text")).toString());
        } else if (type == QLatin1String("image_url")) {
            const QJsonValue image = part.value(QLatin1String("image_url"));
            const QJsonValue url = image.isObject() ? image.toObject().value(QLatin1String("url")) : image;
            auto block = OpenAiInputs::image(url, partParam + QStringLiteral(".image_url.url"));
            if (auto *e = std::get_if<ApiError>(&block))
                return *e;
            turns.add(QStringLiteral("user"), std::get<QJsonObject>(block));
        } else {
            return OpenAiError::invalid(partParam + QStringLiteral(".type"),
                                        QStringLiteral("'%1' parts are not supported by KiroTray (use text and image_url)").arg(type));
        }
    }
    return std::nullopt;
}

std::optional<ApiError> addAssistant(TurnBuilder &turns, const QJsonObject &message, const QString &param)
{
    auto text = OpenAiInputs::text(message.value(QLatin1String("content")), param + QStringLiteral(".content"),
                                   {QStringLiteral("text"), QStringLiteral("refusal")});
    if (auto *e = std::get_if<ApiError>(&text))
        return *e;
    turns.addText(QStringLiteral("assistant"), std::get<QString>(text));
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        auto use = OpenAiInputs::toolUse(call.value(QLatin1String("id")), function.value(QLatin1String("name")),
                                         function.value(QLatin1String("arguments")), QStringLiteral("%1.tool_calls[%2]").arg(param).arg(i));
        if (auto *e = std::get_if<ApiError>(&use))
            return *e;
        turns.add(QStringLiteral("assistant"), std::get<QJsonObject>(use));
    }
    return std::nullopt;
}

std::optional<ApiError> addMessages(TurnBuilder &turns, const QJsonValue &value)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return OpenAiError::invalid(QStringLiteral("messages"), QStringLiteral("must be a non-empty array of messages"));
    const QJsonArray messages = value.toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString param = QStringLiteral("messages[%1]").arg(i);
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        const QJsonValue content = m.value(QLatin1String("content"));
        std::optional<ApiError> error;
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            auto text = OpenAiInputs::text(content, param + QStringLiteral(".content"), {QStringLiteral("text")});
            if (auto *e = std::get_if<ApiError>(&text))
                return *e;
            turns.addSystem(std::get<QString>(text));
        } else if (role == QLatin1String("user")) {
            error = addUser(turns, content, param + QStringLiteral(".content"));
        } else if (role == QLatin1String("assistant")) {
            error = addAssistant(turns, m, param);
        } else if (role == QLatin1String("tool")) {
            const QJsonValue id = m.value(QLatin1String("tool_call_id"));
            if (!id.isString() || id.toString().isEmpty())
                return OpenAiError::invalid(param + QStringLiteral(".tool_call_id"), QStringLiteral("must be a non-empty string"));
            auto text = OpenAiInputs::text(content, param + QStringLiteral(".content"), {QStringLiteral("text")});
            if (auto *e = std::get_if<ApiError>(&text))
                return *e;
            turns.add(QStringLiteral("user"), OpenAiInputs::toolResult(id.toString(), std::get<QString>(text)));
        } else {
            return OpenAiError::invalid(param + QStringLiteral(".role"),
                                        QStringLiteral("must be system, developer, user, assistant or tool"));
        }
        if (error)
            return error;
    }
    return std::nullopt;
}

std::variant<QJsonArray, ApiError> tools(const QJsonValue &value)
{
    QJsonArray out;
    if (value.isUndefined() || value.isNull())
        return out;
    if (!value.isArray())
        return OpenAiError::invalid(QStringLiteral("tools"), QStringLiteral("must be an array"));
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject t = list.at(i).toObject();
        const QJsonObject function = t.value(QLatin1String("function")).toObject();
        const QString param = QStringLiteral("tools[%1]").arg(i);
        if (t.value(QLatin1String("type")) != QLatin1String("function"))
            return OpenAiError::invalid(param + QStringLiteral(".type"), QStringLiteral("only function tools are supported by KiroTray"));
        if (!function.value(QLatin1String("name")).isString() || function.value(QLatin1String("name")).toString().isEmpty())
            return OpenAiError::invalid(param + QStringLiteral(".function.name"), QStringLiteral("must be a non-empty string"));
        out.append(OpenAiInputs::tool(function.value(QLatin1String("name")), function.value(QLatin1String("description")),
                                      function.value(QLatin1String("parameters"))));
    }
    return out;
}

} // namespace

std::variant<TranslatedRequest, ApiError> ChatRequestTranslator::translate(const QJsonObject &rq)
{
    if (auto e = refusals(rq))
        return *e;
    const QJsonValue stop = rq.value(QLatin1String("stop"));
    bool stopsOk = stop.isUndefined() || stop.isNull() || stop.isString() || (stop.isArray() && stop.toArray().size() <= 4);
    for (const QJsonValue &s : stop.toArray())
        stopsOk = stopsOk && s.isString();
    if (!stopsOk)
        return OpenAiError::invalid(QStringLiteral("stop"), QStringLiteral("must be a string or an array of up to 4 strings"));
    if (!rq.value(QLatin1String("model")).isString())
        return OpenAiError::invalid(QStringLiteral("model"), QStringLiteral("must be a string"));
    for (const char *limit : {"max_tokens", "max_completion_tokens"}) {
        if (auto e = OpenAiInputs::checkLimit(rq.value(QLatin1String(limit)), QLatin1String(limit)))
            return *e;
    }
    const QJsonValue stream = rq.value(QLatin1String("stream"));
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        return OpenAiError::invalid(QStringLiteral("stream"), QStringLiteral("must be a boolean"));

    TurnBuilder turns;
    if (auto e = addMessages(turns, rq.value(QLatin1String("messages"))))
        return *e;
    KT_TRY(toolList, tools(rq.value(QLatin1String("tools"))));
    KT_TRY(choice, OpenAiInputs::toolChoice(rq.value(QLatin1String("tool_choice")), QStringLiteral("tool_choice")));
    KT_TRY(thinking, OpenAiInputs::thinking(rq.value(QLatin1String("reasoning_effort")), QStringLiteral("reasoning_effort")));

    TranslatedRequest out;
    out.messages = turns.request(rq.value(QLatin1String("model")));
    QJsonObject &m = out.messages;
    QJsonValue limit = rq.value(QLatin1String("max_completion_tokens"));
    if (limit.isUndefined() || limit.isNull())
        limit = rq.value(QLatin1String("max_tokens"));
    if (limit.isDouble())
        m.insert(QStringLiteral("max_tokens"), limit);
    m.insert(QStringLiteral("stream"), stream.toBool());
    if (!toolList.isEmpty())
        m.insert(QStringLiteral("tools"), toolList);
    if (!choice.isUndefined())
        m.insert(QStringLiteral("tool_choice"), choice);
    if (thinking)
        m.insert(QStringLiteral("thinking"), *thinking);
    if (stop.isString())
        out.stops = QStringList{stop.toString()};
    for (const QJsonValue &s : stop.toArray())
        out.stops.append(s.toString());
    out.includeUsage = rq.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
    return out;
}

} // namespace kt
