#include "anthropic/citationmarkers.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace kt {

namespace {

// A sentence (up to . ! ? before white space or a marker, or a line end), the markers right after
// it, and the white space after those.
const QRegularExpression sentencePattern(QStringLiteral(R"((.*?(?:[.!?](?=[\s\[]|\z)|\n|\z)((?:[ \t]*\[\d{1,3}(?:,[ \t]*\d{1,3})*\])*))(\s*))"));
const QRegularExpression markerPattern(QStringLiteral(R"([ \t]?\[(\d{1,3}(?:,[ \t]*\d{1,3})*)\])"));
// What is left could still grow into a marker of the sentence before it.
const QRegularExpression markerStart(QStringLiteral(R"(\A\[[\d, \t]*\z)"));
const QRegularExpression sentenceBreak(QStringLiteral(R"((?<=[.!?])\s+)"));
const QRegularExpression word(QStringLiteral(R"(\w{3,})"));

QSet<QString> words(const QString &text)
{
    QSet<QString> out;
    for (auto it = word.globalMatch(text.toLower()); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

// The sentence of the source that shares most words with the cited one.
QString citedText(const QString &source, const QString &sentence)
{
    const QSet<QString> wanted = words(sentence);
    QString best;
    qsizetype bestScore = -1;
    for (const QString &candidate : source.split(sentenceBreak, Qt::SkipEmptyParts)) {
        const qsizetype score = words(candidate).intersect(wanted).size();
        if (score > bestScore) {
            best = candidate.trimmed();
            bestScore = score;
        }
    }
    return best.left(CitationMarkers::MaxCitedChars);
}

} // namespace

QString CitationMarkers::instruction()
{
    return QStringLiteral("When your answer uses one of these results, cite it: put the result's number in square "
                          "brackets at the end of the sentence, before its full stop, like \"Kiro is an IDE [1].\"");
}

CitationMarkers::CitationMarkers(QJsonArray results) : m_results(std::move(results)) {}

QList<CitationMarkers::Segment> CitationMarkers::take(QString &pending, bool final) const
{
    QList<Segment> out;
    if (!active()) {
        if (!pending.isEmpty())
            out.append({std::exchange(pending, {}), {}});
        return out;
    }
    qsizetype pos = 0;
    while (pos < pending.size()) {
        const QRegularExpressionMatch sentence = sentencePattern.match(pending, pos, QRegularExpression::NormalMatch,
                                                                      QRegularExpression::AnchorAtOffsetMatchOption);
        const qsizetype end = sentence.capturedEnd(0);
        if (!sentence.hasMatch() || end <= pos)
            break;
        if (!final && (end >= pending.size() || markerStart.match(QStringView(pending).mid(end)).hasMatch()))
            break;
        QString text;
        QList<int> numbers;
        const QString withMarkers = sentence.captured(1);
        qsizetype last = 0;
        for (auto it = markerPattern.globalMatch(withMarkers); it.hasNext();) {
            const QRegularExpressionMatch marker = it.next();
            QList<int> found;
            for (const QString &n : marker.captured(1).split(QLatin1Char(',')))
                found.append(n.trimmed().toInt());
            if (std::any_of(found.cbegin(), found.cend(), [this](int n) { return n < 1 || n > m_results.size(); }))
                continue;
            text += QStringView(withMarkers).mid(last, marker.capturedStart(0) - last);
            last = marker.capturedEnd(0);
            for (int n : found)
                if (!numbers.contains(n))
                    numbers.append(n);
        }
        text += QStringView(withMarkers).mid(last);
        append(out, text + sentence.captured(3), numbers);
        pos = end;
    }
    pending.remove(0, pos);
    if (!final && pending.size() > MaxHeldChars) {
        const qsizetype space = pending.lastIndexOf(QLatin1Char(' '), pending.size() - 16);
        if (space > 0) {
            append(out, pending.left(space + 1), {});
            pending.remove(0, space + 1);
        }
    }
    return out;
}

void CitationMarkers::append(QList<Segment> &out, const QString &text, const QList<int> &numbers) const
{
    const auto plain = [&out](const QString &part) {
        if (part.isEmpty())
            return;
        if (!out.isEmpty() && out.last().citations.isEmpty())
            out.last().text += part;
        else
            out.append({part, {}});
    };
    const QString core = text.trimmed();
    if (numbers.isEmpty() || core.isEmpty())
        return plain(text);
    const qsizetype lead = text.indexOf(core);
    plain(text.left(lead));
    Segment cited{core, {}};
    for (int n : numbers)
        cited.citations.append(citation(n, core));
    out.append(cited);
    plain(text.mid(lead + core.size()));
}

QJsonObject CitationMarkers::citation(int number, const QString &sentence) const
{
    const QJsonObject result = m_results.at(number - 1).toObject();
    const QString url = result.value(QLatin1String("url")).toString();
    const QString title = result.value(QLatin1String("title")).toString();
    QString cited = citedText(result.value(QLatin1String("encrypted_content")).toString(), sentence);
    if (cited.isEmpty())
        cited = title.left(MaxCitedChars);
    // Opaque to clients, which send it back unchanged; KiroTray drops it again in later turns.
    const QByteArray index = QJsonDocument(QJsonObject{{QStringLiteral("url"), url}, {QStringLiteral("result"), number}})
                                 .toJson(QJsonDocument::Compact).toBase64();
    return {{QStringLiteral("type"), QStringLiteral("web_search_result_location")},
            {QStringLiteral("url"), url},
            {QStringLiteral("title"), title.isEmpty() ? QJsonValue() : QJsonValue(title)},
            {QStringLiteral("encrypted_index"), QString::fromLatin1(index)},
            {QStringLiteral("cited_text"), cited}};
}

QJsonArray CitationMarkers::blocks(const QString &text) const
{
    QString pending = text;
    QJsonArray out;
    for (const Segment &segment : take(pending, true)) {
        QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), segment.text}};
        if (!segment.citations.isEmpty())
            block.insert(QStringLiteral("citations"), segment.citations);
        out.append(block);
    }
    if (out.isEmpty())   // as streamed: a text block, empty
        out.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}});
    return out;
}

} // namespace kt
