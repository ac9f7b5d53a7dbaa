#pragma once
// Incremental AWS event-stream frame splitter for direct-to-upstream runs: hands out each frame's
// :message-type / :event-type headers and payload (CRCs are not checked; fake_kiro is trusted).
#include <functional>
#include <string>
#include <string_view>

namespace kt::bench {

class EventFrameParser
{
public:
    using Handler = std::function<void(std::string_view messageType, std::string_view eventType, std::string_view payload)>;
    explicit EventFrameParser(Handler handler) : m_handler(std::move(handler)) {}
    bool feed(std::string_view bytes); // false once a frame length is impossible
    size_t pendingBytes() const { return m_buffer.size(); }

private:
    Handler m_handler;
    std::string m_buffer;
    bool m_failed = false;
};

} // namespace kt::bench
