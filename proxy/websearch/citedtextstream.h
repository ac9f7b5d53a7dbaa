#pragma once
// The stream side of citations: the answer's text blocks pass through CitationMarkers, so a text
// block may come out as several (plain runs, and each cited sentence in a block of its own that
// opens with its citations_delta events before its text). Text is held until its sentence is
// complete, so a marker cut over two upstream chunks is still found. Block indices are renumbered
// to run on without gaps; every other event passes unchanged.
#include "anthropic/citationmarkers.h"
#include "anthropic/sseformat.h"

#include <QList>

namespace kt {

class CitedTextStream
{
public:
    // The results markers refer to from now on.
    void setMarkers(CitationMarkers markers) { m_markers = std::move(markers); }
    QList<SseEvent> events(const QList<SseEvent> &in);

private:
    void text(QList<SseEvent> &out, bool final);
    void open(QList<SseEvent> &out, bool cited);
    void close(QList<SseEvent> &out);

    CitationMarkers m_markers;
    int m_next = 0;            // index of the next block out
    int m_current = -1;        // index out of the block being passed through
    bool m_inText = false;     // inside a text block that goes through the markers
    bool m_openedAny = false;  // the text block in has a block out
    bool m_open = false;       // a text block out is open
    bool m_openCited = false;
    QString m_pending;
};

} // namespace kt
