#pragma once
// Classifies a non-200 answer (or a transport failure) of generateAssistantResponse: what it
// means for the account, whether another attempt can help, and what the client is told otherwise.
#include "accounts/upstreamoutcome.h"
#include "anthropic/apierror.h"

#include <QByteArray>

namespace kt {

struct UpstreamFailure {
    UpstreamOutcome outcome = UpstreamOutcome::ServerError;
    bool tokenRejected = false;   // refresh the token once and try the same account again
    bool retryable = false;       // another attempt (other account, or later) may succeed
    int retryAfterSeconds = 0;    // hint from the upstream, 0 when none
    ApiError clientError;         // what the client gets if no attempt succeeds
};

UpstreamFailure classifyHttpFailure(int status, const QByteArray &body, const QByteArray &retryAfterHeader);
UpstreamFailure classifyTransportFailure(const QString &description, bool timedOut);
QString upstreamMessage(const QByteArray &body);   // the "message" of a Kiro error body, shortened

} // namespace kt
