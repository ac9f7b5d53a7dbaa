#pragma once
// The fake Kiro MCP endpoint (POST /mcp, JSON-RPC tools/call web_search, docs/protocol.md#web-search-mcp).
// Markers in the query pick a failure: [[mcp:http500]], [[mcp:http429]], [[mcp:rpcerror]],
// [[mcp:iserror]], [[mcp:garbage]], [[mcp:slow]] (answers after 1.5 s); [[mcp:flaky503]] and
// [[mcp:flakydrop]] fail the first two requests for that query (503, or a connection reset) and
// then answer; otherwise three results, the third on blocked.test, the second on docs.example.org.
#include "fakerecordedrequest.h"
#include "fakereply.h"

namespace kt::fake {

class FakeMcp
{
public:
    // attempt: 1 for the first request with this query, 2 for the next…
    static FakeReply reply(const RecordedRequest &request, int attempt);
    static QString query(const RecordedRequest &request);
    static constexpr int SlowMs = 1500;
    static constexpr int FlakyFailures = 2;
};

} // namespace kt::fake
