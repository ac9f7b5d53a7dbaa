#pragma once
// Compact JSON written straight into one buffer, byte for byte as QJsonDocument::toJson(Compact)
// writes it but without its temporary copy of every string: for the hot path (each stream event,
// each upstream request).
#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace kt {

// The JSON string literal for text, quotes included, byte for byte as QJsonDocument writes it.
QByteArray jsonString(const QString &text);
void appendJsonString(QByteArray &out, const QString &text);
// The text of `literal` when it is exactly one JSON string literal, quotes included, in valid
// UTF-8 and without raw control characters: what QJsonDocument would read from it. Empty when not.
std::optional<QString> readJsonString(QByteArrayView literal);
// A JSON integer, without a temporary.
void appendJsonInteger(QByteArray &out, qint64 value);

QByteArray compactJson(const QJsonObject &object);
void appendCompactJson(QByteArray &out, const QJsonObject &object);
void appendCompactJson(QByteArray &out, const QJsonArray &array);

} // namespace kt
