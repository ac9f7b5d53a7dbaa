#pragma once
// What one upstream answer says about the account that sent it; the pool's failover rules
// (FailoverPolicy) turn it into cooldowns, invalid states and error counts.

namespace kt {

enum class UpstreamOutcome { Success, Throttled, QuotaExhausted, TokenRejected, Forbidden, ServerError, NetworkError };

} // namespace kt
