#pragma once
// Model catalogues the fake serves from ListAvailableModels, shaped like the capture in
// docs/protocol.md#model-catalogue: the pre-catalogue table, a current paid plan (Opus 5 with a full
// additionalModelRequestFieldsSchema, Sonnet 5 with an empty one) and a free plan without Opus.
#include <QJsonArray>
#include <QJsonObject>

namespace kt::fake {

namespace FakeModels {

QJsonObject entry(const QString &id, qint64 maxInput, qint64 maxOutput, const QJsonObject &schema = {});
QJsonObject opus5Schema();   // thinking adaptive|disabled + display, output_config.effort, max_tokens 1024..128000
QJsonArray legacy();         // claude-sonnet-4.6/opus-4.6 (1M), opus-4.5/sonnet-4.5/haiku-4.5 (200K); no schema
QJsonArray paid();           // auto, claude-opus-5, claude-opus-4.8, claude-opus-4.7, claude-sonnet-5, claude-sonnet-4.6, claude-haiku-4.5, deepseek-3.2, glm-5
QJsonArray free();           // auto, claude-sonnet-4.5, claude-sonnet-4.6, claude-haiku-4.5, qwen3-coder-next

} // namespace FakeModels
} // namespace kt::fake
