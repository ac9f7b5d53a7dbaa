#include "streamclient.h"

#include "clock.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kt::bench {

StreamClient::StreamClient(Target target, const sockaddr_in &address, const std::string &request, int expectedEvents, Api api)
    : m_target(target), m_api(api), m_address(address), m_request(request), m_expectedEvents(expectedEvents),
      m_sse([this](std::string_view e, std::string_view d) { onSse(e, d); }),
      m_frames([this](std::string_view m, std::string_view e, std::string_view p) { onFrame(m, e, p); })
{
}

StreamClient::~StreamClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool StreamClient::start()
{
    m_result.startNs = nowNs();
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        finish(std::string("socket: ") + std::strerror(errno));
        return false;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&m_address), sizeof m_address) < 0 && errno != EINPROGRESS) {
        finish(std::string("connect: ") + std::strerror(errno));
        return false;
    }
    return true;
}

void StreamClient::onReady(uint32_t events)
{
    if (m_finished)
        return;
    if (wantsWrite() && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
        doWrite();
    if (!m_finished && !wantsWrite() && (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)))
        doRead();
}

void StreamClient::doWrite()
{
    int error = 0;
    socklen_t length = sizeof error;
    if (m_written == 0 && ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error != 0)
        return finish(std::string("connect: ") + std::strerror(error));
    while (m_written < m_request.size()) {
        const ssize_t n = ::send(m_fd, m_request.data() + m_written, m_request.size() - m_written, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            return finish(std::string("send: ") + std::strerror(errno));
        }
        m_written += size_t(n);
    }
}

void StreamClient::doRead()
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            return finish(std::string("recv: ") + std::strerror(errno));
        }
        m_readNs = nowNs();
        if (n == 0) {
            m_http.closed();
            finishIfComplete();
            if (!m_finished)
                finish(m_http.error().empty() ? "connection closed early" : m_http.error());
            return;
        }
        if (m_result.firstByteNs == 0)
            m_result.firstByteNs = m_readNs;
        std::string body;
        if (!m_http.feed(std::string_view(buffer, size_t(n)), body))
            return finish("HTTP: " + m_http.error());
        if (!body.empty())
            onBody(body);
        if (m_finished)
            return;
        finishIfComplete();
        if (m_finished)
            return;
    }
}

void StreamClient::onBody(const std::string &bytes)
{
    if (m_result.firstBodyNs == 0)
        m_result.firstBodyNs = m_readNs;
    if (m_http.status() != 200) {
        if (m_errorBody.size() < 2000)
            m_errorBody += bytes;
        return;
    }
    if (m_target == Target::Proxy) {
        m_sse.feed(bytes);
    } else if (!m_frames.feed(bytes)) {
        finish("corrupt event stream");
    }
}

void StreamClient::addStamps(std::string_view text)
{
    for (size_t at = text.find("[ts:"); at != std::string_view::npos; at = text.find("[ts:", at + 4)) {
        const size_t colon = text.find(':', at + 4);
        if (colon == std::string_view::npos)
            break;
        const std::string stamp(text.substr(colon + 1, 24));
        EventSample sample;
        sample.arrivalNs = m_readNs;
        sample.stampNs = std::strtoll(stamp.c_str(), nullptr, 10);
        m_result.samples.push_back(sample);
        ++m_result.contentEvents;
        if (m_result.firstContentNs == 0)
            m_result.firstContentNs = m_readNs;
    }
}

void StreamClient::onSse(std::string_view event, std::string_view data)
{
    ++m_result.totalEvents;
    bool delta = false, stop = false, error = false;
    switch (m_api) {
    case Api::Messages:
        delta = event == "content_block_delta";
        stop = event == "message_stop";
        error = event == "error";
        break;
    case Api::Chat:   // unnamed events; the stream ends with "data: [DONE]", a fault with {"error":…}
        stop = data == "[DONE]";
        error = data.rfind("{\"error\"", 0) == 0;
        delta = !stop && !error;
        break;
    case Api::Responses:
        delta = event == "response.output_text.delta";
        stop = event == "response.completed";
        error = event == "response.failed" || event == "error";
        break;
    }
    if (delta)
        addStamps(data);
    else if (stop)
        m_sawStop = true;
    else if (error && m_streamError.empty())
        m_streamError = "SSE error event: " + std::string(data.substr(0, 300));
}

void StreamClient::onFrame(std::string_view messageType, std::string_view eventType, std::string_view payload)
{
    ++m_result.totalEvents;
    if (messageType != "event") {
        if (m_streamError.empty())
            m_streamError = "upstream " + std::string(messageType) + " frame: " + std::string(payload.substr(0, 300));
    } else if (eventType == "assistantResponseEvent") {
        addStamps(payload);
    }
}

void StreamClient::finishIfComplete()
{
    if (!m_http.complete())
        return;
    if (m_http.status() != 200)
        return finish("HTTP " + std::to_string(m_http.status()) + ": " + m_errorBody.substr(0, 300));
    if (!m_streamError.empty())
        return finish(m_streamError);
    if (m_target == Target::Proxy && !m_sawStop)
        return finish("stream ended without its end (message_stop, [DONE], response.completed)");
    if (m_target == Target::Proxy ? m_sse.pendingBytes() > 0 : m_frames.pendingBytes() > 0)
        return finish("stream ended inside an event");
    if (m_expectedEvents > 0 && m_result.contentEvents != m_expectedEvents)
        return finish("expected " + std::to_string(m_expectedEvents) + " content events, got " + std::to_string(m_result.contentEvents));
    finish({});
}

void StreamClient::failTimeout()
{
    if (!m_finished)
        finish("timed out");
}

void StreamClient::finish(const std::string &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.endNs = nowNs();
    m_result.status = m_http.status();
    m_result.ok = error.empty();
    m_result.error = error;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace kt::bench
