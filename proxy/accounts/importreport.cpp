#include "accounts/importreport.h"

#include <QJsonArray>

namespace kt {

QJsonObject ImportEntryResult::toJson() const
{
    QJsonObject o{{QStringLiteral("index"), index},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("authMethod"), authMethod},
                  {QStringLiteral("region"), region},
                  {QStringLiteral("format"), format}};
    o.insert(QStringLiteral("accountId"), accountId > 0 ? QJsonValue(double(accountId)) : QJsonValue(QJsonValue::Null));
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

int ImportReport::count(const QString &status) const
{
    int n = 0;
    for (const ImportEntryResult &e : entries)
        n += e.status == status ? 1 : 0;
    return n;
}

QJsonObject ImportReport::toJson() const
{
    QJsonArray list;
    QJsonObject summary;
    for (const ImportEntryResult &e : entries) {
        list.append(e.toJson());
        summary.insert(e.status, summary.value(e.status).toInt() + 1);
    }
    QJsonObject o{{QStringLiteral("format"), format},
                  {QStringLiteral("dryRun"), dryRun},
                  {QStringLiteral("entries"), list},
                  {QStringLiteral("summary"), summary}};
    o.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    return o;
}

} // namespace kt
