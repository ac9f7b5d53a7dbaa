#pragma once
// Incremental text/event-stream parser: splits the proxy's SSE body into (event, data) pairs as
// soon as each blank-line-terminated event is complete.
#include <functional>
#include <string>
#include <string_view>

namespace kt::bench {

class SseParser
{
public:
    using Handler = std::function<void(std::string_view event, std::string_view data)>;
    explicit SseParser(Handler handler) : m_handler(std::move(handler)) {}
    void feed(std::string_view bytes);
    size_t pendingBytes() const { return m_buffer.size(); }

private:
    void dispatch(std::string_view block);
    Handler m_handler;
    std::string m_buffer;
};

} // namespace kt::bench
