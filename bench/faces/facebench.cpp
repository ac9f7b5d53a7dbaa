// What each face costs the proxy's CPU on its own, away from sockets and the machine's load: the
// request translation to the Messages model, the first write of a stream (everything up to the first
// text) and a whole 25-event stream, as the best of 30 runs of 2,000 requests each.
// Usage: kt_facebench [--json FILE]
#include "anthropic/anthropicformat.h"
#include "openai/chatformat.h"
#include "openai/chatrequesttranslator.h"
#include "openai/responsesformat.h"
#include "openai/responsesrequesttranslator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace kt;

namespace {

constexpr int Runs = 30;
constexpr int RequestsPerRun = 2000;
constexpr int TextEvents = 25;

SseEvent event(const char *name, QJsonObject data)
{
    data.insert(QStringLiteral("type"), QLatin1String(name));
    return SseEvent::fromJson(name, data);
}

SseEvent text(const char *fragment)
{
    return event("content_block_delta", {{"index", 0}, {"delta", QJsonObject{{"type", "text_delta"}, {"text", fragment}}}});
}

// The Anthropic events of one answer, in the batches the assembler hands over: the start with the
// first text, one batch per further fragment, then the end.
QList<QList<SseEvent>> answer()
{
    const char *fragment = "word [ts:0:1733500000000000000000000] ";
    QList<QList<SseEvent>> batches{{event("message_start", {{"message", QJsonObject{{"id", "msg_bench"}, {"usage", QJsonObject{{"input_tokens", 3000}, {"output_tokens", 1}}}}}}),
                                    event("content_block_start", {{"index", 0}, {"content_block", QJsonObject{{"type", "text"}, {"text", ""}}}}),
                                    text(fragment)}};
    for (int i = 1; i < TextEvents; ++i)
        batches.append({text(fragment)});
    batches.append({event("content_block_stop", {{"index", 0}}),
                    event("message_delta", {{"delta", QJsonObject{{"stop_reason", "end_turn"}}}, {"usage", QJsonObject{{"output_tokens", 150}}}}),
                    event("message_stop", {})});
    return batches;
}

struct Face {
    const char *name;
    QByteArray request;
    std::unique_ptr<ResponseFormat> (*start)(const QJsonObject &request);
};

struct Cost {
    double translateUs = 1e18, firstWriteUs = 1e18, streamUs = 1e18;
    qint64 bytes = 0;
};

Cost measure(const Face &face, const QList<QList<SseEvent>> &batches)
{
    Cost best;
    for (int run = 0; run < Runs; ++run) {
        qint64 translate = 0, first = 0, stream = 0;
        QElapsedTimer timer;
        for (int i = 0; i < RequestsPerRun; ++i) {
            const QJsonObject request = QJsonDocument::fromJson(face.request).object();
            timer.start();
            std::unique_ptr<ResponseFormat> format = face.start(request);
            translate += timer.nsecsElapsed();
            timer.start();
            QByteArray out = format->streamEvents(batches.first());
            first += timer.nsecsElapsed();
            qint64 bytes = out.size();
            for (qsizetype b = 1; b < batches.size(); ++b)
                bytes += format->streamEvents(batches.at(b)).size();
            bytes += format->streamEnd().size();
            stream += timer.nsecsElapsed();
            best.bytes = bytes;
        }
        best.translateUs = std::min(best.translateUs, translate / 1e3 / RequestsPerRun);
        best.firstWriteUs = std::min(best.firstWriteUs, first / 1e3 / RequestsPerRun);
        best.streamUs = std::min(best.streamUs, stream / 1e3 / RequestsPerRun);
    }
    return best;
}

template <typename Translator>
std::unique_ptr<ResponseFormat> openAi(const QJsonObject &request)
{
    auto translated = Translator::translate(request);
    if (std::holds_alternative<ApiError>(translated)) {
        std::fprintf(stderr, "kt_facebench: the bench request was refused: %s\n", qPrintable(std::get<ApiError>(translated).message));
        std::exit(1);
    }
    const TranslatedRequest &t = std::get<TranslatedRequest>(translated);
    const QString model = t.messages.value(QLatin1String("model")).toString();
    if constexpr (std::is_same_v<Translator, ChatRequestTranslator>)
        return std::make_unique<ChatFormat>(model, t.includeUsage, t.stops);
    else
        return std::make_unique<ResponsesFormat>(model);
}

} // namespace

int main(int argc, char **argv)
{
    const char *json = argc == 3 && std::strcmp(argv[1], "--json") == 0 ? argv[2] : nullptr;
    if (argc != 1 && !json) {
        std::fprintf(stderr, "usage: kt_facebench [--json FILE]\n");
        return 2;
    }
    const QByteArray prompt = "\"model\":\"claude-sonnet-4-5-20250929\",\"stream\":true,";
    const Face faces[] = {
        {"messages", "{" + prompt + "\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"stream 25 events\"}]}",
         [](const QJsonObject &) -> std::unique_ptr<ResponseFormat> { return std::make_unique<AnthropicFormat>(); }},
        {"chat", "{" + prompt + "\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"stream 25 events\"}]}",
         openAi<ChatRequestTranslator>},
        {"responses", "{" + prompt + "\"max_output_tokens\":1024,\"store\":false,\"input\":\"stream 25 events\"}",
         openAi<ResponsesRequestTranslator>},
    };
    const QList<QList<SseEvent>> batches = answer();
    QFile out(json ? QString::fromLocal8Bit(json) : QString());
    if (json && !out.open(QIODevice::Append | QIODevice::Text)) {
        std::fprintf(stderr, "kt_facebench: cannot append to %s\n", json);
        return 1;
    }
    for (const Face &face : faces) {
        const Cost c = measure(face, batches);
        std::printf("%-9s translation %6.2f us  first write %6.2f us  %d-event stream %7.2f us  %lld bytes\n", face.name,
                    c.translateUs, c.firstWriteUs, TextEvents, c.streamUs, static_cast<long long>(c.bytes));
        if (json)
            out.write(QStringLiteral("{\"mode\":\"facecost\",\"api\":\"%1\",\"translate_us\":%2,\"first_write_us\":%3,\"stream_us\":%4,\"events\":%5,\"bytes\":%6}\n")
                          .arg(QLatin1String(face.name)).arg(c.translateUs, 0, 'f', 2).arg(c.firstWriteUs, 0, 'f', 2)
                          .arg(c.streamUs, 0, 'f', 2).arg(TextEvents).arg(c.bytes).toUtf8());
    }
    return 0;
}
