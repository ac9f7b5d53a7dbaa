#pragma once
// Shared by the Credential and CredentialsFile suites: a refresh token of the real shape, and
// JSON text as an object.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace kt::test {

inline const QString kRefresh = QStringLiteral("aorAAAAAGexampleRefreshToken");

inline QJsonObject obj(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace kt::test
