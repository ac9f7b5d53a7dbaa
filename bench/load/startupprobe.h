#pragma once
// Start-to-listening time: spawns a server, polls TCP connect() on its port until it succeeds,
// then stops it with SIGTERM; repeated to give a distribution.
#include <string>
#include <vector>

namespace kt::bench {

struct StartupRun {
    bool ok = false;
    double listeningMs = 0;
    std::string error;
};

class StartupProbe
{
public:
    StartupProbe(std::vector<std::string> command, int port) : m_command(std::move(command)), m_port(port) {}
    StartupRun runOnce(int timeoutMs = 10000);

private:
    bool portAccepts() const;
    std::vector<std::string> m_command;
    int m_port;
};

} // namespace kt::bench
