#include "anthropic/websearchtool.h"

#include "anthropic/toolconverter.h"

#include <QUrl>

namespace kt {

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        if (v.isString() && !v.toString().trimmed().isEmpty())
            out.append(v.toString().trimmed().toLower());
    return out;
}

// "example.com" matches example.com and any subdomain; an entry may carry a path prefix.
bool matches(const QUrl &url, const QString &entry)
{
    const QString host = url.host().toLower();
    const qsizetype slash = entry.indexOf(QLatin1Char('/'));
    const QString domain = slash < 0 ? entry : entry.left(slash);
    const bool hostMatches = host == domain || host.endsWith(QLatin1Char('.') + domain);
    return hostMatches && (slash < 0 || url.path().startsWith(entry.mid(slash)));
}

} // namespace

std::optional<WebSearchTool> WebSearchTool::from(const QJsonArray &tools)
{
    for (const QJsonValue &value : tools) {
        const QJsonObject tool = value.toObject();
        if (!ToolConverter::isWebSearchTool(tool))
            continue;
        WebSearchTool out;
        const QString name = tool.value(QLatin1String("name")).toString();
        if (!name.isEmpty())
            out.name = name;
        const int maxUses = tool.value(QLatin1String("max_uses")).toInt(0);
        if (maxUses > 0)
            out.maxUses = maxUses;
        out.allowedDomains = strings(tool.value(QLatin1String("allowed_domains")));
        out.blockedDomains = strings(tool.value(QLatin1String("blocked_domains")));
        return out;
    }
    return std::nullopt;
}

QJsonObject WebSearchTool::asClientTool() const
{
    const QJsonObject query{{QStringLiteral("type"), QStringLiteral("string")},
                            {QStringLiteral("description"), QStringLiteral("The search query")}};
    return {{QStringLiteral("name"), name},
            {QStringLiteral("description"),
             QStringLiteral("Search the web for current information. Returns result titles, URLs and excerpts; "
                            "cite the URLs you use.")},
            {QStringLiteral("input_schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                          {QStringLiteral("properties"), QJsonObject{{QStringLiteral("query"), query}}},
                                                          {QStringLiteral("required"), QJsonArray{QStringLiteral("query")}}}}};
}

bool WebSearchTool::allows(const QString &urlText) const
{
    const QUrl url(urlText);
    for (const QString &entry : blockedDomains)
        if (matches(url, entry))
            return false;
    if (allowedDomains.isEmpty())
        return true;
    for (const QString &entry : allowedDomains)
        if (matches(url, entry))
            return true;
    return false;
}

} // namespace kt
