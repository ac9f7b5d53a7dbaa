#pragma once
// Helpers for the request-conversion suites: JSON from text, a conversion that reports its error,
// random ids normalised, and a JSON comparison that prints both sides.
#include "anthropic/requestconverter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QtTest>

#include <optional>

namespace kt::test {

inline const QString AnyUuid = QStringLiteral("<uuid>");

inline QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad test JSON at %d: %s", int(error.offset), qPrintable(error.errorString()));
    return doc.object();
}

inline bool isUuid(const QJsonValue &v)
{
    return v.isString() && v.toString().size() == 36 && !QUuid::fromString(v.toString()).isNull();
}

inline std::optional<ConvertedRequest> convert(const QJsonObject &request, const ConversionOptions &options = {})
{
    auto result = RequestConverter::convert(request, options);
    if (const ApiError *error = std::get_if<ApiError>(&result)) {
        qWarning().noquote() << "conversion failed:" << error->message;
        return std::nullopt;
    }
    return std::get<ConvertedRequest>(result);
}

// Replaces the random ids with "<uuid>" after checking they are UUIDs (conversationId only when asked).
inline QJsonObject normalized(QJsonObject body, bool conversationIdToo = true)
{
    QJsonObject state = body.value("conversationState").toObject();
    for (const char *key : {"agentContinuationId", "conversationId"}) {
        if (QLatin1String(key) == QLatin1String("conversationId") && !conversationIdToo)
            continue;
        if (isUuid(state.value(QLatin1String(key))))
            state.insert(QLatin1String(key), AnyUuid);
    }
    body.insert("conversationState", state);
    return body;
}

inline QString pretty(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

// Wraps history/currentMessage into the body every case shares.
inline QJsonObject body(const QByteArray &currentMessage, const QByteArray &history = {})
{
    QByteArray text = R"({"conversationState":{"agentContinuationId":"<uuid>","agentTaskType":"vibe",
        "chatTriggerType":"MANUAL","conversationId":"<uuid>","currentMessage":)" + currentMessage;
    if (!history.isEmpty())
        text += R"(,"history":)" + history;
    return json(text + "}}");
}

} // namespace kt::test

#define COMPARE_JSON(actual, expected)                                                                  \
    do {                                                                                                \
        const QJsonObject a_ = (actual);                                                                \
        const QJsonObject e_ = (expected);                                                              \
        if (a_ != e_) {                                                                                 \
            qWarning().noquote() << "actual:" << pretty(a_) << "\nexpected:" << pretty(e_);             \
            QFAIL("converted JSON differs from the expected JSON");                                     \
        }                                                                                               \
    } while (false)

