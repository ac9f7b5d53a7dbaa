#pragma once
// The accounts offering one model, as ModelIndex answers: those whose own catalogue lists it and,
// when the fallback table lists it, every account without a catalogue of its own (one set that all
// the fallback models share). Both sets absent: no restriction, any account may serve.
#include <QSet>

namespace kt {

class ModelAccounts
{
public:
    ModelAccounts() = default;
    ModelAccounts(const QSet<qint64> *listed, const QSet<qint64> *fallback = nullptr) : m_listed(listed), m_fallback(fallback) {}

    bool restricted() const { return m_listed || m_fallback; }
    bool contains(qint64 id) const
    {
        return !restricted() || (m_listed && m_listed->contains(id)) || (m_fallback && m_fallback->contains(id));
    }
    // The two sets never share an account.
    qsizetype size() const { return (m_listed ? m_listed->size() : 0) + (m_fallback ? m_fallback->size() : 0); }

private:
    const QSet<qint64> *m_listed = nullptr;
    const QSet<qint64> *m_fallback = nullptr;
};

} // namespace kt
