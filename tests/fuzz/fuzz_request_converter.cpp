// Fuzzes the request side: RequestConverter::parseBody, TokenEstimator::countRequestTokens and
// RequestConverter::convert, for the body as an Anthropic request and as what the OpenAI Chat
// Completions and Responses translators make of it. Every input must end in a 400 with a message,
// or in a Kiro body that the upstream accepts: non-empty contents, strict user/assistant
// alternation, paired tools.
#include "fuzzcheck.h"

#include "anthropic/requestconverter.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/toolconverter.h"
#include "openai/chatrequesttranslator.h"
#include "openai/responsesrequesttranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

#include <cstddef>
#include <cstdint>

using namespace kt;

namespace {

void checkBadRequest(const ApiError &error)
{
    KT_FUZZ_CHECK(error.httpStatus == 400);
    KT_FUZZ_CHECK(error.type == QLatin1String("invalid_request_error"));
    KT_FUZZ_CHECK(!error.message.trimmed().isEmpty());
}

// Kiro rejects null anywhere in the body.
bool hasNull(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return true;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (hasNull(item))
                return true;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (hasNull(it.value()))
                return true;
        }
    }
    return false;
}

qsizetype codePoints(const QString &text)
{
    return text.toUcs4().size();
}

bool isUuid(const QJsonValue &value)
{
    return value.isString() && value.toString().size() == 36 && !QUuid::fromString(value.toString()).isNull();
}

void checkUserMessage(const QJsonObject &message, const QString &modelId)
{
    KT_FUZZ_CHECK(message.value(QLatin1String("content")).isString());
    KT_FUZZ_CHECK(!message.value(QLatin1String("content")).toString().isEmpty());
    KT_FUZZ_CHECK(message.value(QLatin1String("modelId")).toString() == modelId);
    KT_FUZZ_CHECK(message.value(QLatin1String("origin")).toString() == QLatin1String("AI_EDITOR"));
}

struct ToolBook {
    QSet<QString> declared;  // every toolUseId seen so far
    QSet<QString> open;      // declared, not yet answered
    QSet<QString> usedNames; // lower-case names of the tool uses in history
};

void checkResults(const QJsonObject &message, ToolBook &book)
{
    const QJsonArray results = message.value(QLatin1String("userInputMessageContext")).toObject()
                                   .value(QLatin1String("toolResults")).toArray();
    for (const QJsonValue &value : results) {
        const QString id = value.toObject().value(QLatin1String("toolUseId")).toString();
        KT_FUZZ_CHECK(book.open.remove(id)); // answers an earlier, still open tool use (once)
    }
}

void checkConverted(const QJsonObject &request, const ConvertedRequest &converted)
{
    KT_FUZZ_CHECK(converted.estimatedInputTokens >= 1);
    KT_FUZZ_CHECK(converted.estimatedInputTokens == TokenEstimator::countRequestTokens(request));
    KT_FUZZ_CHECK(!converted.kiroModelId.isEmpty());
    KT_FUZZ_CHECK(!hasNull(converted.kiroBody));

    const QJsonObject state = converted.kiroBody.value(QLatin1String("conversationState")).toObject();
    KT_FUZZ_CHECK(isUuid(state.value(QLatin1String("conversationId"))));
    KT_FUZZ_CHECK(state.value(QLatin1String("chatTriggerType")).toString() == QLatin1String("MANUAL"));

    ToolBook book;
    const QJsonValue historyValue = state.value(QLatin1String("history"));
    KT_FUZZ_CHECK(historyValue.isUndefined() || !historyValue.toArray().isEmpty()); // never an empty array
    const QJsonArray history = historyValue.toArray();
    KT_FUZZ_CHECK(history.size() % 2 == 0); // starts with user, alternates, ends with assistant
    for (qsizetype i = 0; i < history.size(); ++i) {
        const QJsonObject entry = history.at(i).toObject();
        KT_FUZZ_CHECK(entry.size() == 1);
        if (i % 2 == 0) {
            const QJsonObject user = entry.value(QLatin1String("userInputMessage")).toObject();
            KT_FUZZ_CHECK(!user.isEmpty());
            checkUserMessage(user, converted.kiroModelId);
            KT_FUZZ_CHECK(!user.value(QLatin1String("userInputMessageContext")).toObject().contains(QLatin1String("tools")));
            checkResults(user, book);
        } else {
            const QJsonObject assistant = entry.value(QLatin1String("assistantResponseMessage")).toObject();
            KT_FUZZ_CHECK(!assistant.isEmpty());
            KT_FUZZ_CHECK(!assistant.value(QLatin1String("content")).toString().isEmpty());
            const QJsonArray uses = assistant.value(QLatin1String("toolUses")).toArray();
            for (const QJsonValue &value : uses) {
                const QJsonObject use = value.toObject();
                const QString id = use.value(QLatin1String("toolUseId")).toString();
                KT_FUZZ_CHECK(!id.isEmpty());
                KT_FUZZ_CHECK(!book.declared.contains(id));
                book.declared.insert(id);
                book.open.insert(id);
                book.usedNames.insert(use.value(QLatin1String("name")).toString().toLower());
                KT_FUZZ_CHECK(use.value(QLatin1String("input")).isObject());
            }
        }
    }

    const QJsonObject current = state.value(QLatin1String("currentMessage")).toObject()
                                    .value(QLatin1String("userInputMessage")).toObject();
    checkUserMessage(current, converted.kiroModelId);
    KT_FUZZ_CHECK(current.value(QLatin1String("userInputMessageContext")).isObject());
    checkResults(current, book);
    KT_FUZZ_CHECK(book.open.isEmpty()); // every tool use in history is answered

    const QJsonArray tools = current.value(QLatin1String("userInputMessageContext")).toObject()
                                 .value(QLatin1String("tools")).toArray();
    QSet<QString> toolNames;
    for (const QJsonValue &value : tools) {
        const QJsonObject spec = value.toObject().value(QLatin1String("toolSpecification")).toObject();
        const QString name = spec.value(QLatin1String("name")).toString();
        KT_FUZZ_CHECK(!name.isEmpty());
        KT_FUZZ_CHECK(codePoints(name) <= ToolConverter::MaxNameLength);
        KT_FUZZ_CHECK(!spec.value(QLatin1String("description")).toString().isEmpty());
        KT_FUZZ_CHECK(codePoints(spec.value(QLatin1String("description")).toString()) <= ToolConverter::MaxDescriptionLength);
        KT_FUZZ_CHECK(spec.value(QLatin1String("inputSchema")).toObject().value(QLatin1String("json")).isObject());
        toolNames.insert(name.toLower());
    }
    for (const QString &used : std::as_const(book.usedNames))
        KT_FUZZ_CHECK(toolNames.contains(used)); // history tools are declared (placeholders)
    for (auto it = converted.toolNameMap.constBegin(); it != converted.toolNameMap.constEnd(); ++it) {
        KT_FUZZ_CHECK(codePoints(it.key()) <= ToolConverter::MaxNameLength);
        KT_FUZZ_CHECK(ToolConverter::shortenName(it.value()) == it.key());
    }

    // What is sent must survive the trip through JSON text unchanged.
    const QByteArray wire = QJsonDocument(converted.kiroBody).toJson(QJsonDocument::Compact);
    KT_FUZZ_CHECK(QJsonDocument::fromJson(wire).object() == converted.kiroBody);
}

void convertAndCheck(const QJsonObject &request, const ConversionOptions &options)
{
    KT_FUZZ_CHECK(TokenEstimator::countRequestTokens(request) >= 1);
    auto result = RequestConverter::convert(request, options);
    if (const ApiError *error = std::get_if<ApiError>(&result)) {
        checkBadRequest(*error);
        return;
    }
    const ConvertedRequest &converted = std::get<ConvertedRequest>(result);
    checkConverted(request, converted);
    KT_FUZZ_CHECK(converted.kiroBody.value(QLatin1String("profileArn")).toString() == options.profileArn);
}

void translateAndCheck(const std::variant<TranslatedRequest, ApiError> &translated, const ConversionOptions &options)
{
    if (const ApiError *error = std::get_if<ApiError>(&translated))
        return checkBadRequest(*error);
    convertAndCheck(std::get<TranslatedRequest>(translated).messages, options);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = RequestConverter::parseBody(body);
    if (const ApiError *error = std::get_if<ApiError>(&parsed)) {
        checkBadRequest(*error);
        return 0;
    }
    const QJsonObject request = std::get<QJsonObject>(parsed);
    ConversionOptions options;
    if (size % 2)
        options.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/FUZZ");
    convertAndCheck(request, options);
    translateAndCheck(ChatRequestTranslator::translate(request), options);
    translateAndCheck(ResponsesRequestTranslator::translate(request), options);
    return 0;
}
