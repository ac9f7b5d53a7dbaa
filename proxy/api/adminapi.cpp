#include "api/adminapi.h"

#include "pool/overageswitch.h"

#include "pool/accountpool.h"
#include "accounts/kiroidecache.h"
#include "anthropic/modelcatalog.h"
#include "api/adminjson.h"
#include "models/fallbackmodels.h"
#include "config/config.h"
#include "api/adminbackend.h"
#include "signin/signin.h"
#include "storage/requestlog.h"
#include "util/clock.h"

#include <QJsonArray>
#include <cmath>
#include <QTcpSocket>
#include <QUrlQuery>

namespace kt {

struct AdminApi::Call {
    const QHttpServerRequest &request;
    QPointer<QTcpSocket> socket;
    HttpHeaders headers;
    Done done;
    QString method;

    void json(int status, const QJsonObject &body)
    {
        writeJson(socket, status, body, headers);
        done(status, {});
    }
    void error(const ApiError &e)
    {
        writeError(socket, e, headers);
        done(e.httpStatus, e.message);
    }
    bool is(const char *m) const { return method == QLatin1String(m); }
    void wrongMethod(const QString &path, const char *allowed)
    {
        error(ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use %3").arg(method, path, QLatin1String(allowed))));
    }
};

namespace {

QString methodOf(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    default: return QStringLiteral("OTHER");
    }
}

ApiError noAccount(const QString &id)
{
    return ApiError::notFound(QStringLiteral("no account with id '%1'").arg(id.left(40)));
}

QJsonArray publicAccounts(const QList<Account> &accounts)
{
    QJsonArray list;
    for (const Account &a : accounts)
        list.append(a.toPublicJson());
    return list;
}

} // namespace

AdminApi::AdminApi(AdminBackend *backend) : m_server(backend) {}

void AdminApi::handle(const QHttpServerRequest &request, QTcpSocket *socket, const HttpHeaders &headers, Done done)
{
    Call call{request, socket, headers, std::move(done), methodOf(request)};
    const QString path = request.url().path();
    const QStringList parts = path.mid(QStringLiteral("/api/").size()).split(QLatin1Char('/'));
    const QString first = parts.value(0);
    if (!m_server->accounts()) {
        return call.error(ApiError::unavailable(QStringLiteral("the account pool is not available")));
    } else if (path == QLatin1String("/api/status")) {
        return call.is("GET") ? status(call) : call.wrongMethod(path, "GET");
    } else if (path == QLatin1String("/api/accounts")) {
        if (call.is("GET"))
            return listAccounts(call);
        return call.is("POST") ? addAccount(call) : call.wrongMethod(path, "GET or POST");
    } else if (path == QLatin1String("/api/accounts/import")) {
        return call.is("POST") ? importAccounts(call) : call.wrongMethod(path, "POST");
    } else if (first == QLatin1String("accounts") && parts.size() >= 2 && parts.size() <= 4) {
        return routeAccount(call, parts);
    } else if (first == QLatin1String("auth") && parts.value(1) == QLatin1String("login") && parts.size() <= 4) {
        return routeLogin(call, parts);
    } else if (path == QLatin1String("/api/strategy")) {
        return call.is("GET") || call.is("POST") ? strategy(call) : call.wrongMethod(path, "GET or POST");
    } else if (path == QLatin1String("/api/logs")) {
        return call.is("GET") ? logs(call) : call.wrongMethod(path, "GET");
    } else if (path == QLatin1String("/api/logs/stats")) {
        return call.is("GET") ? logStats(call) : call.wrongMethod(path, "GET");
    } else if (path == QLatin1String("/api/usage/refresh")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        m_server->accounts()->refreshAllQuota();
        return call.json(200, {{QStringLiteral("refreshing"), m_server->accounts()->size()}});
    }
    call.error(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path.left(200))));
}

// /api/accounts/{id}[/enable|/disable|/usage[/refresh]|/models[/refresh]]
void AdminApi::routeAccount(Call &call, const QStringList &parts)
{
    AccountPool *pool = m_server->accounts();
    const QString path = call.request.url().path();
    const auto id = AdminJson::parseId(parts.at(1));
    if (!id || !pool->account(*id))
        return call.error(noAccount(parts.at(1)));
    const QString action = parts.mid(2).join(QLatin1Char('/'));
    if (action.isEmpty()) {
        if (call.is("GET"))
            return call.json(200, {{QStringLiteral("account"), pool->account(*id)->toPublicJson()}});
        if (call.is("PATCH"))
            return patchAccount(call, *id);
        if (call.is("DELETE")) {
            if (!pool->removeAccount(*id))
                return call.error(ApiError::api(QStringLiteral("account %1 could not be removed (see the log)").arg(*id)));
            return call.json(200, {{QStringLiteral("deleted"), double(*id)}});
        }
        return call.wrongMethod(path, "GET, PATCH or DELETE");
    }
    if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        pool->setEnabled(*id, action == QLatin1String("enable"));
        return call.json(200, {{QStringLiteral("account"), pool->account(*id)->toPublicJson()}});
    }
    if (action == QLatin1String("usage")) {
        if (!call.is("GET"))
            return call.wrongMethod(path, "GET");
        return call.json(200, {{QStringLiteral("accountId"), double(*id)}, {QStringLiteral("quota"), pool->account(*id)->quota.toJson()}});
    }
    if (action == QLatin1String("usage/refresh")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return refreshUsage(call, *id);
    }
    if (action == QLatin1String("overage")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return setOverage(call, *id);
    }
    if (action == QLatin1String("models")) {
        if (!call.is("GET"))
            return call.wrongMethod(path, "GET");
        return call.json(200, accountModels(*pool->account(*id)));
    }
    if (action == QLatin1String("models/refresh")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return refreshModels(call, *id);
    }
    call.error(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path.left(200))));
}

// /api/auth/login[/{loginId}[/complete]]
void AdminApi::routeLogin(Call &call, const QStringList &parts)
{
    SignIn *signIn = m_server->signIn();
    const QString path = call.request.url().path();
    if (parts.size() == 2) {
        if (call.is("POST"))
            return startLogin(call);
        if (!call.is("GET"))
            return call.wrongMethod(path, "GET or POST");
        QJsonArray list;
        for (const SignInStatus &s : signIn->all())
            list.append(s.toJson());
        return call.json(200, {{QStringLiteral("logins"), list}});
    }
    const QString loginId = parts.at(2);
    const std::optional<SignInStatus> status = signIn->status(loginId);
    if (!status)
        return call.error(ApiError::notFound(QStringLiteral("no sign-in with id '%1'").arg(loginId.left(40))));
    if (parts.size() == 4) {
        if (parts.at(3) != QLatin1String("complete"))
            return call.error(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path.left(200))));
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        auto body = AdminJson::objectBody(call.request.body());
        if (auto *e = std::get_if<ApiError>(&body))
            return call.error(*e);
        const QJsonValue url = std::get<QJsonObject>(body).value(QStringLiteral("redirectUrl"));
        if (!url.isString())
            return call.error(ApiError::invalidRequest(QStringLiteral("field 'redirectUrl' must be the address the login page ended on")));
        const auto completed = signIn->complete(loginId, QUrl(url.toString().trimmed()));
        if (const ApiError *e = std::get_if<ApiError>(&completed))
            return call.error(*e);
        return call.json(200, std::get<SignInStatus>(completed).toJson());
    }
    if (call.is("GET"))
        return call.json(200, status->toJson());
    if (call.is("DELETE")) {
        signIn->cancel(loginId);
        return call.json(200, signIn->status(loginId)->toJson());
    }
    call.wrongMethod(path, "GET or DELETE");
}

void AdminApi::startLogin(Call &call)
{
    auto body = AdminJson::objectBody(call.request.body());
    if (auto *e = std::get_if<ApiError>(&body))
        return call.error(*e);
    const auto request = SignInRequest::fromJson(std::get<QJsonObject>(body));
    if (const QString *e = std::get_if<QString>(&request))
        return call.error(ApiError::invalidRequest(*e));
    auto shared = std::make_shared<Call>(call);
    m_server->signIn()->start(std::get<SignInRequest>(request), [shared](std::variant<SignInStatus, ApiError> started) {
        if (const ApiError *e = std::get_if<ApiError>(&started))
            return shared->error(*e);
        shared->json(200, std::get<SignInStatus>(started).toStartJson());
    });
}

void AdminApi::status(Call &call)
{
    const AccountPool *pool = m_server->accounts();
    QJsonObject byState{{QStringLiteral("total"), pool->size()}};
    for (const char *s : {"active", "cooldown", "invalid", "disabled"})
        byState.insert(QLatin1String(s), 0);
    for (const Account &a : pool->accounts()) {
        const QString name = accountStateName(a.state);
        byState.insert(name, byState.value(name).toInt() + 1);
    }
    const QDateTime started = m_server->startedAt();
    QJsonObject totals = m_server->requestLog() ? m_server->requestLog()->stats().value(QStringLiteral("totals")).toObject()
                                                : QJsonObject();
    const Config &config = m_server->config();
    call.json(200, {{QStringLiteral("status"), m_server->isListening() ? QStringLiteral("running") : QStringLiteral("stopped")},
                    {QStringLiteral("version"), QStringLiteral(KIROTRAY_VERSION)},
                    {QStringLiteral("startedAt"), started.isValid() ? QJsonValue(started.toString(Qt::ISODate)) : QJsonValue()},
                    {QStringLiteral("uptimeSeconds"), started.isValid() ? double(started.secsTo(QDateTime::currentDateTimeUtc())) : 0.0},
                    {QStringLiteral("listen"), QJsonObject{{QStringLiteral("host"), config.host}, {QStringLiteral("port"), m_server->port()}}},
                    {QStringLiteral("strategy"), poolStrategyName(pool->strategy())},
                    {QStringLiteral("secretStore"), m_server->secretBackend()},
                    {QStringLiteral("inFlight"), m_server->inFlight()},
                    {QStringLiteral("accounts"), byState},
                    {QStringLiteral("conversations"), m_server->accounts()->conversationStats()},
                    {QStringLiteral("totals"), totals}});
}

void AdminApi::listAccounts(Call &call)
{
    const AccountPool *pool = m_server->accounts();
    call.json(200, {{QStringLiteral("accounts"), publicAccounts(pool->accounts())},
                    {QStringLiteral("strategy"), poolStrategyName(pool->strategy())}});
}

void AdminApi::addAccount(Call &call)
{
    auto body = AdminJson::objectBody(call.request.body());
    if (auto *e = std::get_if<ApiError>(&body))
        return call.error(*e);
    QJsonObject fields = std::get<QJsonObject>(body);
    const QJsonValue name = fields.take(QStringLiteral("name"));
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return call.error(ApiError::invalidRequest(QStringLiteral("field 'name' must be a string")));
    auto parsed = Credential::fromJson(fields);
    if (auto *e = std::get_if<QString>(&parsed))
        return call.error(ApiError::invalidRequest(*e));
    Credential credential = std::get<Credential>(std::move(parsed));
    credential.id = 0;
    AccountPool *pool = m_server->accounts();
    const int before = pool->size();
    const auto added = pool->addAccount(credential, name.toString());
    if (auto *e = std::get_if<QString>(&added))
        return call.error(ApiError::invalidRequest(*e));
    const qint64 id = std::get<qint64>(added);
    const bool created = pool->size() > before;
    call.json(created ? 201 : 200, {{QStringLiteral("created"), created}, {QStringLiteral("account"), pool->account(id)->toPublicJson()}});
}

void AdminApi::importAccounts(Call &call)
{
    const QUrlQuery query(call.request.url());
    const bool dryRun = AdminJson::isTrue(query.queryItemValue(QStringLiteral("dryRun")));
    QByteArray input = call.request.body();
    if (query.queryItemValue(QStringLiteral("source")) == QLatin1String("kiro-ide")) {
        const auto cache = KiroIdeCache::read();
        if (const QString *e = std::get_if<QString>(&cache))
            return call.error(ApiError::notFound(*e));
        input = std::get<QByteArray>(cache);
    } else if (query.hasQueryItem(QStringLiteral("source"))) {
        return call.error(ApiError::invalidRequest(QStringLiteral("query parameter 'source' must be 'kiro-ide' (or absent: the body is imported)")));
    }
    const ImportReport report = m_server->accounts()->importAccounts(input, dryRun);
    if (!report.error.isEmpty())
        return call.error(ApiError::invalidRequest(QStringLiteral("cannot import: %1").arg(report.error)));
    if (dryRun || !AdminJson::isTrue(query.queryItemValue(QStringLiteral("validate"))))
        return call.json(200, report.toJson());
    validateImported(call, report);
}

// ?validate=true: every added or updated account refreshes its token and reads its usage before the
// answer; each entry then says "validation": "ok" or "failed: <why>".
void AdminApi::validateImported(Call &call, const ImportReport &report)
{
    struct Pending {
        Call call;
        QJsonObject json;
        int waiting = 0;
    };
    auto pending = std::make_shared<Pending>(Pending{call, report.toJson(), 0});
    QPointer<AccountPool> pool = m_server->accounts();
    QList<QPair<int, qint64>> targets;
    for (const ImportEntryResult &e : report.entries) {
        if (e.status == QLatin1String("added") || e.status == QLatin1String("updated"))
            targets.append({e.index, e.accountId});
    }
    pending->waiting = int(targets.size());
    if (targets.isEmpty())
        return call.json(200, pending->json);
    for (const auto &target : targets) {
        const int index = target.first; // a structured binding cannot be captured before C++20 in clang 14
        pool->refreshQuota(target.second, [pending, index](bool ok, const QString &error) {
            QJsonArray entries = pending->json.value(QStringLiteral("entries")).toArray();
            QJsonObject entry = entries.at(index).toObject();
            entry.insert(QStringLiteral("validation"), ok ? QStringLiteral("ok") : QStringLiteral("failed: %1").arg(error));
            entries.replace(index, entry);
            pending->json.insert(QStringLiteral("entries"), entries);
            if (--pending->waiting == 0)
                pending->call.json(200, pending->json);
        });
    }
}

void AdminApi::patchAccount(Call &call, qint64 id)
{
    auto body = AdminJson::objectBody(call.request.body());
    if (auto *e = std::get_if<ApiError>(&body))
        return call.error(*e);
    const QJsonObject o = std::get<QJsonObject>(body);
    AccountChanges changes;   // JSON types are checked here, the values by the core
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (key == QLatin1String("name")) {
            if (!v.isString())
                return call.error(ApiError::invalidRequest(QStringLiteral("field 'name' must be a string")));
            changes.name = v.toString();
        } else if (key == QLatin1String("priority")) {
            if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
                return call.error(ApiError::invalidRequest(QStringLiteral("field 'priority' must be an integer")));
            changes.priority = int(std::clamp(v.toDouble(), -1.0, double(AccountChanges::MaxPriority) + 1));
        } else if (key == QLatin1String("overageEnabled")) {
            if (!v.isBool())
                return call.error(ApiError::invalidRequest(QStringLiteral("field 'overageEnabled' must be true or false")));
            changes.overageEnabled = v.toBool();
        } else {
            return call.error(ApiError::invalidRequest(
                QStringLiteral("unknown field '%1' (accepted: name, priority, overageEnabled)").arg(key.left(40))));
        }
    }
    AccountPool *pool = m_server->accounts();
    if (const QString problem = pool->changeAccount(id, changes); !problem.isEmpty())
        return call.error(ApiError::invalidRequest(problem));
    call.json(200, {{QStringLiteral("account"), pool->account(id)->toPublicJson()}});
}

void AdminApi::refreshUsage(Call &call, qint64 id)
{
    QPointer<AccountPool> pool = m_server->accounts();
    auto shared = std::make_shared<Call>(call);
    pool->refreshQuota(id, [pool, shared, id](bool ok, const QString &error) {
        if (!pool)
            return;
        const std::optional<Account> a = pool->account(id);
        if (!a)
            return shared->error(noAccount(QString::number(id)));
        if (!ok)
            return shared->error(ApiError::api(QStringLiteral("could not read the usage of account %1: %2").arg(id).arg(error)));
        shared->json(200, {{QStringLiteral("accountId"), double(id)}, {QStringLiteral("quota"), a->quota.toJson()}});
    });
}

// {"enabled":bool} at Kiro; turning it on costs money, so it also needs "acknowledgeCharges":true.
void AdminApi::setOverage(Call &call, qint64 id)
{
    auto body = AdminJson::objectBody(call.request.body());
    if (auto *e = std::get_if<ApiError>(&body))
        return call.error(*e);
    const QJsonObject o = std::get<QJsonObject>(body);
    if (!o.value(QLatin1String("enabled")).isBool())
        return call.error(ApiError::invalidRequest(QStringLiteral("field 'enabled' must be true or false")));
    const bool enabled = o.value(QLatin1String("enabled")).toBool();
    if (enabled && o.value(QLatin1String("acknowledgeCharges")) != QJsonValue(true))
        return call.error(ApiError::invalidRequest(QStringLiteral(
            "overage bills usage beyond the plan's credits to the Kiro account (up to its cap): send \"acknowledgeCharges\": true to turn it on")));
    QPointer<AccountPool> pool = m_server->accounts();
    auto shared = std::make_shared<Call>(call);
    m_server->overage()->set(id, enabled, [pool, shared, id](bool ok, const QString &error) {
        const std::optional<Account> a = pool ? pool->account(id) : std::nullopt;
        if (!a)
            return shared->error(noAccount(QString::number(id)));
        if (!ok)
            return shared->error(ApiError::api(error));
        shared->json(200, {{QStringLiteral("account"), a->toPublicJson()}});
    });
}

// One account's models in the /v1/models shape, plus where they come from.
QJsonObject AdminApi::accountModels(const Account &a) const
{
    const QList<KiroModel> &models = a.models.known() ? a.models.models : FallbackModels::models();
    const qint64 listedAt = a.models.known() ? a.models.fetchedAt.toSecsSinceEpoch() : 0;
    QJsonObject o = ModelCatalog::modelsListJson(models, listedAt);
    o.insert(QStringLiteral("accountId"), double(a.id()));
    o.insert(QStringLiteral("source"), a.models.known() ? QStringLiteral("ListAvailableModels") : QStringLiteral("fallback"));
    o.insert(QStringLiteral("fetchedAt"), a.models.known() ? QJsonValue(a.models.fetchedAt.toString(Qt::ISODateWithMs)) : QJsonValue());
    o.insert(QStringLiteral("defaultModel"), a.models.defaultModel);
    o.insert(QStringLiteral("error"), a.models.error);
    return o;
}

void AdminApi::refreshModels(Call &call, qint64 id)
{
    QPointer<AccountPool> pool = m_server->accounts();
    auto shared = std::make_shared<Call>(call);
    pool->refreshModels(id, [this, pool, shared, id](bool ok, const QString &error) {
        if (!pool)
            return;
        const std::optional<Account> a = pool->account(id);
        if (!a)
            return shared->error(noAccount(QString::number(id)));
        if (!ok)
            return shared->error(ApiError::api(QStringLiteral("could not read the models of account %1: %2").arg(id).arg(error)));
        shared->json(200, accountModels(*a));
    });
}

void AdminApi::strategy(Call &call)
{
    AccountPool *pool = m_server->accounts();
    if (call.is("POST")) {
        auto body = AdminJson::objectBody(call.request.body());
        if (auto *e = std::get_if<ApiError>(&body))
            return call.error(*e);
        const QJsonValue v = std::get<QJsonObject>(body).value(QStringLiteral("strategy"));
        if (const QString problem = pool->setStrategy(v.isString() ? v.toString() : QString()); !problem.isEmpty())
            return call.error(ApiError::invalidRequest(problem));
    }
    call.json(200, {{QStringLiteral("strategy"), poolStrategyName(pool->strategy())},
                    {QStringLiteral("available"), QJsonArray::fromStringList(poolStrategyNames())}});
}

void AdminApi::logs(Call &call)
{
    const auto filter = AdminJson::logFilter(QUrlQuery(call.request.url()));
    if (auto *e = std::get_if<ApiError>(&filter))
        return call.error(*e);
    const LogFilter &f = std::get<LogFilter>(filter);
    QJsonArray rows;
    int total = 0;
    if (const RequestLog *log = m_server->requestLog()) {
        for (const RequestRecord &r : log->query(f))
            rows.append(AdminJson::record(r));
        total = log->count(f);
    }
    call.json(200, {{QStringLiteral("logs"), rows}, {QStringLiteral("total"), total},
                    {QStringLiteral("limit"), f.limit}, {QStringLiteral("offset"), f.offset}});
}

void AdminApi::logStats(Call &call)
{
    const QUrlQuery query(call.request.url());
    QDateTime since;
    if (query.hasQueryItem(QStringLiteral("hours"))) {
        bool ok = false;
        const int hours = query.queryItemValue(QStringLiteral("hours")).toInt(&ok);
        if (!ok || hours < 1 || hours > 24 * 366)
            return call.error(ApiError::invalidRequest(QStringLiteral("query parameter 'hours' must be an integer between 1 and 8784")));
        since = Clock::current().now().addSecs(-qint64(hours) * 3600);
    } else if (query.hasQueryItem(QStringLiteral("since"))) {
        since = QDateTime::fromString(query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded), Qt::ISODateWithMs);
        if (!since.isValid())
            return call.error(ApiError::invalidRequest(QStringLiteral("query parameter 'since' must be an ISO 8601 time")));
    }
    const RequestLog *log = m_server->requestLog();
    call.json(200, log ? log->stats(since) : QJsonObject{{QStringLiteral("totals"), QJsonObject()}});
}

} // namespace kt
