// UsageMeter through ResponseAssembler: meteringEvent credits add up (absurd values ignored), cache
// reads/writes from meteringEvent or metadata token usage reach the Anthropic usage (taken out of
// input_tokens), and takeCredits() counts each credit once.
#include "anthropic/responseassembler.h"
#include "unit/support/assemblerfixtures.h"

#include <QTest>

using namespace kt;
using namespace kt::test;

namespace {

EventStreamMessage metering(const QJsonObject &payload)
{
    return kiroEvent(QStringLiteral("meteringEvent"), payload);
}

int usageField(const QJsonObject &usage, const char *key)
{
    return usage.value(QLatin1String(key)).toInt(-1);
}

} // namespace

class TestUsageMeter : public QObject
{
    Q_OBJECT

private slots:
    void creditsAddUp()
    {
        ResponseAssembler a(options());
        runAll(a, {text(QStringLiteral("Hi")), metering({{QStringLiteral("usage"), 0.5}}),
                   metering({{QStringLiteral("unit"), QStringLiteral("credit")}, {QStringLiteral("usage"), 0.125}}),
                   metering({{QStringLiteral("usage"), QStringLiteral("3")}}),   // not a number
                   metering({{QStringLiteral("usage"), -1}}), metering({{QStringLiteral("usage"), 1e12}})});
        QCOMPARE(a.meter().credits(), 0.625);
        QCOMPARE(a.meter().takeCredits(), 0.625);
        QCOMPARE(a.meter().takeCredits(), 0.0);
        // No cache reported: the usage keeps its zeros.
        const QJsonObject usage = a.message().value(QLatin1String("usage")).toObject();
        QCOMPARE(usageField(usage, "cache_read_input_tokens"), 0);
        QCOMPARE(usageField(usage, "cache_creation_input_tokens"), 0);
        QCOMPARE(usageField(usage, "input_tokens"), 42);
    }

    void cacheFromMeteringReachesUsage()
    {
        ResponseAssembler a(options());
        const QList<SseEvent> ev = runAll(a, {text(QStringLiteral("Hi")), contextUsageFrame(1.5),
                                             metering({{QStringLiteral("usage"), 0.25},
                                                       {QStringLiteral("cacheReadInputTokens"), 800},
                                                       {QStringLiteral("cacheCreationInputTokens"), 100}})});
        validateStream(ev);
        // message_start comes before any metering: zeros there.
        const QJsonObject start = ev.first().json().value(QLatin1String("message")).toObject().value(QLatin1String("usage")).toObject();
        QCOMPARE(usageField(start, "cache_read_input_tokens"), 0);
        const QJsonObject delta = ev.at(ev.size() - 2).json().value(QLatin1String("usage")).toObject();
        QCOMPARE(usageField(delta, "cache_read_input_tokens"), 800);
        QCOMPARE(usageField(delta, "cache_creation_input_tokens"), 100);
        QCOMPARE(usageField(delta, "input_tokens"), 3000 - 900);   // 1.5 % of 200k, less the cached part
        QCOMPARE(a.message().value(QLatin1String("usage")).toObject(), delta);
        QCOMPARE(a.inputTokens(), 3000);   // the log keeps the whole prompt
    }

    void cacheFromMetadataTokenUsage()
    {
        ResponseAssembler a(options());
        runAll(a, {text(QStringLiteral("Hi")),
                   kiroEvent(QStringLiteral("metadataEvent"),
                             {{QStringLiteral("tokenUsage"), QJsonObject{{QStringLiteral("cacheReadInputTokens"), 30},
                                                                         {QStringLiteral("cacheWriteInputTokens"), 5}}}}),
                   kiroEvent(QStringLiteral("messageMetadataEvent"),
                             {{QStringLiteral("usage"), QJsonObject{{QStringLiteral("cacheReadInputTokens"), 20}}}})});
        const QJsonObject usage = a.message().value(QLatin1String("usage")).toObject();
        QCOMPARE(usageField(usage, "cache_read_input_tokens"), 30);   // the largest report, not a sum
        QCOMPARE(usageField(usage, "cache_creation_input_tokens"), 5);
        QCOMPARE(usageField(usage, "input_tokens"), 42 - 35);
    }

    void cacheBeyondTheEstimateLeavesZeroInput()
    {
        ResponseAssembler a(options());
        runAll(a, {text(QStringLiteral("Hi")), metering({{QStringLiteral("cacheReadInputTokens"), 5000}})});
        QCOMPARE(usageField(a.message().value(QLatin1String("usage")).toObject(), "input_tokens"), 0);
    }
};

QTEST_GUILESS_MAIN(TestUsageMeter)
#include "tst_usagemeter.moc"
