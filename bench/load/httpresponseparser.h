#pragma once
// Incremental HTTP/1.1 response parser for the load tool: status line, headers, then the body
// (chunked, Content-Length or until close) handed out piece by piece as it arrives.
#include <cstddef>
#include <string>
#include <string_view>

namespace kt::bench {

class HttpResponseParser
{
public:
    // Feeds received bytes; body bytes decoded from them are appended to `body`. Returns false on a
    // protocol error (see error()).
    bool feed(std::string_view data, std::string &body);
    // The peer closed the connection: completes an until-close body, otherwise an error if unfinished.
    void closed();

    bool headersDone() const { return m_state != State::Head; }
    bool complete() const { return m_state == State::Done; }
    int status() const { return m_status; }
    const std::string &error() const { return m_error; }
    std::string header(std::string_view lowerName) const;

private:
    enum class State { Head, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Identity, UntilClose, Done, Failed };
    bool parseHead();
    bool fail(const std::string &why);

    State m_state = State::Head;
    std::string m_buffer;
    std::string m_headers;   // lower-cased "name: value\n" lines
    int m_status = 0;
    size_t m_remaining = 0;
    std::string m_error;
};

} // namespace kt::bench
