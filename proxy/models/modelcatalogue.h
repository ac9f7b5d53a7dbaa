#pragma once
// The models one Kiro account may use, as ListAvailableModels describes them (docs/protocol.md#model-catalogue,
// "Reply"): per model its id, context window, output cap and the request fields its schema accepts.
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kt {

struct KiroModel {
    QString id;                       // Kiro modelId, e.g. "claude-opus-4.8", "deepseek-3.2", "auto"
    QString name;                     // modelName (the id when absent)
    QString description;
    qint64 maxInputTokens = 0;        // tokenLimits.maxInputTokens; 0 = unknown
    qint64 maxOutputTokens = 0;       // tokenLimits.maxOutputTokens; 0 = unknown
    double rateMultiplier = 0;        // credits per request relative to 1.0; 0 = unknown
    QStringList inputTypes;           // supportedInputTypes ("TEXT", "IMAGE")
    bool hasRequestFieldsSchema = false;
    QJsonObject requestFieldsSchema;  // additionalModelRequestFieldsSchema (JSON schema of an object)
    qint64 created = 0;               // seconds since the epoch, 0 = unknown (Kiro does not say)

    // The upstream's own shape (docs/protocol.md#model-catalogue), which ModelListParser reads back.
    QJsonObject toJson() const;
};

struct ModelCatalogue {
    QList<KiroModel> models;
    QString defaultModel;
    QDateTime fetchedAt;   // invalid: never fetched; the account then counts as offering FallbackModels
    QString error;         // why the last fetch failed (the previous list is kept)

    bool known() const { return fetchedAt.isValid(); }
    const KiroModel *find(const QString &id) const;
    QStringList ids() const;
    QJsonObject toJson() const;   // for storage: {"fetchedAt", "defaultModel", "models":[upstream entries], "error"}
    static ModelCatalogue fromJson(const QJsonObject &json);
};

} // namespace kt
