#include "anthropic/websearchresults.h"

#include "anthropic/citationmarkers.h"
#include "anthropic/websearchtool.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>

namespace kt::WebSearchResults {

namespace {

QString randomAlnum(int length, bool lowerOnly)
{
    static const QString all = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    static const QString lower = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789");
    const QString &set = lowerOnly ? lower : all;
    QString out;
    for (int i = 0; i < length; ++i)
        out += set.at(QRandomGenerator::global()->bounded(int(set.size())));
    return out;
}

QString pageAge(qint64 publishedMs)
{
    if (publishedMs <= 0)
        return {};
    return QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(publishedMs, Qt::UTC).date(), QStringLiteral("MMMM d, yyyy"));
}

} // namespace

QByteArray mcpRequestBody(const QString &query)
{
    const QString id = QStringLiteral("web_search_tooluse_%1_%2_%3")
                           .arg(randomAlnum(22, false)).arg(QDateTime::currentMSecsSinceEpoch()).arg(randomAlnum(8, true));
    const QJsonObject params{{QStringLiteral("name"), QStringLiteral("web_search")},
                             {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("query"), query}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("method"), QStringLiteral("tools/call")},
                                     {QStringLiteral("params"), params}})
        .toJson(QJsonDocument::Compact);
}

WebSearchOutcome parseMcpReply(int httpStatus, const QByteArray &body)
{
    if (httpStatus == 429)
        return WebSearchOutcome::failed(QStringLiteral("too_many_requests"));
    const WebSearchOutcome unavailable = WebSearchOutcome::failed(QStringLiteral("unavailable"));
    if (httpStatus != 200)
        return unavailable;
    const QJsonObject reply = QJsonDocument::fromJson(body).object();
    const QJsonObject result = reply.value(QLatin1String("result")).toObject();
    if (reply.contains(QLatin1String("error")) || result.isEmpty() || result.value(QLatin1String("isError")).toBool())
        return unavailable;
    const QJsonArray content = result.value(QLatin1String("content")).toArray();
    QJsonParseError error;
    const QJsonDocument payload = QJsonDocument::fromJson(content.first().toObject().value(QLatin1String("text")).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !payload.isObject())
        return unavailable;
    const QJsonValue payloadError = payload.object().value(QLatin1String("error"));
    if (!payloadError.isNull() && !payloadError.isUndefined() && !(payloadError.isString() && payloadError.toString().isEmpty()))
        return unavailable;
    WebSearchOutcome outcome;
    for (const QJsonValue &value : payload.object().value(QLatin1String("results")).toArray()) {
        const QJsonObject hit = value.toObject();
        const QString url = hit.value(QLatin1String("url")).toString();
        if (url.isEmpty())
            continue;
        outcome.hits.append({hit.value(QLatin1String("title")).toString(url), url, hit.value(QLatin1String("snippet")).toString(),
                             qint64(hit.value(QLatin1String("publishedDate")).toDouble(0))});
    }
    return outcome;
}

WebSearchOutcome filtered(WebSearchOutcome outcome, const WebSearchTool &tool)
{
    outcome.hits.removeIf([&tool](const WebSearchHit &hit) { return !tool.allows(hit.url); });
    return outcome;
}

QJsonValue blockContent(const WebSearchOutcome &outcome)
{
    if (!outcome.errorCode.isEmpty())
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("web_search_tool_result_error")},
                           {QStringLiteral("error_code"), outcome.errorCode}};
    QJsonArray results;
    for (const WebSearchHit &hit : outcome.hits) {
        const QString age = pageAge(hit.publishedMs);
        results.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("web_search_result")},
                                   {QStringLiteral("title"), hit.title},
                                   {QStringLiteral("url"), hit.url},
                                   {QStringLiteral("encrypted_content"), hit.snippet},
                                   {QStringLiteral("page_age"), age.isEmpty() ? QJsonValue() : QJsonValue(age)}});
    }
    return results;
}

QString modelText(const QJsonValue &content, int firstNumber)
{
    if (content.isObject())
        return QStringLiteral("The web search failed (%1).").arg(content.toObject().value(QLatin1String("error_code")).toString());
    const QJsonArray results = content.toArray();
    if (results.isEmpty())
        return QStringLiteral("No results found.");
    QStringList parts;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        QString part = QStringLiteral("%1. %2\nURL: %3").arg(firstNumber + i).arg(r.value(QLatin1String("title")).toString(),
                                                              r.value(QLatin1String("url")).toString());
        if (const QString age = r.value(QLatin1String("page_age")).toString(); !age.isEmpty())
            part += QStringLiteral("\nPublished: ") + age;
        if (const QString text = r.value(QLatin1String("encrypted_content")).toString(); !text.isEmpty())
            part += QLatin1Char('\n') + text;
        parts.append(part);
    }
    parts.append(CitationMarkers::instruction());
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace kt::WebSearchResults
