#pragma once
// The request pieces OpenAI's Chat Completions and Responses APIs share, as their Anthropic
// Messages equivalents: images (data URLs only), function tools, tool choice, tool calls, reasoning
// effort, output limits. Errors name the OpenAI field ("messages[1].content[0].image_url").
#include "anthropic/apierror.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <initializer_list>
#include <optional>
#include <variant>

// Inside a function returning a variant with ApiError: `var` is the value of `expr`, or the
// function returns its error.
#define KT_TRY(var, expr)                                  \
    auto var##Result = (expr);                              \
    if (auto *var##Error = std::get_if<ApiError>(&var##Result)) \
        return *var##Error;                                 \
    auto var = std::move(std::get<0>(var##Result));

namespace kt {

class OpenAiInputs {
public:
    // "data:image/png;base64,…" as an Anthropic image block; remote URLs are refused.
    static std::variant<QJsonObject, ApiError> image(const QJsonValue &url, const QString &param);
    static QJsonObject tool(const QJsonValue &name, const QJsonValue &description, const QJsonValue &parameters);
    // "auto" | "none" | "required" | {"type":"function", …name…}; undefined when absent.
    static std::variant<QJsonValue, ApiError> toolChoice(const QJsonValue &choice, const QString &param);
    // A call the assistant made, as a tool_use block (arguments: a JSON object as text).
    static std::variant<QJsonObject, ApiError> toolUse(const QJsonValue &id, const QJsonValue &name,
                                                      const QJsonValue &arguments, const QString &param);
    static QJsonObject toolResult(const QString &callId, const QString &output);
    // "minimal".."xhigh" → an Anthropic thinking object; "none" and absent → nothing.
    static std::variant<std::optional<QJsonObject>, ApiError> thinking(const QJsonValue &effort, const QString &param);
    // A positive integer or absent.
    static std::optional<ApiError> checkLimit(const QJsonValue &value, const QString &param);
    // Refuses a field that is present with a value other than the harmless one.
    static std::optional<ApiError> refuse(const QJsonObject &request, const char *name, const QString &why,
                                          const QJsonValue &harmless = QJsonValue::Null);
    // refuse() over a table of unsupported fields; `harmlessField` alone also passes with `harmless`.
    struct Unsupported {
        const char *name;
        const char *why;
    };
    static std::optional<ApiError> refuseAny(const QJsonObject &request, std::initializer_list<Unsupported> fields,
                                             const char *harmlessField, const QJsonValue &harmless);
    // "text" from a string or from an array of {"type": textType, "text": …} parts.
    static std::variant<QString, ApiError> text(const QJsonValue &content, const QString &param, const QStringList &textTypes);
};

} // namespace kt
