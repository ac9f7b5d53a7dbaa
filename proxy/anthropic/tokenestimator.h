#pragma once
// Local token estimates: the input count for message_start and count_tokens (a BPE pre-tokenizer
// style count, see bench/RESULTS.md "count_tokens"), and the per-chunk output count while streaming.
#include <QJsonObject>
#include <QStringView>

namespace kt {

class TokenEstimator {
public:
    // Splits the text into runs as Claude's BPE pre-tokenizer does (letters, digits, punctuation,
    // whitespace; a single space joins the following run; 's 't 're 've 'm 'll 'd stand alone) and
    // counts: Latin letter run 1, plus 1 per started 4 letters beyond the 8th; Cyrillic 1 per
    // started 2 letters; any other letter (CJK, kana, Hangul, Greek, Arabic…) 1 each; digits 1 per
    // started 3; ASCII punctuation 1 per started 3, other BMP symbols 1 each, astral symbols
    // (emoji) 2 each; whitespace run 1 per started 32. Linear time. The result is at least 1.
    static int estimateText(QStringView text);

    // Sum of the unclamped text counts over the system texts, every text block, tool_result text,
    // tool_use name and input JSON, thinking text, text documents, each tool's name, description
    // and input_schema JSON, plus an image estimate (imageTokens). At least 1; tolerates malformed
    // requests.
    static int countRequestTokens(const QJsonObject &anthropicRequest);

    // Anthropic's image cost, width × height / 750 after scaling the long edge to ≤ 1568 px, at
    // most 1600; the size is read from a base64 PNG, GIF or JPEG header, otherwise 1600 is assumed.
    static int imageTokens(const QJsonObject &imageBlock);

    // Streaming output estimate for one text chunk: ceil(2/3 per CJK ideograph U+4E00..U+9FFF)
    // + ceil(1/4 per other code point), at least 1.
    static int estimateOutputChunk(QStringView chunk);
};

} // namespace kt
