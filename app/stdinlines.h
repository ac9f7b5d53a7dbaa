#pragma once
// Lines typed or piped on standard input, delivered on the thread that owns this object while its
// event loop runs. A detached thread does the blocking reads (portable: no notifier works on a
// Windows console); once this object is gone, lines still read are dropped.
#include <QObject>
#include <memory>

namespace kt {

class StdinLines : public QObject
{
    Q_OBJECT
public:
    explicit StdinLines(QObject *parent = nullptr);
    ~StdinLines() override;

    void start();   // once

Q_SIGNALS:
    void line(const QString &text);   // without the line end

private:
    struct Channel;
    std::shared_ptr<Channel> m_channel;
};

} // namespace kt
