#include "secrets/keychainsecretstore.h"

#include "secrets/secretslog.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMutex>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QThread>

#include <algorithm>
#include <vector>

#include <qt6keychain/keychain.h>

namespace kt {

namespace {

// QtKeychain funnels every job through one process-wide executor that lives in the thread which
// started the first job and is never moved; so all stores share one thread, kept until the
// application object goes away.
struct KeychainThread {
    QMutex mutex;
    QThread *thread = nullptr;
    QObject *context = nullptr;   // lives on `thread`; jobs are created from it
    bool stopped = false;
};

KeychainThread &keychainThread()
{
    static KeychainThread *shared = new KeychainThread;   // outlives static destruction on purpose
    return *shared;
}

void stopKeychainThread()
{
    KeychainThread &k = keychainThread();
    QMutexLocker lock(&k.mutex);
    k.stopped = true;
    if (!k.thread)
        return;
    k.thread->quit();
    // A job stuck on an unresponsive D-Bus peer must not hang the exit for good.
    if (k.thread->wait(QDeadlineTimer(5000))) {
        delete k.thread;
    }
    k.thread = nullptr;
    k.context = nullptr;
}

QObject *keychainContext()
{
    KeychainThread &k = keychainThread();
    QMutexLocker lock(&k.mutex);
    if (k.stopped)
        return nullptr;
    if (!k.thread) {
        k.thread = new QThread;
        k.thread->setObjectName(QStringLiteral("kirotray-keychain"));
        k.context = new QObject;
        k.context->moveToThread(k.thread);
        QObject::connect(k.thread, &QThread::finished, k.context, &QObject::deleteLater);
        k.thread->start();
        if (QCoreApplication::instance())
            qAddPostRoutine(stopKeychainThread);
    }
    return k.context;
}

QString unavailable()
{
    return QStringLiteral("the keychain is no longer available (application shutting down)");
}

bool isPlainText(const QByteArray &value)
{
    return !value.contains('\0') && QString::fromUtf8(value).toUtf8() == value;
}

} // namespace

struct KeychainSecretStore::Outcome {
    QSemaphore done;
    bool ok = false;
    bool missing = false;
    QByteArray data;
    QString error;
};

KeychainSecretStore::KeychainSecretStore(const QString &service, int timeoutMs)
    : m_service(service), m_timeoutMs(timeoutMs)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

// On the keychain thread: creates and starts one job; `finished` runs there when it has answered,
// after the outcome is filled in (and before it is released).
void KeychainSecretStore::launch(Op op, const QString &service, const QString &key, const QByteArray &value,
                                 const std::shared_ptr<Outcome> &outcome, std::function<void()> finished)
{
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(service);
        if (isPlainText(value))
            write->setTextData(QString::fromUtf8(value));
        else
            write->setBinaryData(value);
        job = write;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [outcome, op, finished = std::move(finished)](QKeychain::Job *done) {
        const QKeychain::Error error = done->error();
        if (error == QKeychain::NoError) {
            outcome->ok = true;
            if (op == Op::Read)
                outcome->data = static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData();
        } else if (error == QKeychain::EntryNotFound && op != Op::Write) {
            outcome->ok = true;
            outcome->missing = true;
        } else {
            outcome->error = QStringLiteral("keychain: %1").arg(done->errorString());
        }
        if (finished)
            finished();
        else
            outcome->done.release();
    });
    job->start();
}

// The job is queued on the keychain thread; wait() collects its outcome.
std::shared_ptr<KeychainSecretStore::Outcome> KeychainSecretStore::start(Op op, const QString &key, const QByteArray &value)
{
    auto outcome = std::make_shared<Outcome>();
    QObject *context = keychainContext();
    if (!context) {
        outcome->error = unavailable();
        outcome->done.release();
        return outcome;
    }
    // The outcome is shared with the job: if we stop waiting, a late answer lands in it harmlessly.
    QMetaObject::invokeMethod(context, [outcome, op, key, value, service = m_service] { launch(op, service, key, value, outcome, {}); },
                              Qt::QueuedConnection);
    return outcome;
}

std::shared_ptr<KeychainSecretStore::Outcome> KeychainSecretStore::wait(const std::shared_ptr<Outcome> &started, int timeoutMs)
{
    if (!started->done.tryAcquire(1, timeoutMs)) {
        auto timedOut = std::make_shared<Outcome>();
        timedOut->error = QStringLiteral("keychain: no answer within %1 ms").arg(timeoutMs);
        return timedOut;
    }
    return started;
}

std::optional<QByteArray> KeychainSecretStore::read(const QString &key, QString *error)
{
    const auto outcome = run(Op::Read, key, {}, m_timeoutMs);
    if (error)
        *error = outcome->error;
    if (!outcome->ok || outcome->missing)
        return std::nullopt;
    return outcome->data;
}

bool KeychainSecretStore::write(const QString &key, const QByteArray &value, QString *error)
{
    const auto outcome = run(Op::Write, key, value, m_timeoutMs);
    if (error)
        *error = outcome->error;
    return outcome->ok;
}

// One writeMany's jobs, run one after another on the keychain thread: each starts when the one
// before has answered, and only while the caller still waits. The caller gives up under the mutex,
// and a job's answer is taken under it, so each answer is either collected or known to be too late.
struct KeychainSecretStore::Chain {
    QString service;
    QList<std::pair<QString, QByteArray>> entries;
    std::vector<std::shared_ptr<Outcome>> outcomes;
    QMutex mutex;
    bool abandoned = false;   // the caller reported the unanswered entries as not written
};

// On the keychain thread. An entry written after its caller gave up was reported as not written, and
// only that one can be: the later ones are never started. It stays: it may have replaced the secret
// of an account that exists (an update), and removing it would lose that account's tokens, while left
// it is at worst one entry without an account, replaced when that key is written again.
void KeychainSecretStore::runChain(const std::shared_ptr<Chain> &chain, qsizetype i)
{
    const auto &[key, value] = chain->entries.at(i);
    const std::shared_ptr<Outcome> outcome = chain->outcomes.at(i);
    launch(Op::Write, chain->service, key, value, outcome, [chain, i, outcome] {
        QMutexLocker lock(&chain->mutex);
        if (chain->abandoned) {
            if (outcome->ok)
                qCWarning(lcSecrets, "keychain: %s was written after its caller stopped waiting and reported it as not written",
                          qPrintable(chain->entries.at(i).first));
            return;
        }
        outcome->done.release();
        if (i + 1 < chain->entries.size())
            runChain(chain, i + 1);
    });
}

QStringList KeychainSecretStore::writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error)
{
    QStringList failed;
    QString firstError;
    const auto fail = [&](qsizetype from, const QString &why) {
        for (qsizetype k = from; k < entries.size(); ++k)
            failed.append(entries.at(k).first);
        if (firstError.isEmpty())
            firstError = why;
    };
    QObject *context = entries.isEmpty() ? nullptr : keychainContext();
    if (!entries.isEmpty() && !context)
        fail(0, unavailable());
    if (context) {
        auto chain = std::make_shared<Chain>();
        chain->service = m_service;
        chain->entries = entries;
        chain->outcomes.reserve(entries.size());
        for (qsizetype i = 0; i < entries.size(); ++i)
            chain->outcomes.push_back(std::make_shared<Outcome>());
        QMetaObject::invokeMethod(context, [chain] { runChain(chain, 0); }, Qt::QueuedConnection);
        for (qsizetype i = 0; i < entries.size(); ++i) {
            Outcome &outcome = *chain->outcomes.at(i);
            if (!outcome.done.tryAcquire(1, m_timeoutMs)) {
                QMutexLocker lock(&chain->mutex);
                if (!outcome.done.tryAcquire(1, 0)) {   // it did not answer in between either
                    chain->abandoned = true;
                    fail(i, QStringLiteral("keychain: no answer within %1 ms").arg(m_timeoutMs));
                    break;
                }
            }
            if (!outcome.ok) {
                failed.append(entries.at(i).first);
                if (firstError.isEmpty())
                    firstError = outcome.error.isEmpty() ? QStringLiteral("keychain: not written") : outcome.error;
            }
        }
    }
    if (error)
        *error = firstError;
    return failed;
}

bool KeychainSecretStore::remove(const QString &key, QString *error)
{
    const auto outcome = run(Op::Remove, key, {}, m_timeoutMs);
    if (error)
        *error = outcome->error;
    return outcome->ok;
}

bool KeychainSecretStore::probe(int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    const QString key = QStringLiteral("probe/%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray value = QByteArrayLiteral("kirotray keychain probe");
    const auto remaining = [&deadline] { return int(std::max<qint64>(1, deadline.remainingTime())); };

    auto outcome = run(Op::Write, key, value, remaining());
    if (!outcome->ok) {
        if (error)
            *error = outcome->error;
        return false;
    }
    outcome = run(Op::Read, key, {}, remaining());
    const bool readBack = outcome->ok && !outcome->missing && outcome->data == value;
    QString readError = outcome->ok ? QStringLiteral("keychain: the probe entry did not read back") : outcome->error;
    outcome = run(Op::Remove, key, {}, remaining());
    if (!readBack) {
        if (error)
            *error = readError;
        return false;
    }
    if (!outcome->ok) {
        if (error)
            *error = outcome->error;
        return false;
    }
    if (error)
        error->clear();
    return true;
}

} // namespace kt
