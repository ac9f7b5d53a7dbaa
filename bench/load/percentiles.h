#pragma once
// Nearest-rank percentiles over a set of samples (nanoseconds in, microseconds out).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kt::bench {

class Percentiles
{
public:
    void add(int64_t value) { m_values.push_back(value); m_sorted = false; }
    size_t count() const { return m_values.size(); }
    double at(double q) // q in [0, 1]; NaN when empty
    {
        if (m_values.empty())
            return std::nan("");
        sort();
        const size_t rank = size_t(std::ceil(q * double(m_values.size())));
        return double(m_values[rank == 0 ? 0 : rank - 1]);
    }
    double mean() const
    {
        if (m_values.empty())
            return std::nan("");
        double sum = 0;
        for (int64_t v : m_values)
            sum += double(v);
        return sum / double(m_values.size());
    }

private:
    void sort()
    {
        if (!m_sorted)
            std::sort(m_values.begin(), m_values.end());
        m_sorted = true;
    }
    std::vector<int64_t> m_values;
    bool m_sorted = true;
};

} // namespace kt::bench
