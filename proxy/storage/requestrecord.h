#pragma once
// What is kept about one client request once it has been answered: the request log row.
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace kt {

struct RequestRecord {
    QDateTime time;            // when the request arrived (UTC)
    QString method;
    QString path;
    QString face = QStringLiteral("anthropic");   // the API the client spoke (see ApiFace)
    qint64 accountId = 0;      // 0: no account was involved
    QString accountName;
    QString model;             // as the client asked
    QString servedModel;       // the Kiro model that served it (empty when none was chosen)
    bool stream = false;
    int status = 0;            // HTTP status sent, 499 when the client went away first
    int inputTokens = 0;
    int outputTokens = 0;
    qint64 durationMs = 0;
    qint64 ttfbMs = -1;        // time to the first byte sent to the client
    int attempts = 0;          // upstream attempts (failover and retries)
    int webSearches = 0;       // MCP web searches run for the web search server tool
    double credits = 0;        // Kiro credits metered for it (the sum of its meteringEvent usages)
    QString conversation;      // the conversationId of a request that named its conversation, else empty
    QString error;
};

} // namespace kt

Q_DECLARE_METATYPE(kt::RequestRecord)
