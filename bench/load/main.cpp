// kt_load: the KiroTray load and timing tool (see bench/README.md). Plain sockets and epoll, so the
// client adds as little as possible to what it measures.
#include "loadrunner.h"
#include "percentiles.h"
#include "processcpu.h"
#include "relay.h"
#include "startupprobe.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace kt::bench;

namespace {

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "kt_load: %s\n"
                 "usage: kt_load stream --target proxy|direct --port P [--host 127.0.0.1] [--api-key K]\n"
                 "                      [--api messages|chat|responses]\n"
                 "                      [--events N] [--interval MS] [--pad BYTES] [--concurrency C] [--requests R]\n"
                 "                      [--warmup W] [--stagger MS] [--timeout MS] [--pid PID] [--label L] [--json FILE]\n"
                 "                      [--cpu-pids NAME:PID,...]   (CPU ms each used during the run, and the client's)\n"
                 "       kt_load startup --port P [--runs N] [--label L] [--json FILE] -- COMMAND ARGS...\n"
                 "       kt_load relay --listen-port P --to-port Q [--host 127.0.0.1]\n",
                 why);
    std::exit(2);
}

struct Args {
    std::map<std::string, std::string> values;
    std::vector<std::string> rest;
    std::string get(const std::string &key, const std::string &fallback = {}) const
    {
        const auto it = values.find(key);
        return it == values.end() ? fallback : it->second;
    }
    int number(const std::string &key, int fallback) const
    {
        const std::string v = get(key);
        if (v.empty())
            return fallback;
        char *end = nullptr;
        const long n = std::strtol(v.c_str(), &end, 10);
        if (*end || n < 0)
            usage(("bad number for --" + key).c_str());
        return int(n);
    }
};

Args parse(int argc, char **argv, int first)
{
    Args args;
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") {
            for (++i; i < argc; ++i)
                args.rest.push_back(argv[i]);
            break;
        }
        if (a.rfind("--", 0) != 0 || i + 1 >= argc)
            usage(("unexpected argument " + a).c_str());
        args.values[a.substr(2)] = argv[++i];
    }
    return args;
}

sockaddr_in ipv4(const std::string &host, int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
        usage("--host must be an IPv4 address");
    return address;
}

std::string jsonNumber(double v)
{
    if (std::isnan(v))
        return "null";
    std::ostringstream out;
    out.precision(6);
    out << v;
    return out.str();
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else
            out += c;
    }
    return out + "\"";
}

// {"p50":..,"p90":..,"p99":..,"p999":..,"max":..,"mean":..,"n":..} in microseconds.
std::string summary(Percentiles &p)
{
    std::ostringstream out;
    out << "{\"p50\":" << jsonNumber(p.at(0.5) / 1e3) << ",\"p90\":" << jsonNumber(p.at(0.9) / 1e3)
        << ",\"p99\":" << jsonNumber(p.at(0.99) / 1e3) << ",\"p999\":" << jsonNumber(p.at(0.999) / 1e3)
        << ",\"max\":" << jsonNumber(p.at(1.0) / 1e3) << ",\"mean\":" << jsonNumber(p.mean() / 1e3) << ",\"n\":" << p.count() << "}";
    return out.str();
}

void emit(const Args &args, const std::string &json)
{
    std::printf("%s\n", json.c_str());
    const std::string file = args.get("json");
    if (!file.empty()) {
        std::ofstream out(file, std::ios::app);
        out << json << "\n";
    }
}

std::string benchContent(int events, int interval, int pad)
{
    std::string content = "[[scenario:bench]] [[events:" + std::to_string(events) + "]] [[pad:" + std::to_string(pad) + "]]";
    if (interval >= 0)
        content += " [[interval:" + std::to_string(interval) + "]]";
    return content + " Stream the benchmark schedule, please.";
}

std::string httpPost(const std::string &path, const std::string &host, const std::vector<std::string> &headers, const std::string &body)
{
    std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const std::string &h : headers)
        request += h + "\r\n";
    request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return request;
}

// --cpu-pids proxy:123,fake:456 -> {{"proxy",123},{"fake",456}}
std::vector<std::pair<std::string, pid_t>> cpuPids(const std::string &spec)
{
    std::vector<std::pair<std::string, pid_t>> pids;
    std::istringstream in(spec);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto colon = item.find(':');
        char *end = nullptr;
        const long pid = colon == std::string::npos ? 0 : std::strtol(item.c_str() + colon + 1, &end, 10);
        if (pid <= 0 || *end)
            usage("--cpu-pids takes NAME:PID[,NAME:PID...]");
        pids.emplace_back(item.substr(0, colon), pid_t(pid));
    }
    return pids;
}

int runStream(const Args &args)
{
    LoadOptions o;
    const std::string target = args.get("target", "proxy");
    if (target != "proxy" && target != "direct")
        usage("--target must be proxy or direct");
    o.target = target == "proxy" ? Target::Proxy : Target::Direct;
    const int port = args.number("port", 0);
    if (port <= 0 || port > 65535)
        usage("--port is required");
    const std::string hostIp = args.get("host", "127.0.0.1");
    o.address = ipv4(hostIp, port);
    const int events = args.number("events", 100);
    const int interval = args.get("interval").empty() ? -1 : args.number("interval", 0);
    const int pad = args.number("pad", 0);
    o.expectedEvents = events;
    o.concurrency = std::max(1, args.number("concurrency", 1));
    o.requestsPerWorker = std::max(1, args.number("requests", 1));
    o.warmupPerWorker = args.number("warmup", 0);
    o.staggerMs = args.number("stagger", 0);
    o.timeoutMs = args.number("timeout", 60000);
    o.samplePid = pid_t(args.number("pid", 0));

    const std::string content = jsonString(benchContent(events, interval, pad));
    const std::string host = hostIp + ":" + std::to_string(port);
    const std::string api = args.get("api", "messages");
    if (api != "messages" && api != "chat" && api != "responses")
        usage("--api must be messages, chat or responses");
    o.api = api == "chat" ? Api::Chat : api == "responses" ? Api::Responses : Api::Messages;
    const std::string model = "\"model\":\"claude-sonnet-4-5-20250929\",\"stream\":true,";
    if (o.target == Target::Proxy && o.api == Api::Chat) {
        const std::string body = "{" + model + "\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";
        o.request = httpPost("/v1/chat/completions", host, {"Authorization: Bearer " + args.get("api-key")}, body);
    } else if (o.target == Target::Proxy && o.api == Api::Responses) {
        const std::string body = "{" + model + "\"max_output_tokens\":1024,\"store\":false,\"input\":" + content + "}";
        o.request = httpPost("/v1/responses", host, {"Authorization: Bearer " + args.get("api-key")}, body);
    } else if (o.target == Target::Proxy) {
        const std::string body = "{" + model + "\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";
        o.request = httpPost("/v1/messages", host, {"x-api-key: " + args.get("api-key"), "anthropic-version: 2023-06-01"}, body);
    } else {
        const std::string body = "{\"conversationState\":{\"chatTriggerType\":\"MANUAL\",\"conversationId\":\"bench\","
                                 "\"currentMessage\":{\"userInputMessage\":{\"content\":" + content + ",\"modelId\":\"claude-sonnet-4.5\","
                                 "\"origin\":\"AI_EDITOR\"}},\"history\":[]},"
                                 "\"profileArn\":\"arn:aws:codewhisperer:us-east-1:123456789012:profile/FAKEPROFILE\"}";
        o.request = httpPost("/generateAssistantResponse", host,
                             {"Authorization: Bearer fake-access-bench", "x-amzn-codewhisperer-optout: true"}, body);
    }

    const auto pids = cpuPids(args.get("cpu-pids"));
    std::vector<double> cpuBefore;
    for (const auto &[name, pid] : pids)
        cpuBefore.push_back(ProcessCpu::ms(pid));
    const double clientBefore = ProcessCpu::selfMs();
    LoadOutcome outcome = LoadRunner(o).run();
    std::string cpu = "{\"client\":" + jsonNumber(ProcessCpu::selfMs() - clientBefore);
    for (size_t i = 0; i < pids.size(); ++i) {
        const double after = ProcessCpu::ms(pids[i].second);
        cpu += ',';
        cpu += jsonString(pids[i].first);
        cpu += ':';
        cpu += after < 0 || cpuBefore[i] < 0 ? "null" : jsonNumber(after - cpuBefore[i]);
    }
    cpu += "}";
    Percentiles ttfb, firstContent, latency;
    int ok = 0, failed = 0, measured = 0;
    long long contentEvents = 0;
    std::map<std::string, int> errors;
    for (const RequestResult &r : outcome.results) {
        contentEvents += r.contentEvents;
        if (!r.ok) {
            ++failed;
            ++errors[r.error.substr(0, 200)];
            continue;
        }
        ++ok;
        if (!r.measured)
            continue;
        ++measured;
        ttfb.add(r.firstBodyNs - r.startNs);
        firstContent.add(r.firstContentNs - r.startNs);
        for (const EventSample &s : r.samples)
            latency.add(s.arrivalNs - s.stampNs);
    }
    const double wallS = double(outcome.endNs - outcome.startNs) / 1e9;
    std::ostringstream json;
    json << "{\"mode\":\"stream\",\"label\":" << jsonString(args.get("label", target)) << ",\"target\":" << jsonString(target)
         << ",\"api\":" << jsonString(api)
         << ",\"concurrency\":" << o.concurrency << ",\"events_per_stream\":" << events << ",\"interval_ms\":" << interval
         << ",\"pad\":" << pad << ",\"requests\":" << outcome.results.size() << ",\"ok\":" << ok << ",\"failed\":" << failed
         << ",\"measured\":" << measured << ",\"max_in_flight\":" << outcome.maxInFlight
         << ",\"ttfb_us\":" << summary(ttfb) << ",\"first_content_us\":" << summary(firstContent)
         << ",\"event_latency_us\":" << summary(latency) << ",\"wall_s\":" << jsonNumber(wallS)
         << ",\"content_events\":" << contentEvents << ",\"events_per_s\":" << jsonNumber(double(contentEvents) / wallS)
         << ",\"cpu_ms\":" << cpu << ",\"peak_rss_kb\":" << outcome.peakRssKb << ",\"hwm_kb\":" << outcome.hwmKb << ",\"errors\":[";
    bool first = true;
    for (const auto &[text, count] : errors) {
        json << (first ? "" : ",") << "{\"count\":" << count << ",\"error\":" << jsonString(text) << "}";
        first = false;
    }
    json << "]}";
    emit(args, json.str());
    return failed == 0 ? 0 : 1;
}

int runStartup(const Args &args)
{
    const int port = args.number("port", 0);
    if (port <= 0 || args.rest.empty())
        usage("startup needs --port and a command after --");
    const int runs = std::max(1, args.number("runs", 10));
    StartupProbe probe(args.rest, port);
    Percentiles times;
    std::vector<double> all;
    std::string error;
    probe.runOnce(); // warm the page cache; not counted
    for (int i = 0; i < runs; ++i) {
        const StartupRun run = probe.runOnce();
        if (!run.ok) {
            error = run.error;
            break;
        }
        all.push_back(run.listeningMs);
        times.add(int64_t(run.listeningMs * 1e6));
    }
    std::ostringstream json;
    json << "{\"mode\":\"startup\",\"label\":" << jsonString(args.get("label", "startup")) << ",\"runs\":" << all.size()
         << ",\"median_ms\":" << jsonNumber(times.at(0.5) / 1e6) << ",\"min_ms\":" << jsonNumber(times.at(0.0) / 1e6)
         << ",\"max_ms\":" << jsonNumber(times.at(1.0) / 1e6) << ",\"all_ms\":[";
    for (size_t i = 0; i < all.size(); ++i)
        json << (i ? "," : "") << jsonNumber(all[i]);
    json << "],\"error\":" << (error.empty() ? "null" : jsonString(error)) << "}";
    emit(args, json.str());
    return error.empty() ? 0 : 1;
}

// Listens on --host:--listen-port (0: any free port) and relays every connection to --host:--to-port.
int runRelay(const Args &args)
{
    if (args.get("listen-port").empty())
        usage("relay needs --listen-port (0: any free port)");
    const int listenPort = args.number("listen-port", 0);
    const int toPort = args.number("to-port", 0);
    if (listenPort > 65535 || toPort <= 0 || toPort > 65535)
        usage("relay needs --listen-port and --to-port in 1..65535");
    const std::string host = args.get("host", "127.0.0.1");
    return Relay(ipv4(host, listenPort), ipv4(host, toPort)).run();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        usage("missing mode");
    const std::string mode = argv[1];
    const Args args = parse(argc, argv, 2);
    if (mode == "stream")
        return runStream(args);
    if (mode == "startup")
        return runStartup(args);
    if (mode == "relay")
        return runRelay(args);
    usage(("unknown mode " + mode).c_str());
}
