#include "anthropic/requestconverter.h"

#include "anthropic/historybuilder.h"
#include "anthropic/modelcatalog.h"
#include "models/fallbackmodels.h"
#include "models/modelrequestfields.h"
#include "anthropic/requestvalidator.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/toolconverter.h"
#include "anthropic/websearchhistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace kt {

namespace {

constexpr int kMaxThinkingBudget = 24576;
constexpr int kDefaultThinkingBudget = 20000;

QString enabledPrefix(int budget)
{
    return QStringLiteral("<thinking_mode>enabled</thinking_mode><max_thinking_length>%1</max_thinking_length>")
        .arg(std::min(budget, kMaxThinkingBudget));
}

QString adaptivePrefix(const QString &effort)
{
    static const QStringList known{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};
    const QString level = known.contains(effort.toLower()) ? effort.toLower() : QStringLiteral("high");
    return QStringLiteral("<thinking_mode>adaptive</thinking_mode><thinking_effort>%1</thinking_effort>").arg(level);
}

bool hasThinkingTags(const QString &text)
{
    return text.contains(QLatin1String("<thinking_mode>")) || text.contains(QLatin1String("<max_thinking_length>"))
        || text.contains(QLatin1String("<thinking_effort>"));
}

QString systemText(const QJsonValue &system)
{
    if (system.isString())
        return system.toString();
    QStringList parts;
    const QJsonArray blocks = system.toArray();
    for (const QJsonValue &block : blocks) {
        const QString text = block.toObject().value(QLatin1String("text")).toString();
        if (!text.isEmpty())
            parts.append(text);
    }
    return parts.join(QLatin1Char('\n'));
}

// System text with the thinking prefix in front, or the bare prefix when there is no system prompt.
// Claude Code puts some instructions in `messages` with role "system". The Messages API has no
// such role there, Kiro neither: they join the system prompt, in order, and leave the turns.
QJsonObject foldSystemMessages(const QJsonObject &request)
{
    const QJsonValue messagesValue = request.value(QLatin1String("messages"));
    if (!messagesValue.isArray())
        return request;
    QJsonArray messages;
    QJsonArray extra;
    for (const QJsonValue &v : messagesValue.toArray()) {
        const QJsonObject m = v.toObject();
        if (!v.isObject() || m.value(QLatin1String("role")).toString() != QLatin1String("system")) {
            messages.append(v);
            continue;
        }
        const QJsonValue content = m.value(QLatin1String("content"));
        if (content.isString())
            extra.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), content.toString()}});
        else if (content.isArray())
            for (const QJsonValue &block : content.toArray())
                if (block.toObject().value(QLatin1String("type")).toString() == QLatin1String("text"))
                    extra.append(block);
    }
    if (messages.size() == messagesValue.toArray().size())
        return request;
    QJsonObject folded = request;
    folded.insert(QStringLiteral("messages"), messages);
    if (!extra.isEmpty()) {
        const QJsonValue system = request.value(QLatin1String("system"));
        QJsonArray blocks;
        if (system.isString() && !system.toString().isEmpty())
            blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), system.toString()}});
        else if (system.isArray())
            blocks = system.toArray();
        for (const QJsonValue &block : extra)
            blocks.append(block);
        folded.insert(QStringLiteral("system"), blocks);
    }
    return folded;
}

QString instructionContent(const QString &system, const QString &prefix)
{
    const bool hasSystem = !system.trimmed().isEmpty();
    if (prefix.isEmpty() || (hasSystem && hasThinkingTags(system)))
        return hasSystem ? system : QString();
    return hasSystem ? prefix + QLatin1Char('\n') + system : prefix;
}

} // namespace

QString RequestConverter::thinkingPrefix(const QJsonObject &request, const QString &kiroModelId)
{
    if (ModelCatalog::impliesThinking(request.value(QLatin1String("model")).toString())) {
        return kiroModelId == QLatin1String("claude-opus-4.6") ? adaptivePrefix(QStringLiteral("high"))
                                                               : enabledPrefix(kDefaultThinkingBudget);
    }
    const QJsonObject thinking = request.value(QLatin1String("thinking")).toObject();
    const QString type = thinking.value(QLatin1String("type")).toString();
    if (type == QLatin1String("enabled"))
        return enabledPrefix(int(std::min<double>(
            thinking.value(QLatin1String("budget_tokens")).toDouble(kDefaultThinkingBudget), kMaxThinkingBudget)));
    if (type == QLatin1String("adaptive")) {
        QString effort = request.value(QLatin1String("output_config")).toObject().value(QLatin1String("effort")).toString();
        if (effort.isEmpty())
            effort = thinking.value(QLatin1String("effort")).toString();
        return adaptivePrefix(effort);
    }
    return {};
}

std::variant<QJsonObject, ApiError> RequestConverter::parseBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return ApiError::invalidRequest(
            QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return ApiError::invalidRequest(QStringLiteral("body must be a JSON object"));
    return doc.object();
}

std::variant<ConvertedRequest, ApiError> RequestConverter::convert(const QJsonObject &originalRequest,
                                                                    const ConversionOptions &options)
{
    const QJsonObject request = foldSystemMessages(originalRequest);
    if (std::optional<ApiError> error = RequestValidator::validate(request))
        return *error;

    ConvertedRequest out;
    out.requestedModel = request.value(QLatin1String("model")).toString();
    ResolvedModel model;
    if (options.model) {
        model = *options.model;
    } else {
        auto resolved = ModelResolver(FallbackModels::models(), {}).resolve(out.requestedModel);
        if (auto *message = std::get_if<QString>(&resolved))
            return ApiError::invalidRequest(*message);
        model = std::get<ResolvedModel>(std::move(resolved));
    }
    out.kiroModelId = model.kiroModelId;
    out.model = model;
    out.contextWindow = model.model.maxInputTokens;
    out.stream = request.value(QLatin1String("stream")).toBool(false);
    out.estimatedInputTokens = TokenEstimator::countRequestTokens(request);
    if (options.promptTooLongPercent > 0 && out.contextWindow > 0
        && qint64(out.estimatedInputTokens) * 100 > out.contextWindow * options.promptTooLongPercent)
        return ApiError::invalidRequest(QStringLiteral("prompt is too long: %1 tokens > %2 maximum")
                                            .arg(out.estimatedInputTokens).arg(out.contextWindow));

    // Native fields where the model's schema takes them; the prompt tags only where it takes no thinking.
    const QJsonObject fields = ModelRequestFields::build(request, model.model, model.thinking);
    const bool nativeThinking = ModelRequestFields::enablesThinking(fields);
    const QString prefix = nativeThinking ? QString() : thinkingPrefix(request, out.kiroModelId);
    out.thinkingEnabled = !prefix.isEmpty() || nativeThinking;
    const QString instructions = instructionContent(systemText(request.value(QLatin1String("system"))), prefix);

    const HistoryBuilder::Result built = HistoryBuilder::build(WebSearchHistory::expand(request.value(QLatin1String("messages")).toArray()),
                                                               instructions, out.kiroModelId, out.toolNameMap);
    // A deferred tool goes upstream in full once tool search loaded it or the history uses it;
    // Kiro wants every tool of the history declared.
    QStringList loaded = built.referencedToolNames;
    for (const QString &name : built.historyToolNames)
        loaded.append(out.toolNameMap.value(name, name));
    QJsonArray anthropicTools = request.value(QLatin1String("tools")).toArray();
    out.webSearch = WebSearchTool::from(anthropicTools);
    if (out.webSearch) {
        anthropicTools.append(out.webSearch->asClientTool());
        out.anthropicRequest = request;
    }
    QJsonArray tools = ToolConverter::convertTools(anthropicTools, out.toolNameMap, loaded);
    ToolConverter::addHistoryPlaceholders(tools, built.historyToolNames);

    QJsonObject current = built.currentMessage;
    if (!tools.isEmpty()) {
        QJsonObject message = current.value(QLatin1String("userInputMessage")).toObject();
        QJsonObject context = message.value(QLatin1String("userInputMessageContext")).toObject();
        context.insert(QStringLiteral("tools"), tools);
        message.insert(QStringLiteral("userInputMessageContext"), context);
        current.insert(QStringLiteral("userInputMessage"), message);
    }

    out.conversation = ConversationKey::fromRequest(originalRequest);
    QJsonObject state{{QStringLiteral("agentContinuationId"), out.conversation.agentContinuationId},
                      {QStringLiteral("agentTaskType"), QStringLiteral("vibe")},
                      {QStringLiteral("chatTriggerType"), QStringLiteral("MANUAL")},
                      {QStringLiteral("conversationId"), out.conversation.conversationId},
                      {QStringLiteral("currentMessage"), current}};
    if (!built.history.isEmpty())
        state.insert(QStringLiteral("history"), built.history);

    out.kiroBody.insert(QStringLiteral("conversationState"), state);
    if (!fields.isEmpty())
        out.kiroBody.insert(QStringLiteral("additionalModelRequestFields"), fields);
    if (!options.profileArn.isEmpty())
        out.kiroBody.insert(QStringLiteral("profileArn"), options.profileArn);
    return out;
}

} // namespace kt
