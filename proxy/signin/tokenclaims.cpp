#include "signin/tokenclaims.h"

#include <QByteArray>
#include <QJsonDocument>

namespace kt::TokenClaims {

QJsonObject payload(const QString &jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts.at(1).size() > 16384)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return QJsonDocument::fromJson(*decoded).object();
}

QString email(const QStringList &tokens)
{
    for (const QString &token : tokens) {
        const QString e = payload(token).value(QStringLiteral("email")).toString().trimmed();
        if (e.contains(QLatin1Char('@')) && e.size() <= 254)
            return e;
    }
    return {};
}

} // namespace kt::TokenClaims
