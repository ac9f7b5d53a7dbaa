#include "sseparser.h"

namespace kt::bench {

void SseParser::feed(std::string_view bytes)
{
    m_buffer.append(bytes);
    size_t start = 0;
    for (;;) {
        const size_t end = m_buffer.find("\n\n", start);
        if (end == std::string::npos)
            break;
        dispatch(std::string_view(m_buffer).substr(start, end - start));
        start = end + 2;
    }
    m_buffer.erase(0, start);
}

void SseParser::dispatch(std::string_view block)
{
    std::string_view event = "message";
    std::string data;
    while (!block.empty()) {
        const size_t eol = block.find('\n');
        std::string_view line = block.substr(0, eol);
        block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        auto value = [&line](size_t prefix) {
            std::string_view v = line.substr(prefix);
            if (!v.empty() && v.front() == ' ')
                v.remove_prefix(1);
            return v;
        };
        if (line.rfind("event:", 0) == 0) {
            event = value(6);
        } else if (line.rfind("data:", 0) == 0) {
            if (!data.empty())
                data += '\n';
            data += value(5);
        }
    }
    m_handler(event, data);
}

} // namespace kt::bench
