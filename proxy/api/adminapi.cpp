#include "api/adminapi.h"

#include "accounts/kiroidecache.h"
#include "anthropic/modelcatalog.h"
#include "api/adminjson.h"
#include "management/managementservice.h"
#include "models/fallbackmodels.h"
#include "signin/signin.h"
#include "util/clock.h"

#include <QJsonArray>
#include <cmath>
#include <QTcpSocket>
#include <QUrlQuery>

namespace kt {

struct AdminApi::Call {
    const HttpRequest &request;
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
    // The answer to an account operation: `body` of the account, or the core's error.
    void account(const ManagementService::AccountResult &result, const std::function<QJsonObject(const Account &)> &body)
    {
        if (const ApiError *e = std::get_if<ApiError>(&result))
            return error(*e);
        json(200, body(std::get<Account>(result)));
    }
    // The same, later: for the operations that wait for Kiro.
    ManagementService::AccountDone accountLater(std::function<QJsonObject(const Account &)> body)
    {
        return [shared = std::make_shared<Call>(*this), body = std::move(body)](const ManagementService::AccountResult &result) {
            shared->account(result, body);
        };
    }
};

namespace {

QJsonArray publicAccounts(const QList<Account> &accounts)
{
    QJsonArray list;
    for (const Account &a : accounts)
        list.append(a.toPublicJson());
    return list;
}

QJsonObject accountJson(const Account &a)
{
    return {{QStringLiteral("account"), a.toPublicJson()}};
}

QJsonObject quotaJson(const Account &a)
{
    return {{QStringLiteral("accountId"), double(a.id())}, {QStringLiteral("quota"), a.quota.toJson()}};
}

// One account's models in the /v1/models shape, plus where they come from.
QJsonObject modelsJson(const Account &a)
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

} // namespace

AdminApi::AdminApi(ManagementService *management, SignIn *signIn) : m_management(management), m_signIn(signIn) {}

void AdminApi::handle(const HttpRequest &request, QTcpSocket *socket, const HttpHeaders &headers, Done done)
{
    Call call{request, socket, headers, std::move(done), QString::fromLatin1(request.methodName())};
    const QString path = request.url().path();
    const QStringList parts = path.mid(QStringLiteral("/api/").size()).split(QLatin1Char('/'));
    const QString first = parts.value(0);
    if (path == QLatin1String("/api/status")) {
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
        return call.json(200, {{QStringLiteral("refreshing"), m_management->refreshAllUsage()}});
    }
    call.error(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path.left(200))));
}

// /api/accounts/{id}[/enable|/disable|/usage[/refresh]|/models[/refresh]]
void AdminApi::routeAccount(Call &call, const QStringList &parts)
{
    const QString path = call.request.url().path();
    const auto id = AdminJson::parseId(parts.at(1));
    if (!id || std::holds_alternative<ApiError>(m_management->account(*id)))
        return call.error(ManagementService::noAccount(parts.at(1)));
    const QString action = parts.mid(2).join(QLatin1Char('/'));
    if (action.isEmpty()) {
        if (call.is("GET"))
            return call.account(m_management->account(*id), accountJson);
        if (call.is("PATCH"))
            return patchAccount(call, *id);
        if (call.is("DELETE")) {
            if (const auto e = m_management->removeAccount(*id))
                return call.error(*e);
            return call.json(200, {{QStringLiteral("deleted"), double(*id)}});
        }
        return call.wrongMethod(path, "GET, PATCH or DELETE");
    }
    if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return call.account(m_management->setEnabled(*id, action == QLatin1String("enable")), accountJson);
    }
    if (action == QLatin1String("usage")) {
        if (!call.is("GET"))
            return call.wrongMethod(path, "GET");
        return call.account(m_management->account(*id), quotaJson);
    }
    if (action == QLatin1String("usage/refresh")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return m_management->refreshUsage(*id, call.accountLater(quotaJson));
    }
    if (action == QLatin1String("overage")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return setOverage(call, *id);
    }
    if (action == QLatin1String("models")) {
        if (!call.is("GET"))
            return call.wrongMethod(path, "GET");
        return call.account(m_management->account(*id), modelsJson);
    }
    if (action == QLatin1String("models/refresh")) {
        if (!call.is("POST"))
            return call.wrongMethod(path, "POST");
        return m_management->refreshModels(*id, call.accountLater(modelsJson));
    }
    call.error(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path.left(200))));
}

// /api/auth/login[/{loginId}[/complete]]
void AdminApi::routeLogin(Call &call, const QStringList &parts)
{
    SignIn *signIn = m_signIn;
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
    m_signIn->start(std::get<SignInRequest>(request), [shared](std::variant<SignInStatus, ApiError> started) {
        if (const ApiError *e = std::get_if<ApiError>(&started))
            return shared->error(*e);
        shared->json(200, std::get<SignInStatus>(started).toStartJson());
    });
}

void AdminApi::status(Call &call)
{
    call.json(200, m_management->status().toJson(QDateTime::currentDateTimeUtc()));
}

void AdminApi::listAccounts(Call &call)
{
    call.json(200, {{QStringLiteral("accounts"), publicAccounts(m_management->accounts())},
                    {QStringLiteral("strategy"), m_management->strategy()}});
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
    const auto added = m_management->addAccount(std::get<Credential>(std::move(parsed)), name.toString());
    if (const ApiError *e = std::get_if<ApiError>(&added))
        return call.error(*e);
    const auto &[account, created] = std::get<ManagementService::Added>(added);
    call.json(created ? 201 : 200, {{QStringLiteral("created"), created}, {QStringLiteral("account"), account.toPublicJson()}});
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
    const ImportReport report = m_management->importAccounts(input, dryRun);
    if (!report.error.isEmpty())
        return call.error(ManagementService::importError(report));
    if (dryRun || !AdminJson::isTrue(query.queryItemValue(QStringLiteral("validate"))))
        return call.json(200, report.toJson());
    m_management->validateImported(report, [shared = std::make_shared<Call>(call)](const QJsonObject &json) { shared->json(200, json); });
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
    call.account(m_management->changeAccount(id, changes), accountJson);
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
    m_management->setOverage(id, o.value(QLatin1String("enabled")).toBool(), o.value(QLatin1String("acknowledgeCharges")) == QJsonValue(true),
                             call.accountLater(accountJson));
}

void AdminApi::strategy(Call &call)
{
    if (call.is("POST")) {
        auto body = AdminJson::objectBody(call.request.body());
        if (auto *e = std::get_if<ApiError>(&body))
            return call.error(*e);
        const QJsonValue v = std::get<QJsonObject>(body).value(QStringLiteral("strategy"));
        if (const auto e = m_management->setStrategy(v.isString() ? v.toString() : QString()))
            return call.error(*e);
    }
    call.json(200, {{QStringLiteral("strategy"), m_management->strategy()},
                    {QStringLiteral("available"), QJsonArray::fromStringList(ManagementService::strategies())}});
}

void AdminApi::logs(Call &call)
{
    const auto filter = AdminJson::logFilter(QUrlQuery(call.request.url()));
    if (auto *e = std::get_if<ApiError>(&filter))
        return call.error(*e);
    const LogFilter &f = std::get<LogFilter>(filter);
    QJsonArray rows;
    int total = 0;
    for (const RequestRecord &r : m_management->logs(f, &total))
        rows.append(AdminJson::record(r));
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
    call.json(200, m_management->logStats(since));
}

} // namespace kt
