#include "platform/autostart.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace kt {

Autostart::Autostart(const QStringList &command, std::shared_ptr<const AutostartWriter> writer)
    : m_command(command), m_writer(std::move(writer))
{
}

QStringList Autostart::currentCommand()
{
    QStringList command = QCoreApplication::arguments();
    const QString appImage = QProcessEnvironment::systemEnvironment().value(QStringLiteral("APPIMAGE"));
    const QString program = !appImage.isEmpty() ? appImage : QCoreApplication::applicationFilePath();
    if (command.isEmpty())
        command.append(program);
    else
        command[0] = program;
    return command;
}

bool Autostart::isEnabled() const
{
    return m_writer->isEnabled();
}

QString Autostart::setEnabled(bool on) const
{
    return m_writer->setEnabled(on, m_command);
}

QString Autostart::location() const
{
    return m_writer->location();
}

} // namespace kt
