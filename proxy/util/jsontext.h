#pragma once
// Compact JSON pieces written without building documents, for the per-event hot path.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

// The JSON string literal for text, quotes included, byte for byte as QJsonDocument writes it.
QByteArray jsonString(const QString &text);
void appendJsonString(QByteArray &out, const QString &text);
QByteArray compactJson(const QJsonObject &object);

} // namespace kt
