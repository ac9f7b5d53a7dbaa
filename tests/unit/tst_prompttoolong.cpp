// The early "prompt is too long" answer: only past the configured share of the served model's
// window, in the shape Claude Code reads to compact, and never when the percentage is 0.
#include "anthropic/requestconverter.h"
#include "models/modelresolver.h"

#include <QJsonArray>
#include <QtTest>

using namespace kt;

namespace {

QJsonObject request(int words)
{
    QStringList text;
    for (int i = 0; i < words; ++i)
        text << QStringLiteral("word%1").arg(i % 7);
    return {{"model", "claude-small"},
            {"max_tokens", 100},
            {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", text.join(QLatin1Char(' '))}}}}};
}

ConversionOptions options(qint64 window, int percent)
{
    ResolvedModel model;
    model.kiroModelId = QStringLiteral("claude-small");
    model.model.id = model.kiroModelId;
    model.model.maxInputTokens = window;
    ConversionOptions o;
    o.model = model;
    o.promptTooLongPercent = percent;
    return o;
}

int estimate(const QJsonObject &body)
{
    return std::get<ConvertedRequest>(RequestConverter::convert(body, options(0, 0))).estimatedInputTokens;
}

} // namespace

class TestPromptTooLong : public QObject {
    Q_OBJECT
private slots:
    void refusedPastTheMargin()
    {
        const QJsonObject body = request(2000);
        const int tokens = estimate(body);
        QVERIFY(tokens > 2000);
        const auto refused = RequestConverter::convert(body, options(tokens * 100 / 126, 125));
        QVERIFY(std::holds_alternative<ApiError>(refused));
        const ApiError error = std::get<ApiError>(refused);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.type, QStringLiteral("invalid_request_error"));
        QCOMPARE(error.message, QStringLiteral("prompt is too long: %1 tokens > %2 maximum").arg(tokens).arg(tokens * 100 / 126));
    }

    void acceptedWithinTheMargin()
    {
        const QJsonObject body = request(2000);
        const int tokens = estimate(body);
        QVERIFY(std::holds_alternative<ConvertedRequest>(RequestConverter::convert(body, options(tokens * 100 / 124, 125))));
        QVERIFY(std::holds_alternative<ConvertedRequest>(RequestConverter::convert(body, options(tokens, 125))));
    }

    void neverWhenOffOrWindowUnknown()
    {
        const QJsonObject body = request(2000);
        QVERIFY(std::holds_alternative<ConvertedRequest>(RequestConverter::convert(body, options(100, 0))));
        QVERIFY(std::holds_alternative<ConvertedRequest>(RequestConverter::convert(body, options(0, 125))));
    }
};

QTEST_GUILESS_MAIN(TestPromptTooLong)
#include "tst_prompttoolong.moc"
