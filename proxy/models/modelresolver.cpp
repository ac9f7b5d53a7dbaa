#include "models/modelresolver.h"

#include <QRegularExpression>

#include <algorithm>

namespace kt {

namespace {

int number(const QString &s)
{
    return s.isEmpty() ? -1 : s.toInt();
}

} // namespace

ModelResolver::ModelResolver(const QList<KiroModel> &available, const QHash<QString, QString> &aliases)
    : m_available(available)
{
    for (qsizetype i = 0; i < m_available.size(); ++i)
        m_byId.insert(m_available.at(i).id.toLower(), i);
    for (auto it = aliases.constBegin(); it != aliases.constEnd(); ++it)
        m_aliases.insert(it.key().trimmed().toLower(), it.value().trimmed());
}

ModelName ModelResolver::parse(const QString &id)
{
    static const QRegularExpression bracket(QStringLiteral("\\[[^\\]]*\\]$"));
    static const QRegularExpression familyFirst(
        QStringLiteral("^claude-(opus|sonnet|haiku|fable)-(\\d+)(?:[.-](\\d{1,2}))?(?:-(?:\\d{8}|latest))?$"));
    static const QRegularExpression versionFirst(
        QStringLiteral("^claude-(\\d+)(?:[.-](\\d{1,2}))?-(opus|sonnet|haiku)(?:-(?:\\d{8}|latest))?$"));
    static const QRegularExpression familyOnly(QStringLiteral("^claude-(opus|sonnet|haiku|fable)(?:-latest)?$"));

    ModelName n;
    QString s = id.trimmed().toLower();
    s.remove(bracket);
    if (s.endsWith(QLatin1String("-thinking"))) {
        s.chop(9);
        n.thinking = true;
    }
    n.base = s;
    n.kiroForm = s;
    if (const auto m = familyFirst.match(s); m.hasMatch()) {
        n.family = m.captured(1);
        n.major = number(m.captured(2));
        n.minor = number(m.captured(3));
    } else if (const auto m2 = versionFirst.match(s); m2.hasMatch()) {
        n.family = m2.captured(3);
        n.major = number(m2.captured(1));
        n.minor = number(m2.captured(2));
    } else if (const auto m3 = familyOnly.match(s); m3.hasMatch()) {
        n.family = m3.captured(1);
    }
    if (!n.family.isEmpty() && n.major >= 0) {
        n.kiroForm = QStringLiteral("claude-%1-%2").arg(n.family).arg(n.major);
        if (n.minor >= 0)
            n.kiroForm += QLatin1Char('.') + QString::number(n.minor);
    }
    return n;
}

const KiroModel *ModelResolver::find(const QString &id) const
{
    const auto it = m_byId.constFind(id.toLower());
    return it == m_byId.cend() ? nullptr : &m_available.at(*it);
}

const KiroModel *ModelResolver::newestOfFamily(const QString &family) const
{
    const KiroModel *best = nullptr;
    std::pair<int, int> bestVersion{-2, -2};
    for (const KiroModel &m : m_available) {
        const ModelName n = parse(m.id);
        if (n.family != family || n.thinking)
            continue;
        const std::pair<int, int> version{n.major, n.minor};
        if (!best || version > bestVersion) {
            best = &m;
            bestVersion = version;
        }
    }
    return best;
}

std::variant<ResolvedModel, QString> ModelResolver::resolve(const QString &requested) const
{
    const ModelName n = parse(requested);
    ResolvedModel r;
    r.requested = requested;
    r.thinking = n.thinking;
    const auto done = [&r](const QString &rule, const KiroModel &model) {
        r.rule = rule;
        r.model = model;
        r.kiroModelId = model.id;
        return r;
    };
    for (const QString &key : {requested.trimmed().toLower(), n.base}) {
        const auto alias = m_aliases.constFind(key);
        if (alias == m_aliases.cend() || alias->isEmpty())
            continue;
        if (const KiroModel *m = find(*alias))
            return done(QStringLiteral("alias"), *m);
        KiroModel unlisted;
        unlisted.id = *alias;
        unlisted.name = *alias;
        return done(QStringLiteral("alias"), unlisted);
    }
    for (const QString &id : {n.kiroForm, n.base}) {
        if (const KiroModel *m = find(id))
            return done(QStringLiteral("exact"), *m);
    }
    if (!n.family.isEmpty()) {
        if (const KiroModel *m = newestOfFamily(n.family))
            return done(QStringLiteral("family"), *m);
    }
    QStringList ids;
    for (const KiroModel &m : m_available)
        ids.append(m.id);
    std::sort(ids.begin(), ids.end());
    if (requested.trimmed().isEmpty())
        return QStringLiteral("model: must not be empty; available models: %1").arg(ids.join(QLatin1String(", ")));
    return QStringLiteral("model: '%1' is not offered by any Kiro account; available models: %2 (GET /v1/models lists them; "
                       "modelAliases in config.json can map an id to one of them)")
            .arg(requested.left(100), ids.isEmpty() ? QStringLiteral("none") : ids.join(QLatin1String(", ")));
}

} // namespace kt
