#include "anthropic/requestvalidator.h"


#include <QJsonArray>

#include <cmath>

namespace kt {

namespace {

using Error = std::optional<ApiError>;

Error fail(const QString &path, const QString &message)
{
    return ApiError::invalidRequest(path + QStringLiteral(": ") + message);
}

QString at(const QString &path, qsizetype index)
{
    return path + QLatin1Char('.') + QString::number(index);
}

QString field(const QString &path, const char *name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

bool isAbsent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

bool isPositiveInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && d >= 1 && d <= 9007199254740992.0 && std::floor(d) == d;
}

Error requireString(const QJsonObject &obj, const QString &path, const char *name, bool nonEmpty)
{
    const QJsonValue v = obj.value(QLatin1String(name));
    if (!v.isString() || (nonEmpty && v.toString().isEmpty()))
        return fail(field(path, name), nonEmpty ? QStringLiteral("must be a non-empty string")
                                                : QStringLiteral("must be a string"));
    return std::nullopt;
}

// Standard alphabet, padded to a multiple of four, nothing else (no line breaks, no data: prefix).
bool isBase64(const QString &data)
{
    const qsizetype n = data.size();
    if (n % 4 != 0)
        return false;
    const qsizetype padding = data.endsWith(QLatin1String("==")) ? 2 : data.endsWith(QLatin1Char('=')) ? 1 : 0;
    for (qsizetype i = 0; i < n - padding; ++i) {
        const char16_t c = data[i].unicode();
        if (!((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'+' || c == u'/'))
            return false;
    }
    return true;
}

Error validateImage(const QJsonObject &block, const QString &path)
{
    const QString sourcePath = field(path, "source");
    const QJsonValue sourceValue = block.value(QLatin1String("source"));
    if (!sourceValue.isObject())
        return fail(sourcePath, QStringLiteral("must be an object"));
    const QJsonObject source = sourceValue.toObject();
    const QString type = source.value(QLatin1String("type")).toString();
    if (type == QLatin1String("url"))
        return fail(field(sourcePath, "type"),
                    QStringLiteral("URL image sources are not supported by the Kiro backend; send the image as base64 data"));
    if (type != QLatin1String("base64"))
        return fail(field(sourcePath, "type"), QStringLiteral("unsupported image source type '%1' (use 'base64')").arg(type));
    const QString mediaType = source.value(QLatin1String("media_type")).toString();
    static const QStringList supported{QStringLiteral("image/jpeg"), QStringLiteral("image/png"),
                                       QStringLiteral("image/gif"), QStringLiteral("image/webp")};
    if (!supported.contains(mediaType))
        return fail(field(sourcePath, "media_type"),
                    QStringLiteral("unsupported image type '%1' (use image/jpeg, image/png, image/gif or image/webp)").arg(mediaType));
    if (Error e = requireString(source, sourcePath, "data", true))
        return e;
    if (!isBase64(source.value(QLatin1String("data")).toString()))
        return fail(field(sourcePath, "data"), QStringLiteral("image data is not valid base64"));
    return std::nullopt;
}

Error validateDocument(const QJsonObject &block, const QString &path)
{
    const QString sourcePath = field(path, "source");
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    const QString type = source.value(QLatin1String("type")).toString();
    if (type != QLatin1String("text"))
        return fail(field(sourcePath, "type"),
                    QStringLiteral("unsupported document source '%1': only plain text documents are supported").arg(type));
    return requireString(source, sourcePath, "data", false);
}

Error validateToolResultContent(const QJsonValue &content, const QString &path)
{
    if (isAbsent(content) || content.isString())
        return std::nullopt;
    if (!content.isArray())
        return fail(path, QStringLiteral("must be a string or an array of content blocks"));
    const QJsonArray items = content.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = at(path, i);
        if (!items.at(i).isObject())
            return fail(itemPath, QStringLiteral("must be an object"));
        const QJsonObject item = items.at(i).toObject();
        const QString type = item.value(QLatin1String("type")).toString();
        Error error;
        if (type == QLatin1String("text"))
            error = requireString(item, itemPath, "text", false);
        else if (type == QLatin1String("image"))
            error = validateImage(item, itemPath);
        else if (type == QLatin1String("document"))
            error = validateDocument(item, itemPath);
        else if (type == QLatin1String("tool_reference"))
            error = requireString(item, itemPath, "tool_name", true);
        else
            error = fail(field(itemPath, "type"), QStringLiteral("unsupported block type '%1' in tool_result content").arg(type));
        if (error)
            return error;
    }
    return std::nullopt;
}

Error wrongRole(const QString &path, const QString &type, const char *allowedRole)
{
    return fail(field(path, "type"),
                QStringLiteral("'%1' blocks are only allowed in %2 messages").arg(type, QLatin1String(allowedRole)));
}

Error validateBlock(const QJsonValue &value, const QString &path, bool user)
{
    if (!value.isObject())
        return fail(path, QStringLiteral("must be an object"));
    const QJsonObject block = value.toObject();
    const QJsonValue typeValue = block.value(QLatin1String("type"));
    if (!typeValue.isString())
        return fail(field(path, "type"), QStringLiteral("must be a string"));
    const QString type = typeValue.toString();

    if (type == QLatin1String("text"))
        return requireString(block, path, "text", false);
    if (type == QLatin1String("image"))
        return user ? validateImage(block, path) : wrongRole(path, type, "user");
    if (type == QLatin1String("document"))
        return user ? validateDocument(block, path) : wrongRole(path, type, "user");
    if (type == QLatin1String("tool_result")) {
        if (!user)
            return wrongRole(path, type, "user");
        if (Error e = requireString(block, path, "tool_use_id", true))
            return e;
        const QJsonValue isError = block.value(QLatin1String("is_error"));
        if (!isAbsent(isError) && !isError.isBool())
            return fail(field(path, "is_error"), QStringLiteral("must be a boolean"));
        return validateToolResultContent(block.value(QLatin1String("content")), field(path, "content"));
    }
    if (type == QLatin1String("tool_use") || type == QLatin1String("server_tool_use")) {
        if (user)
            return wrongRole(path, type, "assistant");
        if (Error e = requireString(block, path, "id", true))
            return e;
        if (Error e = requireString(block, path, "name", true))
            return e;
        const QJsonValue input = block.value(QLatin1String("input"));
        if (!isAbsent(input) && !input.isObject())
            return fail(field(path, "input"), QStringLiteral("must be an object"));
        return std::nullopt;
    }
    if (type == QLatin1String("thinking")) {
        if (user)
            return wrongRole(path, type, "assistant");
        return requireString(block, path, "thinking", false);
    }
    // Redacted thinking cannot be replayed and is dropped; a web_search_tool_result becomes the tool
    // result of its server_tool_use (WebSearchHistory), which is checked like a tool_use above.
    if (type == QLatin1String("redacted_thinking") || type == QLatin1String("web_search_tool_result"))
        return user ? wrongRole(path, type, "assistant") : std::nullopt;
    return fail(field(path, "type"), QStringLiteral("unsupported block type '%1'").arg(type));
}

Error validateMessages(const QJsonValue &value)
{
    const QString path = QStringLiteral("messages");
    if (value.isUndefined())
        return fail(path, QStringLiteral("field is required"));
    if (!value.isArray())
        return fail(path, QStringLiteral("must be an array of messages"));
    const QJsonArray messages = value.toArray();
    if (messages.isEmpty())
        return fail(path, QStringLiteral("must contain at least one message"));

    bool anyUser = false;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString messagePath = at(path, i);
        if (!messages.at(i).isObject())
            return fail(messagePath, QStringLiteral("must be an object"));
        const QJsonObject message = messages.at(i).toObject();
        const QString role = message.value(QLatin1String("role")).toString();
        const bool user = role == QLatin1String("user");
        if (!user && role != QLatin1String("assistant"))
            return fail(field(messagePath, "role"), QStringLiteral("must be 'user' or 'assistant'"));
        anyUser = anyUser || user;

        const QJsonValue content = message.value(QLatin1String("content"));
        if (content.isString())
            continue;
        if (!content.isArray())
            return fail(field(messagePath, "content"), QStringLiteral("must be a string or an array of content blocks"));
        const QJsonArray blocks = content.toArray();
        for (qsizetype b = 0; b < blocks.size(); ++b) {
            if (Error e = validateBlock(blocks.at(b), at(field(messagePath, "content"), b), user))
                return e;
        }
    }
    if (!anyUser)
        return fail(path, QStringLiteral("must contain at least one user message"));
    return std::nullopt;
}

Error validateSystem(const QJsonValue &value)
{
    if (isAbsent(value) || value.isString())
        return std::nullopt;
    const QString path = QStringLiteral("system");
    if (!value.isArray())
        return fail(path, QStringLiteral("must be a string or an array of text blocks"));
    const QJsonArray blocks = value.toArray();
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QJsonObject block = blocks.at(i).toObject();
        if (!blocks.at(i).isObject() || block.value(QLatin1String("type")).toString() != QLatin1String("text"))
            return fail(at(path, i), QStringLiteral("must be a text block"));
        if (Error e = requireString(block, at(path, i), "text", false))
            return e;
    }
    return std::nullopt;
}

Error validateTools(const QJsonValue &value)
{
    if (isAbsent(value))
        return std::nullopt;
    const QString path = QStringLiteral("tools");
    if (!value.isArray())
        return fail(path, QStringLiteral("must be an array of tool definitions"));
    const QJsonArray tools = value.toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        if (!tools.at(i).isObject())
            return fail(at(path, i), QStringLiteral("must be an object"));
        if (Error e = requireString(tools.at(i).toObject(), at(path, i), "name", true))
            return e;
    }
    return std::nullopt;
}

Error validateThinking(const QJsonValue &value)
{
    if (isAbsent(value))
        return std::nullopt;
    const QString path = QStringLiteral("thinking");
    if (!value.isObject())
        return fail(path, QStringLiteral("must be an object"));
    const QJsonObject thinking = value.toObject();
    const QString type = thinking.value(QLatin1String("type")).toString();
    if (type != QLatin1String("enabled") && type != QLatin1String("adaptive") && type != QLatin1String("disabled"))
        return fail(field(path, "type"), QStringLiteral("must be 'enabled', 'adaptive' or 'disabled'"));
    const QJsonValue budget = thinking.value(QLatin1String("budget_tokens"));
    if (!isAbsent(budget) && !isPositiveInteger(budget))
        return fail(field(path, "budget_tokens"), QStringLiteral("must be a positive integer"));
    return std::nullopt;
}

} // namespace

std::optional<ApiError> RequestValidator::validate(const QJsonObject &request)
{
    const QJsonValue model = request.value(QLatin1String("model"));
    if (model.isUndefined())
        return fail(QStringLiteral("model"), QStringLiteral("field is required"));
    if (!model.isString())
        return fail(QStringLiteral("model"), QStringLiteral("must be a string"));
    if (model.toString().trimmed().isEmpty())
        return fail(QStringLiteral("model"), QStringLiteral("must not be empty (see GET /v1/models)"));

    if (Error e = validateMessages(request.value(QLatin1String("messages"))))
        return e;

    const QJsonValue maxTokens = request.value(QLatin1String("max_tokens"));
    if (!isAbsent(maxTokens) && !isPositiveInteger(maxTokens))
        return fail(QStringLiteral("max_tokens"), QStringLiteral("must be a positive integer"));
    const QJsonValue stream = request.value(QLatin1String("stream"));
    if (!isAbsent(stream) && !stream.isBool())
        return fail(QStringLiteral("stream"), QStringLiteral("must be a boolean"));

    if (Error e = validateSystem(request.value(QLatin1String("system"))))
        return e;
    if (Error e = validateTools(request.value(QLatin1String("tools"))))
        return e;
    return validateThinking(request.value(QLatin1String("thinking")));
}

} // namespace kt
