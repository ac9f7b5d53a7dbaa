#include "stdinlines.h"

#include <QMetaObject>

#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace kt {

struct StdinLines::Channel {
    std::mutex mutex;
    StdinLines *target = nullptr;   // cleared by the destructor, under the mutex
};

StdinLines::StdinLines(QObject *parent) : QObject(parent), m_channel(std::make_shared<Channel>())
{
    m_channel->target = this;
}

StdinLines::~StdinLines()
{
    const std::lock_guard<std::mutex> lock(m_channel->mutex);
    m_channel->target = nullptr;
}

void StdinLines::start()
{
    std::thread([channel = m_channel] {
        std::string text;
        while (std::getline(std::cin, text)) {
            const QString line = QString::fromStdString(text).trimmed();
            const std::lock_guard<std::mutex> lock(channel->mutex);
            if (!channel->target)
                return;
            StdinLines *target = channel->target;
            QMetaObject::invokeMethod(target, [target, line] { Q_EMIT target->line(line); }, Qt::QueuedConnection);
        }
    }).detach();
}

} // namespace kt
