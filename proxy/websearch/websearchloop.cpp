#include "websearch/websearchloop.h"

#include "anthropic/websearchhistory.h"

#include <QJsonArray>

namespace kt {

namespace {

QString serverToolId(const QString &toolUseId)
{
    QString id = toolUseId;
    for (const char *prefix : {"tooluse_", "toolu_"})
        if (id.startsWith(QLatin1String(prefix)))
            id = id.mid(qsizetype(qstrlen(prefix)));
    return QStringLiteral("srvtoolu_") + id;
}

SseEvent event(const char *name, QJsonObject data)
{
    data.insert(QStringLiteral("type"), QLatin1String(name));
    return {QByteArray(name), data, {}};
}

} // namespace

WebSearchLoop::WebSearchLoop(const ConvertedRequest &request, std::unique_ptr<ResponseFormat> inner)
    : m_request(request), m_inner(std::move(inner))
{
    m_cited.setMarkers(markers());
}

CitationMarkers WebSearchLoop::markers() const
{
    return CitationMarkers(WebSearchHistory::results(m_request.anthropicRequest.value(QLatin1String("messages")).toArray()));
}

QJsonObject WebSearchLoop::cited(QJsonObject message) const
{
    const CitationMarkers markers = this->markers();
    if (!markers.active())
        return message;
    QJsonArray content;
    for (const QJsonValue &block : message.value(QLatin1String("content")).toArray()) {
        if (block.toObject().value(QLatin1String("type")).toString() != QLatin1String("text")) {
            content.append(block);
            continue;
        }
        for (const QJsonValue &part : markers.blocks(block.toObject().value(QLatin1String("text")).toString()))
            content.append(part);
    }
    message.insert(QStringLiteral("content"), content);
    return message;
}

QJsonObject WebSearchLoop::serverBlock(QJsonObject block) const
{
    if (block.value(QLatin1String("type")).toString() != QLatin1String("tool_use")
        || block.value(QLatin1String("name")).toString() != m_request.webSearch->name)
        return block;
    block.insert(QStringLiteral("type"), QStringLiteral("server_tool_use"));
    block.insert(QStringLiteral("id"), serverToolId(block.value(QLatin1String("id")).toString()));
    return block;
}

QJsonObject WebSearchLoop::resultBlock(const Call &call) const
{
    return {{QStringLiteral("type"), QStringLiteral("web_search_tool_result")},
            {QStringLiteral("tool_use_id"), call.id},
            {QStringLiteral("content"), WebSearchResults::blockContent(call.outcome)}};
}

bool WebSearchLoop::startRound(const QJsonObject &roundMessage)
{
    QList<Call> calls;
    bool clientTools = false;
    const QJsonArray content = roundMessage.value(QLatin1String("content")).toArray();
    for (const QJsonValue &value : content) {
        const QJsonObject block = value.toObject();
        if (block.value(QLatin1String("type")).toString() != QLatin1String("tool_use"))
            continue;
        if (block.value(QLatin1String("name")).toString() == m_request.webSearch->name)
            calls.append({serverToolId(block.value(QLatin1String("id")).toString()),
                          block.value(QLatin1String("input")).toObject().value(QLatin1String("query")).toString(), {}});
        else
            clientTools = true;
    }
    if (calls.isEmpty())
        return false;
    ++m_rounds;
    m_holding = true;
    m_calls = calls;
    m_clientToolsCalled = clientTools;
    m_lastMessage = roundMessage;
    m_outputTokens += roundMessage.value(QLatin1String("usage")).toObject().value(QLatin1String("output_tokens")).toInt();
    m_roundContent = {};
    for (const QJsonValue &block : content)
        m_roundContent.append(serverBlock(block.toObject()));
    return true;
}

void WebSearchLoop::search(Search search, Next next)
{
    runSearch(0, search, next);
}

void WebSearchLoop::runSearch(qsizetype index, const Search &search, const Next &next)
{
    if (index >= m_calls.size())
        return roundSearched(next);
    Call &call = m_calls[index];
    if (m_searches >= m_request.webSearch->maxUses) {
        call.outcome = WebSearchOutcome::failed(QStringLiteral("max_uses_exceeded"));
        return runSearch(index + 1, search, next);
    }
    if (call.query.trimmed().isEmpty()) {
        call.outcome = WebSearchOutcome::failed(QStringLiteral("invalid_tool_input"));
        return runSearch(index + 1, search, next);
    }
    ++m_searches;
    search(call.query, [this, index, search, next](const WebSearchOutcome &outcome) {
        m_calls[index].outcome = WebSearchResults::filtered(outcome, *m_request.webSearch);
        runSearch(index + 1, search, next);
    });
}

void WebSearchLoop::roundSearched(const Next &next)
{
    QList<SseEvent> events;
    for (const Call &call : std::as_const(m_calls)) {
        const QJsonObject block = resultBlock(call);
        m_roundContent.append(block);
        // Indices of the round, like the assembler's; appendStreamEvents() moves them on.
        const int index = m_roundBlocks;
        events.append(event("content_block_start", {{QStringLiteral("index"), index}, {QStringLiteral("content_block"), block}}));
        events.append(event("content_block_stop", {{QStringLiteral("index"), index}}));
        m_roundBlocks = index + 1;
    }
    for (const QJsonValue &block : std::as_const(m_roundContent))
        m_content.append(block);

    // Asked again unless the client has a tool of its own to run. Past max_uses a call gets the
    // max_uses_exceeded error and the model one more round to answer; a model that still calls it
    // then gets that error as the end of the answer.
    const bool askAgain = !m_clientToolsCalled && m_rounds <= m_request.webSearch->maxUses + 1;
    m_holding = false;
    if (askAgain) {
        QJsonObject anthropic = m_request.anthropicRequest;
        QJsonArray messages = anthropic.value(QLatin1String("messages")).toArray();
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), m_roundContent}});
        anthropic.insert(QStringLiteral("messages"), messages);
        ConversionOptions options;
        options.model = m_request.model;   // the same model serves every round
        auto converted = RequestConverter::convert(anthropic, options);
        if (auto *nextRequest = std::get_if<ConvertedRequest>(&converted)) {
            m_request.anthropicRequest = anthropic;
            m_cited.setMarkers(markers());
            nextRequest->stream = m_request.stream;
            return next(events, *nextRequest);
        }
    }
    m_ended = true;
    // Indices are moved on by appendStreamEvents(); the closing events pass as they are not held.
    const QJsonObject usageNow = usage(m_lastMessage.value(QLatin1String("usage")).toObject(), 0);
    events.append(event("message_delta",
                        {{QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"), stopReasonAfterSearch()},
                                                               {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
                         {QStringLiteral("usage"), usageNow}}));
    events.append(event("message_stop", {}));
    next(events, std::nullopt);
}

QString WebSearchLoop::stopReasonAfterSearch() const
{
    return m_clientToolsCalled ? QStringLiteral("tool_use") : QStringLiteral("end_turn");
}

QJsonObject WebSearchLoop::usage(QJsonObject usage, int roundOutputTokens) const
{
    usage.insert(QStringLiteral("output_tokens"), m_outputTokens + roundOutputTokens);
    usage.insert(QStringLiteral("server_tool_use"), QJsonObject{{QStringLiteral("web_search_requests"), m_searches}});
    return usage;
}

void WebSearchLoop::appendStreamEvents(QByteArray &out, const QList<SseEvent> &events)
{
    QList<SseEvent> passed;
    for (SseEvent e : events) {
        if (e.name == "message_start") {
            if (std::exchange(m_sentStart, true))
                continue;
        } else if (e.name.startsWith("content_block_")) {
            const int index = std::max(e.index(), 0);
            if (e.name == "content_block_start" && index == 0 && m_roundBlocks > 0) {   // the next round's first block
                m_indexOffset += m_roundBlocks;
                m_roundBlocks = 0;
            }
            m_roundBlocks = std::max(m_roundBlocks, index + 1);
            e.setIndex(index + m_indexOffset);
            if (e.name == "content_block_start")
                e.data.insert(QStringLiteral("content_block"), serverBlock(e.data.value(QLatin1String("content_block")).toObject()));
        } else if (e.name == "message_delta" || e.name == "message_stop") {
            if (m_holding)
                continue;
            if (e.name == "message_delta" && m_rounds > 0 && !m_ended) {
                const QJsonObject usageNow = e.data.value(QLatin1String("usage")).toObject();
                e.data.insert(QStringLiteral("usage"), usage(usageNow, usageNow.value(QLatin1String("output_tokens")).toInt()));
            }
        }
        passed.append(e);
    }
    m_inner->appendStreamEvents(out, m_cited.events(passed));
}

QJsonObject WebSearchLoop::body(const QJsonObject &message)
{
    if (m_rounds == 0)
        return m_inner->body(cited(message));
    QJsonObject merged = m_ended ? m_lastMessage : message;
    QJsonArray content = m_content;
    if (m_ended) {
        QJsonObject delta = merged;
        merged.insert(QStringLiteral("stop_reason"), stopReasonAfterSearch());
        merged.insert(QStringLiteral("usage"), usage(delta.value(QLatin1String("usage")).toObject(), 0));
    } else {
        for (const QJsonValue &block : message.value(QLatin1String("content")).toArray())
            content.append(serverBlock(block.toObject()));
        const QJsonObject usageNow = message.value(QLatin1String("usage")).toObject();
        merged.insert(QStringLiteral("usage"), usage(usageNow, usageNow.value(QLatin1String("output_tokens")).toInt()));
    }
    merged.insert(QStringLiteral("content"), content);
    return m_inner->body(cited(merged));
}

} // namespace kt
