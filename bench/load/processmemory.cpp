#include "processmemory.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace kt::bench {

ProcessMemory ProcessMemory::read(pid_t pid)
{
    ProcessMemory m;
    const std::string path = "/proc/" + std::to_string(pid) + "/status";
    FILE *f = std::fopen(path.c_str(), "r");
    if (!f)
        return m;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0)
            m.rssKb = std::strtol(line + 6, nullptr, 10);
        else if (std::strncmp(line, "VmHWM:", 6) == 0)
            m.hwmKb = std::strtol(line + 6, nullptr, 10);
    }
    std::fclose(f);
    return m;
}

} // namespace kt::bench
