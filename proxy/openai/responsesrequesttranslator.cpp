#include "openai/responsesrequesttranslator.h"

#include "openai/openaierror.h"
#include "openai/openaiinputs.h"
#include "openai/turnbuilder.h"

#include <QJsonArray>

namespace kt {

namespace {

std::optional<ApiError> refusals(const QJsonObject &rq)
{
    if (rq.value(QLatin1String("store")) == QJsonValue(true))
        return OpenAiError::invalid(QStringLiteral("store"),
                                    QStringLiteral("KiroTray keeps no responses: send store:false and the whole conversation in input"));
    if (auto e = OpenAiInputs::refuseAny(rq, {{"previous_response_id", "KiroTray keeps no responses; send the whole conversation in input"},
                                             {"conversation", "KiroTray keeps no conversations; send the whole conversation in input"},
                                             {"prompt", "KiroTray has no stored prompts"},
                                             {"background", "responses are not run in the background"}},
                                         "background", false))
        return e;
    const QString format = rq.value(QLatin1String("text")).toObject().value(QLatin1String("format")).toObject()
                               .value(QLatin1String("type")).toString();
    if (!format.isEmpty() && format != QLatin1String("text"))
        return OpenAiError::invalid(QStringLiteral("text.format"),
                                    QStringLiteral("'%1' is not supported by KiroTray (Kiro has no structured outputs)").arg(format));
    return std::nullopt;
}

// Content parts of a message (or of a function call's output) as Anthropic blocks.
std::variant<QJsonArray, ApiError> parts(const QJsonValue &content, const QString &param, bool assistant)
{
    QJsonArray blocks;
    const auto text = [&](const QString &t) {
        if (!t.isEmpty())
            blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), t}});
    };
    if (content.isString()) {
        text(content.toString());
        return blocks;
    }
    if (!content.isArray())
        return OpenAiError::invalid(param, QStringLiteral("must be a string or an array of content parts"));
    const QJsonArray list = content.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(i);
        const QJsonObject part = list.at(i).toObject();
        const QString type = part.value(QLatin1String("type")).toString();
        if (type == QLatin1String("input_text") || type == QLatin1String("output_text") || type == QLatin1String("text")) {
            text(part.value(QLatin1String("text")).toString());
        } else if (type == QLatin1String("refusal")) {
            text(part.value(QLatin1String("refusal")).toString());
        } else if (type == QLatin1String("input_image") && !assistant) {
            if (part.contains(QLatin1String("file_id")) && !part.contains(QLatin1String("image_url")))
                return OpenAiError::invalid(partParam + QStringLiteral(".file_id"),
                                            QStringLiteral("KiroTray keeps no files: send the image as a data URL in image_url"));
            KT_TRY(image, OpenAiInputs::image(part.value(QLatin1String("image_url")), partParam + QStringLiteral(".image_url")));
            blocks.append(image);
        } else {
            return OpenAiError::invalid(partParam + QStringLiteral(".type"),
                                        QStringLiteral("'%1' parts are not supported by KiroTray here").arg(type));
        }
    }
    return blocks;
}

std::optional<ApiError> addItem(TurnBuilder &turns, const QJsonObject &item, const QString &param)
{
    const QString role = item.value(QLatin1String("role")).toString();
    const QString type = item.value(QLatin1String("type")).toString(role.isEmpty() ? QString() : QStringLiteral("message"));
    if (type == QLatin1String("message")) {
        const QString contentParam = param + QStringLiteral(".content");
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            auto text = OpenAiInputs::text(item.value(QLatin1String("content")), contentParam,
                                           {QStringLiteral("input_text"), QStringLiteral("text")});
            if (auto *e = std::get_if<ApiError>(&text))
                return *e;
            turns.addSystem(std::get<QString>(text));
            return std::nullopt;
        }
        if (role != QLatin1String("user") && role != QLatin1String("assistant"))
            return OpenAiError::invalid(param + QStringLiteral(".role"), QStringLiteral("must be user, assistant, system or developer"));
        auto blocks = parts(item.value(QLatin1String("content")), contentParam, role == QLatin1String("assistant"));
        if (auto *e = std::get_if<ApiError>(&blocks))
            return *e;
        for (const QJsonValue &b : std::get<QJsonArray>(blocks))
            turns.add(role, b.toObject());
    } else if (type == QLatin1String("function_call")) {
        auto use = OpenAiInputs::toolUse(item.value(QLatin1String("call_id")), item.value(QLatin1String("name")),
                                         item.value(QLatin1String("arguments")), param);
        if (auto *e = std::get_if<ApiError>(&use))
            return *e;
        turns.add(QStringLiteral("assistant"), std::get<QJsonObject>(use));
    } else if (type == QLatin1String("function_call_output")) {
        const QJsonValue callId = item.value(QLatin1String("call_id"));
        if (!callId.isString() || callId.toString().isEmpty())
            return OpenAiError::invalid(param + QStringLiteral(".call_id"), QStringLiteral("must be a non-empty string"));
        const QJsonValue output = item.value(QLatin1String("output"));
        QJsonObject result = OpenAiInputs::toolResult(callId.toString(), output.toString());
        if (output.isArray()) {
            auto blocks = parts(output, param + QStringLiteral(".output"), false);
            if (auto *e = std::get_if<ApiError>(&blocks))
                return *e;
            result.insert(QStringLiteral("content"), std::get<QJsonArray>(blocks));
        }
        turns.add(QStringLiteral("user"), result);
    } else if (type == QLatin1String("reasoning")) {
        // Reasoning the client echoes back: Kiro cannot take it as input.
    } else {
        return OpenAiError::invalid(param + QStringLiteral(".type"),
                                    QStringLiteral("'%1' items are not supported by KiroTray (use message, function_call and "
                                                   "function_call_output)").arg(type));
    }
    return std::nullopt;
}

std::optional<ApiError> addInput(TurnBuilder &turns, const QJsonValue &input)
{
    if (input.isString()) {
        turns.add(QStringLiteral("user"), {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), input.toString()}});
        return std::nullopt;
    }
    if (!input.isArray() || input.toArray().isEmpty())
        return OpenAiError::invalid(QStringLiteral("input"), QStringLiteral("must be a string or a non-empty array of input items"));
    const QJsonArray items = input.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return OpenAiError::invalid(QStringLiteral("input[%1]").arg(i), QStringLiteral("must be an object"));
        if (auto e = addItem(turns, items.at(i).toObject(), QStringLiteral("input[%1]").arg(i)))
            return e;
    }
    return std::nullopt;
}

std::variant<QJsonArray, ApiError> tools(const QJsonValue &value)
{
    QJsonArray out;
    const QJsonArray list = value.toArray();
    if (!value.isUndefined() && !value.isNull() && !value.isArray())
        return OpenAiError::invalid(QStringLiteral("tools"), QStringLiteral("must be an array"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject t = list.at(i).toObject();
        if (t.value(QLatin1String("type")) != QLatin1String("function"))
            continue;   // built-in tools (web_search, file_search, …) Kiro does not run
        const QJsonValue name = t.value(QLatin1String("name"));
        if (!name.isString() || name.toString().isEmpty())
            return OpenAiError::invalid(QStringLiteral("tools[%1].name").arg(i), QStringLiteral("must be a non-empty string"));
        out.append(OpenAiInputs::tool(name, t.value(QLatin1String("description")), t.value(QLatin1String("parameters"))));
    }
    return out;
}

} // namespace

std::variant<TranslatedRequest, ApiError> ResponsesRequestTranslator::translate(const QJsonObject &rq)
{
    if (auto e = refusals(rq))
        return *e;
    if (!rq.value(QLatin1String("model")).isString())
        return OpenAiError::invalid(QStringLiteral("model"), QStringLiteral("must be a string"));
    if (auto e = OpenAiInputs::checkLimit(rq.value(QLatin1String("max_output_tokens")), QStringLiteral("max_output_tokens")))
        return *e;
    const QJsonValue stream = rq.value(QLatin1String("stream"));
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        return OpenAiError::invalid(QStringLiteral("stream"), QStringLiteral("must be a boolean"));
    const QJsonValue instructions = rq.value(QLatin1String("instructions"));
    if (!instructions.isUndefined() && !instructions.isNull() && !instructions.isString())
        return OpenAiError::invalid(QStringLiteral("instructions"), QStringLiteral("must be a string"));

    TurnBuilder turns;
    turns.addSystem(instructions.toString());
    if (auto e = addInput(turns, rq.value(QLatin1String("input"))))
        return *e;
    KT_TRY(toolList, tools(rq.value(QLatin1String("tools"))));
    KT_TRY(choice, OpenAiInputs::toolChoice(rq.value(QLatin1String("tool_choice")), QStringLiteral("tool_choice")));
    KT_TRY(thinking, OpenAiInputs::thinking(rq.value(QLatin1String("reasoning")).toObject().value(QLatin1String("effort")),
                                            QStringLiteral("reasoning.effort")));

    TranslatedRequest out;
    out.messages = turns.request(rq.value(QLatin1String("model")));
    QJsonObject &m = out.messages;
    if (rq.value(QLatin1String("max_output_tokens")).isDouble())
        m.insert(QStringLiteral("max_tokens"), rq.value(QLatin1String("max_output_tokens")));
    m.insert(QStringLiteral("stream"), stream.toBool());
    if (!toolList.isEmpty())
        m.insert(QStringLiteral("tools"), toolList);
    if (!choice.isUndefined() && !toolList.isEmpty())
        m.insert(QStringLiteral("tool_choice"), choice);
    if (thinking)
        m.insert(QStringLiteral("thinking"), *thinking);
    return out;
}

} // namespace kt
