#include "anthropic/modelcatalog.h"

#include <QDateTime>
#include <QJsonArray>

namespace kt {

namespace {

struct BaseModel {
    const char *id;
    const char *displayName;
    const char *kiroModelId;
    qint64 created;
};

// Release dates as R1 publishes them (midnight UTC).
constexpr BaseModel kBaseModels[] = {
    {"claude-opus-4-6", "Claude Opus 4.6", "claude-opus-4.6", 1770163200},
    {"claude-sonnet-4-6", "Claude Sonnet 4.6", "claude-sonnet-4.6", 1771286400},
    {"claude-opus-4-5-20251101", "Claude Opus 4.5", "claude-opus-4.5", 1763942400},
    {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "claude-sonnet-4.5", 1759104000},
    {"claude-haiku-4-5-20251001", "Claude Haiku 4.5", "claude-haiku-4.5", 1760486400},
};

constexpr int kMaxOutputTokens = 64000;

} // namespace

QList<ModelInfo> ModelCatalog::models()
{
    QList<ModelInfo> list;
    for (const BaseModel &base : kBaseModels) {
        const ModelInfo plain{QString::fromLatin1(base.id), QString::fromLatin1(base.displayName),
                              QString::fromLatin1(base.kiroModelId), false, kMaxOutputTokens, base.created};
        ModelInfo thinking = plain;
        thinking.id += QStringLiteral("-thinking");
        thinking.displayName += QStringLiteral(" (Thinking)");
        thinking.thinking = true;
        list << plain << thinking;
    }
    return list;
}

std::optional<QString> ModelCatalog::kiroModelId(const QString &anthropicModel)
{
    const QString name = anthropicModel.toLower();
    const auto has = [&name](const char *needle) { return name.contains(QLatin1String(needle)); };
    if (has("sonnet"))
        return (has("4-6") || has("4.6")) ? QStringLiteral("claude-sonnet-4.6") : QStringLiteral("claude-sonnet-4.5");
    if (has("opus"))
        return (has("4-5") || has("4.5")) ? QStringLiteral("claude-opus-4.5") : QStringLiteral("claude-opus-4.6");
    if (has("haiku"))
        return QStringLiteral("claude-haiku-4.5");
    return std::nullopt;
}

bool ModelCatalog::impliesThinking(const QString &anthropicModel)
{
    return anthropicModel.contains(QLatin1String("thinking"), Qt::CaseInsensitive);
}

int ModelCatalog::contextWindow(const QString &kiroModelId)
{
    if (kiroModelId == QLatin1String("claude-sonnet-4.6") || kiroModelId == QLatin1String("claude-opus-4.6"))
        return 1'000'000;
    return 200'000;
}

QJsonObject ModelCatalog::modelsListJson()
{
    QJsonArray data;
    const QList<ModelInfo> list = models();
    for (const ModelInfo &m : list) {
        const QString createdAt =
            QDateTime::fromSecsSinceEpoch(m.created, Qt::UTC).toString(Qt::ISODate);
        data.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("model")},
            {QStringLiteral("id"), m.id},
            {QStringLiteral("display_name"), m.displayName},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("object"), QStringLiteral("model")},
            {QStringLiteral("created"), m.created},
            {QStringLiteral("owned_by"), QStringLiteral("anthropic")},
            {QStringLiteral("max_tokens"), m.maxTokens},
        });
    }
    return QJsonObject{
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("data"), data},
        {QStringLiteral("has_more"), false},
        {QStringLiteral("first_id"), list.isEmpty() ? QJsonValue() : QJsonValue(list.first().id)},
        {QStringLiteral("last_id"), list.isEmpty() ? QJsonValue() : QJsonValue(list.last().id)},
    };
}

} // namespace kt
