#pragma once
// Earlier web searches in a conversation's history, made readable for Kiro: an assistant message's
// server_tool_use becomes an ordinary tool_use, and each web_search_tool_result splits the message
// there into a user tool_result (the results as text) and the rest of the assistant's answer.
// Results are numbered across the whole conversation, in order, for CitationMarkers.
#include <QJsonArray>

namespace kt::WebSearchHistory {

// messages must have passed RequestValidator; returns them unchanged when they carry no such blocks.
QJsonArray expand(const QJsonArray &messages);
// Every web_search_result of the assistant messages, result N at N - 1.
QJsonArray results(const QJsonArray &messages);

} // namespace kt::WebSearchHistory
