#include "openai/turnbuilder.h"

namespace kt {

void TurnBuilder::addSystem(const QString &text)
{
    if (!text.isEmpty())
        m_system.append(text);
}

void TurnBuilder::add(const QString &role, const QJsonObject &block)
{
    if (m_turns.isEmpty() || m_turns.last().first != role)
        m_turns.append({role, QJsonArray()});
    m_turns.last().second.append(block);
}

void TurnBuilder::addText(const QString &role, const QString &text)
{
    if (!text.isEmpty())
        add(role, {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}});
}

QJsonArray TurnBuilder::messages() const
{
    QJsonArray out;
    for (const auto &[role, blocks] : m_turns)
        out.append(QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), blocks}});
    return out;
}

QJsonObject TurnBuilder::request(const QJsonValue &model) const
{
    QJsonObject m{{QStringLiteral("model"), model}, {QStringLiteral("messages"), messages()}};
    if (const QString text = system(); !text.isEmpty())
        m.insert(QStringLiteral("system"), text);
    return m;
}

} // namespace kt
