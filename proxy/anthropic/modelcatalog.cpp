#include "anthropic/modelcatalog.h"

#include <QDateTime>
#include <QJsonArray>

namespace kt {

bool ModelCatalog::impliesThinking(const QString &anthropicModel)
{
    return anthropicModel.contains(QLatin1String("thinking"), Qt::CaseInsensitive);
}

QString ModelCatalog::ownerOf(const QString &modelId)
{
    static const std::pair<const char *, const char *> owners[] = {
        {"claude", "anthropic"}, {"deepseek", "deepseek"}, {"glm", "zhipu"}, {"qwen", "alibaba"},
        {"minimax", "minimax"}, {"gpt", "openai"}};
    const QString id = modelId.toLower();
    for (const auto &[prefix, owner] : owners) {
        if (id.startsWith(QLatin1String(prefix)))
            return QString::fromLatin1(owner);
    }
    return QStringLiteral("kiro");
}

QJsonObject ModelCatalog::modelJson(const KiroModel &m, qint64 listedAt)
{
    const qint64 created = m.created > 0 ? m.created : listedAt;
    QJsonObject o{
        {QStringLiteral("type"), QStringLiteral("model")},
        {QStringLiteral("id"), m.id},
        {QStringLiteral("display_name"), m.name.isEmpty() ? m.id : m.name},
        {QStringLiteral("created_at"), QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), created},
        {QStringLiteral("owned_by"), ownerOf(m.id)},
    };
    if (m.maxInputTokens > 0)
        o.insert(QStringLiteral("context_window"), m.maxInputTokens);
    if (m.maxOutputTokens > 0)
        o.insert(QStringLiteral("max_tokens"), m.maxOutputTokens);
    return o;
}

QJsonObject ModelCatalog::modelsListJson(const QList<KiroModel> &models, qint64 listedAt)
{
    QJsonArray data;
    for (const KiroModel &m : models)
        data.append(modelJson(m, listedAt));
    return QJsonObject{
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("data"), data},
        {QStringLiteral("has_more"), false},
        {QStringLiteral("first_id"), models.isEmpty() ? QJsonValue() : QJsonValue(models.first().id)},
        {QStringLiteral("last_id"), models.isEmpty() ? QJsonValue() : QJsonValue(models.last().id)},
    };
}

} // namespace kt
