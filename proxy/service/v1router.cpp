#include "service/v1router.h"

#include "anthropic/modelcatalog.h"
#include "anthropic/tokenestimator.h"
#include "models/fallbackmodels.h"
#include "pool/accountpool.h"
#include "service/apiface.h"
#include "service/messagesexchange.h"
#include "service/proxycore.h"
#include "upstream/networkmanagerpool.h"
#include "util/freememory.h"

#include <QTcpSocket>
#include <QUrl>

namespace kt {

namespace {

bool isPost(const HttpRequest &request)
{
    return request.method() == HttpRequest::Method::Post;
}

} // namespace

V1Router::V1Router(ProxyCore &core, QObject *parent) : QObject(parent), m_core(core)
{
    m_trimTimer.setParent(this);   // follows the router to the proxy thread
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(TrimAfterIdleMs);
    connect(&m_trimTimer, &QTimer::timeout, this, &releaseFreeMemory);
}

void V1Router::route(const HttpRequest &request, QTcpSocket *socket, RequestRecord record, const HttpHeaders &headers, Done done)
{
    const QString &path = record.path;
    std::optional<ApiError> refused;
    if (path == QLatin1String("/v1/messages") || path == QLatin1String("/v1/chat/completions") || path == QLatin1String("/v1/responses")) {
        if (isPost(request))
            return messages(request, socket, record, headers, std::move(done));
        refused = ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use POST").arg(record.method, path));
    } else if (path == QLatin1String("/v1/messages/count_tokens")) {
        if (isPost(request))
            countTokens(request, socket, record, headers);
        else
            refused = ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use POST").arg(record.method, path));
    } else if (path == QLatin1String("/v1/models") || path.startsWith(QLatin1String("/v1/models/"))) {
        if (request.method() == HttpRequest::Method::Get || request.method() == HttpRequest::Method::Head)
            models(socket, record, headers);
        else
            refused = ApiError::methodNotAllowed(QStringLiteral("%1 is not allowed on %2: use GET").arg(record.method, path));
    } else {
        refused = ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(path));
    }
    if (refused) {
        writeJson(socket, refused->httpStatus, apiFaceError(apiFaceOf(path), *refused), headers);
        record.status = refused->httpStatus;
        record.error = refused->message;
    }
    done(record);
}

void V1Router::models(QTcpSocket *socket, RequestRecord &record, const HttpHeaders &headers)
{
    const AccountPool *pool = m_core.accounts();
    const QDateTime started = m_core.startedAt();
    const qint64 listedAt = started.isValid() ? started.toSecsSinceEpoch() : 0;
    if (record.path == QLatin1String("/v1/models")) {
        const QList<KiroModel> models = pool->size() == 0 ? FallbackModels::models() : pool->modelIndex().models();
        writeJson(socket, 200, ModelCatalog::modelsListJson(models, listedAt), headers);
        record.status = 200;
        return;
    }
    // Any id a request may name: the model that would serve it.
    const QString id = QUrl::fromPercentEncoding(record.path.mid(QStringLiteral("/v1/models/").size()).toUtf8());
    const auto resolved = pool->resolveModel(id);
    if (const auto *model = std::get_if<ResolvedModel>(&resolved)) {
        HttpHeaders served = headers;
        served.append(qMakePair(QByteArray("kirotray-served-model"), model->kiroModelId.toUtf8()));
        writeJson(socket, 200, ModelCatalog::modelJson(model->model, listedAt), served);
        record.status = 200;
        return;
    }
    const ApiError error = ApiError::notFound(QStringLiteral("model '%1' not found").arg(id.left(100)));
    writeError(socket, error, headers);
    record.status = error.httpStatus;
}

std::variant<ConversionOptions, ApiError> V1Router::conversionOptions(const QJsonObject &body, int promptTooLongPercent) const
{
    ConversionOptions options;
    options.promptTooLongPercent = promptTooLongPercent;
    const QJsonValue model = body.value(QStringLiteral("model"));
    if (!model.isString() || model.toString().trimmed().isEmpty())
        return options;   // the validator names the problem
    auto resolved = m_core.accounts()->resolveModel(model.toString());
    if (auto *error = std::get_if<ApiError>(&resolved))
        return *error;
    options.model = std::get<ResolvedModel>(std::move(resolved));
    return options;
}

void V1Router::countTokens(const HttpRequest &request, QTcpSocket *socket, RequestRecord &record, const HttpHeaders &headers)
{
    auto parsed = RequestConverter::parseBody(request.body());
    std::variant<ConvertedRequest, ApiError> converted = ApiError::invalidRequest(QString());
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        converted = *error;
    } else {
        record.model = std::get<QJsonObject>(parsed).value(QStringLiteral("model")).toString();
        // count_tokens carries no max_tokens; the rest is validated exactly like /v1/messages, but
        // a long prompt is never refused: counting one is what this endpoint is for.
        auto options = conversionOptions(std::get<QJsonObject>(parsed), 0);
        if (auto *error = std::get_if<ApiError>(&options))
            converted = *error;
        else
            converted = RequestConverter::convert(std::get<QJsonObject>(parsed), std::get<ConversionOptions>(options));
    }
    if (auto *error = std::get_if<ApiError>(&converted)) {
        writeError(socket, *error, headers);
        record.status = error->httpStatus;
        record.error = error->message;
        return;
    }
    record.inputTokens = TokenEstimator::countRequestTokens(std::get<QJsonObject>(parsed));
    writeJson(socket, 200, {{QStringLiteral("input_tokens"), record.inputTokens}}, headers);
    record.status = 200;
}

void V1Router::messages(const HttpRequest &request, QTcpSocket *socket, RequestRecord record, const HttpHeaders &headers, Done done)
{
    const ApiFace face = apiFaceOf(record.path);
    auto parsed = RequestConverter::parseBody(request.body());
    std::variant<FaceRequest, ApiError> translated = ApiError::invalidRequest(QString());
    std::variant<ConvertedRequest, ApiError> converted = ApiError::invalidRequest(QString());
    if (auto *error = std::get_if<ApiError>(&parsed)) {
        converted = *error;
    } else {
        record.model = std::get<QJsonObject>(parsed).value(QStringLiteral("model")).toString();
        translated = translateRequest(face, std::get<QJsonObject>(parsed));
        std::variant<ConversionOptions, ApiError> options = ApiError::invalidRequest(QString());
        if (auto *error = std::get_if<ApiError>(&translated))
            options = *error;
        else
            options = conversionOptions(std::get<FaceRequest>(translated).messages, m_core.config().promptTooLongPercent);
        if (auto *error = std::get_if<ApiError>(&options))
            converted = *error;
        else
            converted = RequestConverter::convert(std::get<FaceRequest>(translated).messages, std::get<ConversionOptions>(options));
    }
    if (auto *error = std::get_if<ApiError>(&converted)) {
        writeJson(socket, error->httpStatus, apiFaceError(face, *error), headers);
        record.status = error->httpStatus;
        record.error = error->message;
        return done(record);
    }
    HttpHeaders served = headers;
    served.append(qMakePair(QByteArray("kirotray-served-model"), std::get<ConvertedRequest>(converted).kiroModelId.toUtf8()));
    auto *exchange = new MessagesExchange(m_core.config(), m_core.accounts(), m_core.network()->proxy(), m_core.upstreamConnections(),
                                          std::get<ConvertedRequest>(std::move(converted)), socket, record, served,
                                          std::move(std::get<FaceRequest>(translated).format), this);
    m_exchanges.insert(exchange, exchange);
    m_trimTimer.stop();
    connect(exchange, &MessagesExchange::finished, this, [this, exchange, done = std::move(done)](const RequestRecord &r) {
        m_exchanges.remove(exchange);
        if (m_exchanges.isEmpty())
            m_trimTimer.start();
        done(r);
    });
    exchange->start();
}

void V1Router::shutdown()
{
    for (const auto &exchange : std::as_const(m_exchanges))
        if (exchange)
            exchange->shutdown();
    m_exchanges.clear();
}

int V1Router::inFlight() const
{
    int n = 0;
    for (const auto &exchange : m_exchanges)
        n += exchange ? 1 : 0;
    return n;
}

} // namespace kt
