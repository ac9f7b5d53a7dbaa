#pragma once
// How citations are found in the plain text Kiro's model writes (docs/web-search.md#citations).
// The search results of a conversation are numbered 1, 2, … in the order they appear, across every
// search; the text the model reads asks it to put "[N]" after a sentence that relies on result N
// ("[N, M]" and "[N][M]" too). A sentence ends at . ! or ? before a space, or at a line end, and the
// markers right after it belong to it. Each marked sentence becomes a text block of its own with a
// web_search_result_location citation per result; the markers themselves are removed, as a client
// that renders citations shows its own. A marker naming no known result stays as it was written.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kt {

class CitationMarkers
{
public:
    struct Segment {
        QString text;
        QJsonArray citations;   // empty: plain text
    };
    static constexpr int MaxCitedChars = 150;
    // A sentence held longer than this (a long line of code, a table) goes out as plain text up to
    // its last space, so that neither the wait nor the work of looking for its end grows with it.
    static constexpr int MaxHeldChars = 2000;

    // What the model reads after the results.
    static QString instruction();

    // results: web_search_result objects, result N at N - 1.
    explicit CitationMarkers(QJsonArray results = {});
    bool active() const { return !m_results.isEmpty(); }

    // Removes from `pending` the sentences that are complete (all of it when `final`) and returns
    // them; text that a later chunk could still change (a sentence without its end, a marker cut in
    // two) stays. Cited segments carry no surrounding white space: it comes as plain segments.
    QList<Segment> take(QString &pending, bool final) const;
    // A whole text as content blocks: plain runs merged, each cited sentence a block of its own.
    QJsonArray blocks(const QString &text) const;

private:
    QJsonObject citation(int number, const QString &sentence) const;
    void append(QList<Segment> &out, const QString &text, const QList<int> &numbers) const;

    QJsonArray m_results;
};

} // namespace kt
