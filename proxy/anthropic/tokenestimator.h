#pragma once
// Local token estimates (R1 heuristics, doc §5.4): the input count for message_start and
// count_tokens, and the per-chunk output count while a response streams.
#include <QJsonObject>
#include <QStringView>

namespace kt {

class TokenEstimator {
public:
    // Western (ASCII / Latin) code points weigh 1 unit, all others 4; tokens = units / 4, scaled by
    // 1.5 (<100), 1.3 (<200), 1.25 (<300), 1.2 (<800) or 1.0, truncated. The result is at least 1.
    static int estimateText(QStringView text);

    // Sum of the per-piece estimates (not clamped individually) over the system texts, every text
    // block, tool_result text, tool_use input JSON, thinking text, text documents, and each tool's
    // name, description and input_schema JSON. At least 1; tolerates malformed requests.
    static int countRequestTokens(const QJsonObject &anthropicRequest);

    // Streaming output estimate for one text chunk: ceil(2/3 per CJK ideograph U+4E00..U+9FFF)
    // + ceil(1/4 per other code point), at least 1.
    static int estimateOutputChunk(QStringView chunk);
};

} // namespace kt
