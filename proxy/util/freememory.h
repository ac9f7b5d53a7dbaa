#pragma once
// Hands the allocator's free pages back to the system. glibc keeps what a burst of requests freed
// in its per-thread arenas, so without this the RSS stays near the burst's peak. No-op elsewhere
// (Windows, macOS: their allocators have no such call) and in KIROTRAY_PORTABLE_PATHS builds.
namespace kt {

void releaseFreeMemory();

} // namespace kt
