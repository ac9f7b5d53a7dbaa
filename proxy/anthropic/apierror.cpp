#include "anthropic/apierror.h"

#include <QJsonDocument>

namespace kt {

QJsonObject ApiError::toJson() const
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                       {QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}}};
}

QByteArray ApiError::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

} // namespace kt
