#pragma once
// Compact JSON pieces written without building documents, for the per-event hot path.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

// The JSON string literal for text, quotes included.
QByteArray jsonString(const QString &text);
QByteArray compactJson(const QJsonObject &object);

} // namespace kt
