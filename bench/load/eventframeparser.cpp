#include "eventframeparser.h"

#include <cstdint>

namespace kt::bench {

namespace {

uint32_t be32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return uint32_t(u[0]) << 24 | uint32_t(u[1]) << 16 | uint32_t(u[2]) << 8 | uint32_t(u[3]);
}

// Header value of type 7 (string) named `name`, or empty.
std::string_view stringHeader(std::string_view headers, std::string_view name)
{
    size_t pos = 0;
    while (pos < headers.size()) {
        const size_t nameLength = uint8_t(headers[pos]);
        if (pos + 1 + nameLength + 1 > headers.size())
            return {};
        const std::string_view key = headers.substr(pos + 1, nameLength);
        pos += 1 + nameLength;
        const uint8_t type = uint8_t(headers[pos++]);
        if (type != 7 || pos + 2 > headers.size())
            return {}; // fake_kiro only sends string headers
        const size_t valueLength = size_t(uint8_t(headers[pos])) << 8 | uint8_t(headers[pos + 1]);
        pos += 2;
        if (pos + valueLength > headers.size())
            return {};
        if (key == name)
            return headers.substr(pos, valueLength);
        pos += valueLength;
    }
    return {};
}

} // namespace

bool EventFrameParser::feed(std::string_view bytes)
{
    if (m_failed)
        return false;
    m_buffer.append(bytes);
    size_t start = 0;
    while (m_buffer.size() - start >= 12) {
        const char *p = m_buffer.data() + start;
        const uint32_t total = be32(p);
        const uint32_t headersLength = be32(p + 4);
        if (total < 16 || total > 16 * 1024 * 1024 || headersLength > total - 16) {
            m_failed = true;
            return false;
        }
        if (m_buffer.size() - start < total)
            break;
        const std::string_view frame(p, total);
        const std::string_view headers = frame.substr(12, headersLength);
        const std::string_view payload = frame.substr(12 + headersLength, total - 16 - headersLength);
        m_handler(stringHeader(headers, ":message-type"), stringHeader(headers, ":event-type"), payload);
        start += total;
    }
    m_buffer.erase(0, start);
    return true;
}

} // namespace kt::bench
