#include "fakemodels.h"

namespace kt::fake::FakeModels {

QJsonObject entry(const QString &id, qint64 maxInput, qint64 maxOutput, const QJsonObject &schema)
{
    QJsonObject o{{QStringLiteral("modelId"), id},
                  {QStringLiteral("modelName"), id},
                  {QStringLiteral("description"), QStringLiteral("Fake %1").arg(id)},
                  {QStringLiteral("rateMultiplier"), 1.0},
                  {QStringLiteral("rateUnit"), QStringLiteral("Credit")},
                  {QStringLiteral("supportedInputTypes"), QJsonArray{QStringLiteral("TEXT"), QStringLiteral("IMAGE")}},
                  {QStringLiteral("tokenLimits"), QJsonObject{{QStringLiteral("maxInputTokens"), double(maxInput)},
                                                              {QStringLiteral("maxOutputTokens"), double(maxOutput)}}}};
    if (!schema.isEmpty())
        o.insert(QStringLiteral("additionalModelRequestFieldsSchema"), schema);
    return o;
}

QJsonObject opus5Schema()
{
    const auto strings = [](std::initializer_list<const char *> values) {
        QJsonArray a;
        for (const char *v : values)
            a.append(QString::fromLatin1(v));
        return a;
    };
    const QJsonObject thinking{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("type")}},
        {QStringLiteral("properties"), QJsonObject{
            {QStringLiteral("type"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("enum"), strings({"adaptive", "disabled"})}}},
            {QStringLiteral("display"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("enum"), strings({"summarized", "omitted"})}}}}}};
    const QJsonObject outputConfig{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("effort"), QJsonObject{
            {QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("enum"), strings({"low", "medium", "high", "xhigh", "max"})},
            {QStringLiteral("default"), QStringLiteral("high")}}}}}};
    const QJsonObject maxTokens{{QStringLiteral("type"), QStringLiteral("integer")},
                                {QStringLiteral("minimum"), 1024}, {QStringLiteral("maximum"), 128000}};
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("additionalProperties"), false},
            {QStringLiteral("properties"), QJsonObject{{QStringLiteral("thinking"), thinking},
                                                      {QStringLiteral("output_config"), outputConfig},
                                                      {QStringLiteral("max_tokens"), maxTokens}}}};
}

QJsonArray legacy()
{
    return {entry(QStringLiteral("claude-sonnet-4.6"), 1000000, 64000), entry(QStringLiteral("claude-opus-4.6"), 1000000, 64000),
            entry(QStringLiteral("claude-opus-4.5"), 200000, 64000), entry(QStringLiteral("claude-sonnet-4.5"), 200000, 64000),
            entry(QStringLiteral("claude-haiku-4.5"), 200000, 64000)};
}

QJsonArray paid()
{
    const QJsonObject empty{{QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), QJsonObject{}}};
    return {entry(QStringLiteral("auto"), 1000000, 64000), entry(QStringLiteral("claude-opus-5"), 1000000, 128000, opus5Schema()),
            entry(QStringLiteral("claude-opus-4.8"), 1000000, 128000, opus5Schema()), entry(QStringLiteral("claude-opus-4.7"), 1000000, 128000),
            entry(QStringLiteral("claude-sonnet-5"), 1000000, 64000, empty), entry(QStringLiteral("claude-sonnet-4.6"), 1000000, 64000),
            entry(QStringLiteral("claude-haiku-4.5"), 200000, 64000), entry(QStringLiteral("deepseek-3.2"), 128000, 32000),
            entry(QStringLiteral("glm-5"), 200000, 32000)};
}

QJsonArray free()
{
    return {entry(QStringLiteral("auto"), 1000000, 64000), entry(QStringLiteral("claude-sonnet-4.5"), 200000, 64000),
            entry(QStringLiteral("claude-sonnet-4.6"), 1000000, 64000), entry(QStringLiteral("claude-haiku-4.5"), 200000, 64000),
            entry(QStringLiteral("qwen3-coder-next"), 256000, 32000)};
}

} // namespace kt::fake::FakeModels
