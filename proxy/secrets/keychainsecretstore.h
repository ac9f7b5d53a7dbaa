#pragma once
// The system keychain (QtKeychain: Secret Service, macOS Keychain, Windows Credential Store) under
// service "KiroTray". QtKeychain jobs run on one private thread; callers wait on a semaphore with a timeout.
#include "secrets/secretstore.h"

#include <functional>
#include <memory>

namespace kt {

class KeychainSecretStore : public SecretStore
{
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("KiroTray"), int timeoutMs = 10000);
    ~KeychainSecretStore() override;
    KeychainSecretStore(const KeychainSecretStore &) = delete;
    KeychainSecretStore &operator=(const KeychainSecretStore &) = delete;

    QString service() const { return m_service; }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    QString backend() const override { return QStringLiteral("keychain"); }
    std::optional<QByteArray> read(const QString &key, QString *error) override;
    bool write(const QString &key, const QByteArray &value, QString *error) override;
    // The jobs run one after another, each given the timeout from the end of the one before. After a
    // timeout that entry and the rest are reported as not written, and they are not: the rest are
    // never started, and the late one, if it still succeeds, is removed again.
    QStringList writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error) override;
    bool remove(const QString &key, QString *error) override;
    // Writes, reads back and deletes a probe entry: does a keychain answer here, within `timeoutMs`?
    bool probe(int timeoutMs, QString *error);

private:
    struct Outcome;
    struct Chain;
    enum class Op { Read, Write, Remove };
    static void launch(Op op, const QString &service, const QString &key, const QByteArray &value,
                       const std::shared_ptr<Outcome> &outcome, std::function<void()> finished);
    static void runChain(const std::shared_ptr<Chain> &chain, qsizetype i);
    std::shared_ptr<Outcome> start(Op op, const QString &key, const QByteArray &value);
    static std::shared_ptr<Outcome> wait(const std::shared_ptr<Outcome> &started, int timeoutMs);
    std::shared_ptr<Outcome> run(Op op, const QString &key, const QByteArray &value, int timeoutMs)
    {
        return wait(start(op, key, value), timeoutMs);
    }

    QString m_service;
    int m_timeoutMs;
};

} // namespace kt
