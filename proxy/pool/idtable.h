#pragma once
// A map from account id to a small value, for the per-request path. Ids are dense in practice
// (SQLite's rowids; 1, 2, 3... in memory), so they index a flat array: one cache line per lookup and
// no hashing. An id beyond twice the entries plus Slack goes to a hash, so the array stays small.
#include <QHash>

#include <utility>
#include <vector>

namespace kt {

template<typename T>
class IdTable
{
public:
    static constexpr qint64 Slack = 1024;

    qsizetype size() const { return m_size; }
    void reserve(qsizetype n) { m_cells.reserve(size_t(n) + 1); }
    void clear()
    {
        m_cells.clear();
        m_far.clear();
        m_size = 0;
    }

    const T *find(qint64 id) const
    {
        if (id >= 0 && id < qint64(m_cells.size()) && m_cells[size_t(id)].used)
            return &m_cells[size_t(id)].value;
        if (m_far.isEmpty())
            return nullptr;
        const auto it = m_far.constFind(id);
        return it == m_far.cend() ? nullptr : &*it;
    }
    T *find(qint64 id) { return const_cast<T *>(std::as_const(*this).find(id)); }

    T &operator[](qint64 id)   // inserts T{} when absent
    {
        if (T *found = find(id))
            return *found;
        ++m_size;
        if (id >= 0 && (id < qint64(m_cells.size()) || id < 2 * m_size + Slack)) {
            if (id >= qint64(m_cells.size()))
                m_cells.resize(size_t(id) + 1);
            m_cells[size_t(id)].used = true;
            return m_cells[size_t(id)].value = T{};
        }
        return m_far[id];
    }

    bool remove(qint64 id)
    {
        if (id >= 0 && id < qint64(m_cells.size()) && m_cells[size_t(id)].used) {
            m_cells[size_t(id)] = Cell();
            --m_size;
            return true;
        }
        if (!m_far.remove(id))
            return false;
        --m_size;
        return true;
    }

private:
    struct Cell {
        T value{};
        bool used = false;
    };
    std::vector<Cell> m_cells;   // by id
    QHash<qint64, T> m_far;
    qsizetype m_size = 0;
};

} // namespace kt
