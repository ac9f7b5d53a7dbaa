#pragma once
// Shared by the GUI suites: the real proxy on the fake upstream (ProxyFixture) followed by a
// ServiceMonitor, as the tray application wires it, and a private HOME for files the UI touches.
#include "proxyfixture.h"
#include "monitor/servicemonitor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace kt::test {

// HOME and XDG_CONFIG_HOME point into a temporary folder, so no test reads or writes the real ones.
inline QTemporaryDir &isolateHome()
{
    static QTemporaryDir home;
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/.config")).toLocal8Bit());
    return home;
}

// A loopback port nobody listens on right now.
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Whether something accepts connections on this loopback port.
inline bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

inline QJsonObject socialAccount(const QString &refreshToken, const QJsonObject &extra = {})
{
    QJsonObject o{{QStringLiteral("refreshToken"), refreshToken}, {QStringLiteral("authMethod"), QStringLiteral("social")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

class GuiFixture
{
public:
    // Starts the proxy with these accounts (secrets in the file store: no keychain probe in tests)
    // and waits until the monitor knows the accounts.
    bool start(const QJsonArray &accounts, const std::function<void(Config &)> &tweak = {})
    {
        const bool ok = proxy.start(accounts, [&tweak](Config &c) {
            c.secretStore = QStringLiteral("file");
            if (tweak)
                tweak(c);
        });
        if (!ok)
            return false;
        monitor.setService(proxy.service.get());
        return QTest::qWaitFor([this] { return monitor.accountsKnown(); }, 15000);
    }

    // Everything asked of the service so far has been answered, and the monitor holds the accounts
    // as they are now: the proxy thread answers in order, so a statistics query sent last (with a
    // tag of its own) is answered last.
    bool caughtUp()
    {
        static int lastTag = 0;
        const int tag = --lastTag;   // the monitor's own tags are positive
        QSignalSpy answered(proxy.service.get(), &ProxyService::statsReady);
        proxy.service->requestAccounts();
        proxy.service->queryStats(tag);
        return QTest::qWaitFor([&] { return std::any_of(answered.cbegin(), answered.cend(),
                                                        [tag](const QList<QVariant> &a) { return a.at(0).toInt() == tag; }); },
                               15000);
    }

    ProxyFixture proxy;
    ServiceMonitor monitor;
};

} // namespace kt::test
