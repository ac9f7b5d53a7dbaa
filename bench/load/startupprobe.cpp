#include "startupprobe.h"

#include "clock.h"

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

extern char **environ;

namespace kt::bench {

bool StartupProbe::portAccepts() const
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(m_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

StartupRun StartupProbe::runOnce(int timeoutMs)
{
    StartupRun run;
    if (portAccepts()) {
        run.error = "port " + std::to_string(m_port) + " is already in use";
        return run;
    }
    std::vector<char *> argv;
    for (std::string &s : m_command)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int64_t t0 = nowNs();
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        run.error = std::string("posix_spawn: ") + std::strerror(rc);
        return run;
    }
    const int64_t deadline = t0 + int64_t(timeoutMs) * 1000000;
    for (;;) {
        if (portAccepts()) {
            run.ok = true;
            run.listeningMs = double(nowNs() - t0) / 1e6;
            break;
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            run.error = "server exited before listening (status " + std::to_string(status) + ")";
            return run;
        }
        if (nowNs() > deadline) {
            run.error = "not listening after " + std::to_string(timeoutMs) + " ms";
            break;
        }
        const timespec pause{0, 250000}; // 0.25 ms between attempts
        nanosleep(&pause, nullptr);
    }
    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500 && ::waitpid(pid, &status, WNOHANG) == 0; ++i) {
        const timespec pause{0, 10000000};
        nanosleep(&pause, nullptr);
    }
    if (::waitpid(pid, &status, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    return run;
}

} // namespace kt::bench
