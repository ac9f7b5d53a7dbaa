#pragma once
// Compact JSON written straight into one buffer, byte for byte as QJsonDocument::toJson(Compact)
// writes it but without its temporary copy of every string: for the hot path (each stream event,
// each upstream request).
#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace kt {

// The JSON string literal for text, quotes included, byte for byte as QJsonDocument writes it.
QByteArray jsonString(const QString &text);
void appendJsonString(QByteArray &out, const QString &text);
QByteArray compactJson(const QJsonObject &object);
void appendCompactJson(QByteArray &out, const QJsonObject &object);
void appendCompactJson(QByteArray &out, const QJsonArray &array);

} // namespace kt
