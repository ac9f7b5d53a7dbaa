#pragma once
// Requests offering the web search server tool to the fake's "search" session, and answers read
// back: a streamed message rebuilt from its events (checking their grammar on the way).
#include "httptestclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace kt::test::SearchMessages {

// "[[session:search]] TEXT" with the tool {"type":"web_search_20250305","name":"web_search","max_uses":5} + toolExtra.
QJsonObject request(const QString &text, bool stream, const QJsonObject &toolExtra = {});
QStringList types(const QJsonArray &content);
// The message of an SSE answer; empty when the events break the grammar (not one message_start,
// message_delta and message_stop; block indices with gaps; a citation after its block's text).
QJsonObject fromStream(const HttpResult &r);
// The content of the n-th web_search_tool_result block.
QJsonArray results(const QJsonArray &content, int n);

} // namespace kt::test::SearchMessages
