#include "testcredentials.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kt::test {

Credential numberedCredential(int n, const QString &prefix)
{
    Credential c;
    c.id = n;
    c.refreshToken = QStringLiteral("%1%2-0123456789abcdef0123456789").arg(prefix).arg(n);
    c.email = QStringLiteral("user%1@example.com").arg(n);
    c.authMethod = AuthMethod::Social;
    return c;
}

QList<Credential> numberedCredentials(int from, int to)
{
    QList<Credential> list;
    for (int n = from; n <= to; ++n)
        list.append(numberedCredential(n));
    return list;
}

QByteArray credentialsJson(const QList<Credential> &credentials)
{
    QJsonArray array;
    for (const Credential &c : credentials)
        array.append(c.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QJsonObject socialAccount(const QString &refreshToken, const QJsonObject &extra)
{
    QJsonObject o{{QStringLiteral("refreshToken"), refreshToken}, {QStringLiteral("authMethod"), QStringLiteral("social")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace kt::test
