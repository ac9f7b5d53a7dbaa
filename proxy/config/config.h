#pragma once
// The proxy's resolved settings (defaults < config.json < environment < command line, see
// ConfigLoader) and the upstream URLs derived from them.
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace kt {

struct Config {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QString apiKey;            // empty until resolved (ApiKeyStore); never logged
    QString adminApiKey;       // optional separate key for /api
    QString region = QStringLiteral("us-east-1");
    QString authRegion;        // kiro-rs: token refresh region when the credential names none; empty = region
    QString apiRegion;         // kiro-rs: API region when the credential names none; empty = region
    QString kiroVersion = QStringLiteral("0.11.107");
    QString machineId;         // normalised 64 hex chars, or empty (then derived per credential)
    QString proxyUrl;          // http://, https://, socks5:// with optional user:pass@ (percent-encoded)
    QString apiBaseUrl, socialAuthBaseUrl, oidcBaseUrl;   // overrides; empty = default
    QStringList allowedOrigins;  // browser Origins allowed to call (exact match, or "*"); empty = refuse any Origin
    QStringList allowedHosts;    // extra Host names accepted besides the listen host and loopback names
    bool corsEnabled = false;    // send CORS headers (only for allowedOrigins)
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    // Client connections (0 = no limit): idle between requests, a whole request head, and the
    // slowest body accepted (it may take clientHeaderTimeoutMs + its length / this rate).
    int clientIdleTimeoutMs = 120000;
    int clientHeaderTimeoutMs = 30000;
    qint64 clientMinBodyBytesPerSecond = 16384;
    // The three timings below are >= 0; 0 means "disabled" (no keep-alive / no timeout).
    int pingIntervalMs = 25000;            // SSE keep-alive while upstream is silent
    int upstreamConnectTimeoutMs = 30000;  // until response headers
    int upstreamIdleTimeoutMs = 120000;    // silence mid-stream
    bool upstreamKeepAlive = false;        // reuse backend connections; the Kiro IDE sends Connection: close
    int refreshMarginSeconds = 600;        // refresh tokens this long before expiry
    int cooldownSeconds = 300;             // an account the upstream throttled rests this long (unless Retry-After says)
    int quotaRefreshMinutes = 10;          // every account's usage is re-read this often, staggered; 0 = never
    int maxAttempts = 6;                   // upstream attempts per request (failover and retries), 1..20
    int webSearchTimeoutMs = 60000;        // one web search attempt, until its whole answer
    int webSearchRetries = 2;              // a web search failing with a 5xx or a network error is tried again, 0..5
    int webSearchRetryDelayMs = 500;       // before the first retry; doubled for each next one
    // A transient failure (5xx, 408, connection) before the first byte reached the client is retried on
    // the same account up to retrySameAccount times, after retryBaseMs, 2x, 4x... (+ 0-50 % jitter),
    // while the request is younger than retryBudgetMs (docs/reliability.md#retries).
    int retrySameAccount = 2;
    int retryBaseMs = 250;
    int retryBudgetMs = 3000;
    // Per-account limits (0 = none): requests in flight and requests started in the last minute. A request
    // whose conversation's account is at a limit waits up to accountLimitWaitMs for it (docs/reliability.md).
    int accountMaxConcurrent = 20;
    int accountRequestsPerMinute = 0;
    int accountLimitWaitMs = 5000;
    int conversationTtlMinutes = 60;       // a conversation stays on its account while idle less than this; 0 = no affinity
    int promptTooLongPercent = 125;        // refuse before sending when the estimate exceeds this % of the window; 0 = never
    QString dataDir;           // absolute; exists (created 0700) after ConfigLoader::load
    QString configFile;        // absolute; may not exist
    QString credentialsFile;   // absolute
    QString logLevel = QStringLiteral("info");  // debug | info | warning | error
    QString secretStore = QStringLiteral("auto");  // auto | keychain | file: where tokens and the API key live
    int requestLogKeep = 1000;                      // request log rows kept (statistics are kept apart)
    // Social sign-in (Google/GitHub): where Kiro's login page sends the browser back. "{port}" = a free
    // loopback port KiroTray listens on; a kiro:// URI has no listener (the user pastes the final address).
    QString socialRedirectUri = QStringLiteral("http://127.0.0.1:{port}/oauth/callback");
    int signInSecondMs = 1000;   // length of one protocol second for sign-in polls and timeouts (tests shorten it)
    int accountLoadPage = 100;   // stored accounts read per event-loop turn, at most 25 of them before serving (tests shorten it)
    int accountLoadBusyMs = 20;  // ...but one page per this many ms while a request holds an account (tests lengthen it)
    QHash<QString, QString> modelAliases;  // requested model id (lower case) -> Kiro modelId; wins over every other rule
    int modelRefreshHours = 6;             // each account's model list is re-read this often (and when added); 0 = never
    QString modelListForm = QStringLiteral("rest");   // ListAvailableModels wire form: rest | rpc (docs/protocol.md#model-catalogue)
    // config.json fields we accept but do not use (kiro-rs tlsBackend, countTokensApiUrl, ...) and
    // unknown ones, kept verbatim for later features.
    QJsonObject extra;

    QUrl generateAssistantResponseUrl(const QString &region) const;  // <apiBase or https://q.{region}.amazonaws.com>/generateAssistantResponse
    QUrl usageLimitsUrl(const QString &region) const;
    QUrl userPreferenceUrl(const QString &region) const;             // .../setUserPreference (overage, docs/protocol.md#usage-limits)
    QUrl mcpUrl(const QString &region) const;                        // .../mcp (web search, docs/protocol.md#web-search-mcp)
    QUrl listModelsUrl(const QString &region) const;                 // .../ListAvailableModels (no query; caller adds)
    QUrl apiRootUrl(const QString &region) const;                    // <apiBase or https://q.{region}.amazonaws.com>/
    QUrl socialRefreshUrl(const QString &region) const;              // <socialAuthBase or https://prod.{region}.auth.desktop.kiro.dev>/refreshToken
    QUrl oidcTokenUrl(const QString &region) const;                  // <oidcBase or https://oidc.{region}.amazonaws.com>/token
    QUrl oidcUrl(const QString &region, const QString &name) const;        // <oidcBase or ...>/<name> (client/register, ...)
    QUrl socialAuthUrl(const QString &region, const QString &name) const;  // <socialAuthBase or ...>/<name> (login, oauth/token)
};

} // namespace kt
