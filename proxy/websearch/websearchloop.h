#pragma once
// The web search server tool on a model without one (docs/protocol.md#web-search-mcp, KGP's loop): the
// model calls an ordinary "web_search" tool, each call runs one search, the results go back to the
// model as the tool result and the model is asked again, up to the tool's max_uses. To the client it
// is one message: the calls appear as server_tool_use blocks followed by web_search_tool_result
// blocks, block indices run on across rounds, message_start and message_delta come once, and usage
// counts the searches. The text carries citations of the results (CitationMarkers). Wraps the
// exchange's answer format, which it feeds with the merged message.
#include "anthropic/requestconverter.h"
#include "anthropic/responseformat.h"
#include "anthropic/websearchresults.h"
#include "websearch/citedtextstream.h"

#include <functional>
#include <memory>
#include <optional>

namespace kt {

class WebSearchLoop : public ResponseFormat {
public:
    using SearchDone = std::function<void(const WebSearchOutcome &)>;
    using Search = std::function<void(const QString &query, SearchDone done)>;
    // The stream events of the result blocks (and, when the answer ends here, its closing events),
    // and the request for the next round (none: the answer is complete).
    using Next = std::function<void(const QList<SseEvent> &events, std::optional<ConvertedRequest> nextRound)>;

    WebSearchLoop(const ConvertedRequest &request, std::unique_ptr<ResponseFormat> inner);

    // After a round ended well, with its message: false when it called no web search (the answer is
    // complete as the round ends). Otherwise the round's closing message_delta/message_stop are held
    // back, and search() must follow once the round's other events are out.
    bool startRound(const QJsonObject &roundMessage);
    // Runs the round's searches one after the other through `search`, then calls `next`.
    void search(Search search, Next next);
    int searchCount() const { return m_searches; }
    // Over all rounds, given the last round's (already counted when the answer ended after searching).
    int outputTokens(int lastRound) const { return m_ended ? m_outputTokens : m_outputTokens + lastRound; }

    QByteArray streamContentType() const override { return m_inner->streamContentType(); }
    void appendStreamEvents(QByteArray &out, const QList<SseEvent> &events) override;
    QByteArray streamPing() override { return m_inner->streamPing(); }
    QByteArray streamError(const ApiError &error) override { return m_inner->streamError(error); }
    QByteArray streamEnd() override { return m_inner->streamEnd(); }
    QJsonObject body(const QJsonObject &message) override;
    QJsonObject errorBody(const ApiError &error) const override { return m_inner->errorBody(error); }

private:
    struct Call {
        QString id;       // srvtoolu_…
        QString query;
        WebSearchOutcome outcome;
    };

    QJsonObject serverBlock(QJsonObject block) const;
    QJsonObject resultBlock(const Call &call) const;
    void runSearch(qsizetype index, const Search &search, const Next &next);
    void roundSearched(const Next &next);
    QJsonObject usage(QJsonObject usage, int roundOutputTokens) const;
    QString stopReasonAfterSearch() const;
    CitationMarkers markers() const;
    QJsonObject cited(QJsonObject message) const;

    ConvertedRequest m_request;
    std::unique_ptr<ResponseFormat> m_inner;
    int m_searches = 0;             // MCP searches run
    int m_rounds = 0;
    int m_outputTokens = 0;         // of the rounds before the current one
    int m_indexOffset = 0;          // stream block index of the current round's block 0
    int m_roundBlocks = 0;          // blocks the current round has streamed
    bool m_sentStart = false;
    bool m_holding = false;         // between a round that searched and the next one
    bool m_ended = false;           // the answer ended after searching, without asking again
    QJsonArray m_content;           // the client's blocks of the rounds so far
    QJsonArray m_roundContent;      // the current round's, with its results: its assistant turn
    QJsonObject m_lastMessage;      // the round message continueAfter saw last
    QList<Call> m_calls;            // the current round's
    bool m_clientToolsCalled = false;
    CitedTextStream m_cited;
};

} // namespace kt
