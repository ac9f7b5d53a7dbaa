#pragma once
// A scripted multi-turn agent session for Claude Code tests: a "[[session:NAME]]" marker anywhere in
// the conversation's user messages picks the script, and the tool calls already in the history say
// how far it has got, so every request of the session gets the next step.
#include "fakereply.h"

#include <QJsonObject>
#include <QString>

namespace kt::fake {

class FakeSessionScript
{
public:
    // The NAME of a "[[session:NAME]]" marker in the current message or any user message of the
    // history of a generateAssistantResponse body, or an empty string.
    static QString sessionIn(const QJsonObject &kiroBody);
    static bool exists(const QString &name);

    // Session "edit", given "[[file:PATH]]" in the conversation:
    //   ToolSearch {"query":"select:WebFetch"} (only when ToolSearch is offered), Bash writing
    //   "hello from bash" to PATH, Read PATH, Edit "bash" -> "kiro", then a final text.
    // Each reply checks what the previous step should have produced (WebFetch offered once loaded,
    // the tool_reference text in its result) and ends the session with "session check failed: …"
    // text when it is missing; a client that runs the whole script sees FinalText followed by the
    // steps in brackets: "The file is edited. (ToolSearch, Bash, Read, Edit)".
    // Session "search", given "[[session:search]] QUERY" (or Claude Code's "Perform a web search for
    // the query: QUERY"): offered "web_search" (the server tool, as KiroTray offers it) it calls it
    // [[searches:N]] times, then answers "Sources: URL, …" from the results (with [[cite]] in the
    // query: quotes the newest search's first two results with "[N]" markers, one of them cut over
    // two frames: "Here is what I found. The first result covers it [A]. Both agree [A" +
    // "][B].\nIndex a[99] stays."); as Claude Code's main
    // model it calls ToolSearch for WebSearch when deferred, then WebSearch, then answers the same way.
    static FakeReply build(const QString &name, const QJsonObject &kiroBody);

    static const QString FinalText;
};

} // namespace kt::fake
