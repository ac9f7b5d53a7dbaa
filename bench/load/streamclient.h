#pragma once
// One streaming request on its own non-blocking TCP connection, driven by LoadRunner's epoll loop:
// sends the request, timestamps every read, and records when each stamped upstream event arrives.
#include "eventframeparser.h"
#include "httpresponseparser.h"
#include "sseparser.h"

#include <netinet/in.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kt::bench {

enum class Target { Proxy, Direct };
// Which of the proxy's APIs a Proxy stream uses: Anthropic Messages, OpenAI Chat Completions or Responses.
enum class Api { Messages, Chat, Responses };

struct EventSample {
    int64_t arrivalNs = 0; // when the read() that completed it returned
    int64_t stampNs = 0;   // when fake_kiro wrote the frame (monotonic clock)
};

struct RequestResult {
    bool ok = false;
    bool measured = true;    // false for warm-up requests
    std::string error;
    int status = 0;
    int64_t startNs = 0;     // just before connect()
    int64_t firstByteNs = 0; // first byte of the response (status line)
    int64_t firstBodyNs = 0; // first body byte: the first SSE byte / event-stream frame byte
    int64_t firstContentNs = 0;
    int64_t endNs = 0;
    int contentEvents = 0;
    int totalEvents = 0;
    std::vector<EventSample> samples;
};

class StreamClient
{
public:
    StreamClient(Target target, const sockaddr_in &address, const std::string &request, int expectedEvents,
                 Api api = Api::Messages);
    ~StreamClient();
    StreamClient(const StreamClient &) = delete;
    StreamClient &operator=(const StreamClient &) = delete;

    bool start(); // false (with the result filled in) when the socket cannot even be created
    int fd() const { return m_fd; }
    bool wantsWrite() const { return m_written < m_request.size(); }
    bool finished() const { return m_finished; }
    // Handles epoll readiness; returns true while the client still wants the same interest set.
    void onReady(uint32_t events);
    void failTimeout();
    RequestResult &result() { return m_result; }

private:
    void doWrite();
    void doRead();
    void onBody(const std::string &bytes);
    void onSse(std::string_view event, std::string_view data);
    void onFrame(std::string_view messageType, std::string_view eventType, std::string_view payload);
    void addStamps(std::string_view text);
    void finish(const std::string &error);
    void finishIfComplete();

    Target m_target;
    Api m_api;
    sockaddr_in m_address;
    std::string m_request;
    int m_expectedEvents;
    int m_fd = -1;
    size_t m_written = 0;
    bool m_finished = false;
    bool m_sawStop = false;
    std::string m_streamError;
    int64_t m_readNs = 0;
    std::string m_errorBody;
    HttpResponseParser m_http;
    SseParser m_sse;
    EventFrameParser m_frames;
    RequestResult m_result;
};

} // namespace kt::bench
