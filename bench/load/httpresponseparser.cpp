#include "httpresponseparser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace kt::bench {

bool HttpResponseParser::fail(const std::string &why)
{
    m_state = State::Failed;
    m_error = why;
    return false;
}

std::string HttpResponseParser::header(std::string_view lowerName) const
{
    for (size_t pos = 0; pos < m_headers.size();) {
        size_t end = m_headers.find('\n', pos);
        if (end == std::string::npos)
            end = m_headers.size();
        const std::string_view line = std::string_view(m_headers).substr(pos, end - pos);
        if (line.size() > lowerName.size() && line.substr(0, lowerName.size()) == lowerName && line[lowerName.size()] == ':') {
            std::string_view value = line.substr(lowerName.size() + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            return std::string(value);
        }
        pos = end + 1;
    }
    return {};
}

bool HttpResponseParser::parseHead()
{
    const size_t end = m_buffer.find("\r\n\r\n");
    if (end == std::string::npos)
        return m_buffer.size() < 65536 || fail("response head too large");
    const std::string head = m_buffer.substr(0, end);
    m_buffer.erase(0, end + 4);
    const size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.rfind("HTTP/1.", 0) != 0 || statusLine.size() < 12)
        return fail("bad status line: " + statusLine);
    m_status = std::atoi(statusLine.c_str() + 9);
    if (m_status == 100) { // interim response: wait for the real one
        m_status = 0;
        return true;
    }
    m_headers.clear();
    if (lineEnd != std::string::npos) {
        for (size_t pos = lineEnd + 2; pos < head.size();) {
            size_t next = head.find("\r\n", pos);
            if (next == std::string::npos)
                next = head.size();
            std::string line = head.substr(pos, next - pos);
            const size_t colon = line.find(':');
            std::transform(line.begin(), line.begin() + (colon == std::string::npos ? 0 : colon), line.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
            m_headers += line + "\n";
            pos = next + 2;
        }
    }
    std::string te = header("transfer-encoding");
    std::transform(te.begin(), te.end(), te.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const std::string length = header("content-length");
    if (te.find("chunked") != std::string::npos) {
        m_state = State::ChunkSize;
    } else if (!length.empty()) {
        m_remaining = size_t(std::strtoull(length.c_str(), nullptr, 10));
        m_state = m_remaining == 0 ? State::Done : State::Identity;
    } else {
        m_state = State::UntilClose;
    }
    return true;
}

bool HttpResponseParser::feed(std::string_view data, std::string &body)
{
    if (m_state == State::Failed)
        return false;
    m_buffer.append(data);
    for (;;) {
        switch (m_state) {
        case State::Head:
            if (m_buffer.find("\r\n\r\n") == std::string::npos)
                return m_buffer.size() < 65536 || fail("response head too large");
            if (!parseHead())
                return false;
            continue;
        case State::ChunkSize: {
            const size_t eol = m_buffer.find("\r\n");
            if (eol == std::string::npos)
                return m_buffer.size() < 1024 || fail("chunk size line too long");
            char *endp = nullptr;
            const std::string sizeText = m_buffer.substr(0, eol);
            m_remaining = size_t(std::strtoull(sizeText.c_str(), &endp, 16));
            if (endp == sizeText.c_str())
                return fail("bad chunk size: " + sizeText);
            m_buffer.erase(0, eol + 2);
            m_state = m_remaining == 0 ? State::Trailer : State::ChunkData;
            continue;
        }
        case State::ChunkData: {
            const size_t n = std::min(m_remaining, m_buffer.size());
            body.append(m_buffer, 0, n);
            m_buffer.erase(0, n);
            m_remaining -= n;
            if (m_remaining > 0)
                return true;
            m_state = State::ChunkDataEnd;
            continue;
        }
        case State::ChunkDataEnd:
            if (m_buffer.size() < 2)
                return true;
            if (m_buffer.compare(0, 2, "\r\n") != 0)
                return fail("chunk not followed by CRLF");
            m_buffer.erase(0, 2);
            m_state = State::ChunkSize;
            continue;
        case State::Trailer: {
            const size_t eol = m_buffer.find("\r\n");
            if (eol == std::string::npos)
                return true;
            m_buffer.erase(0, eol + 2);
            if (eol == 0)
                m_state = State::Done;
            continue;
        }
        case State::Identity: {
            const size_t n = std::min(m_remaining, m_buffer.size());
            body.append(m_buffer, 0, n);
            m_buffer.erase(0, n);
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::Done;
            return true;
        }
        case State::UntilClose:
            body.append(m_buffer);
            m_buffer.clear();
            return true;
        case State::Done:
            m_buffer.clear();
            return true;
        case State::Failed:
            return false;
        }
    }
}

void HttpResponseParser::closed()
{
    if (m_state == State::UntilClose)
        m_state = State::Done;
    else if (m_state != State::Done && m_state != State::Failed)
        fail("connection closed before the response was complete");
}

} // namespace kt::bench
