#pragma once
// Collects an OpenAI conversation as Anthropic Messages turns: system text apart, and consecutive
// content of one role (an assistant's text and tool calls, several tool results and the user's next
// words) joined into one turn, as the Messages API expects.
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kt {

class TurnBuilder {
public:
    void addSystem(const QString &text);
    void add(const QString &role, const QJsonObject &block);   // role: "user" or "assistant"
    void addText(const QString &role, const QString &text);     // nothing for empty text

    QString system() const { return m_system.join(QLatin1Char('\n')); }
    QJsonArray messages() const;
    // An Anthropic Messages request with these turns: model, messages and (when any) system.
    QJsonObject request(const QJsonValue &model) const;

private:
    QStringList m_system;
    QList<QPair<QString, QJsonArray>> m_turns;
};

} // namespace kt
