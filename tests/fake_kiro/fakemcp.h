#pragma once
// The fake Kiro MCP endpoint (POST /mcp, JSON-RPC tools/call web_search, kiro-protocol-2.md §11).
// Markers in the query pick a failure: [[mcp:http500]], [[mcp:http429]], [[mcp:rpcerror]],
// [[mcp:iserror]], [[mcp:garbage]], [[mcp:slow]] (answers after 1.5 s); otherwise three results,
// the third on blocked.test, the second on docs.example.org.
#include "fakerecordedrequest.h"
#include "fakereply.h"

namespace kt::fake {

class FakeMcp
{
public:
    static FakeReply reply(const RecordedRequest &request);
    static constexpr int SlowMs = 1500;
};

} // namespace kt::fake
