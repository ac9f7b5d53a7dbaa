#pragma once
// Keeps one tray application per user and data directory: the first one listens on a local
// socket; a later launch sends it "activate" (bring the window forward) and exits.
#include <QObject>
#include <QString>

class QLocalServer;

namespace kt {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &key, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket name for a data directory (per user, short enough for every platform).
    static QString keyFor(const QString &dataDir);

    // True when this process is now the primary instance. False when another one answered; it was
    // sent `message` (then this process should exit).
    bool acquire(const QByteArray &message = QByteArrayLiteral("activate"));
    bool isPrimary() const { return m_server != nullptr; }
    QString key() const { return m_key; }

Q_SIGNALS:
    void messageReceived(const QByteArray &message);

private:
    void onNewConnection();

    QString m_key;
    QLocalServer *m_server = nullptr;
};

} // namespace kt
