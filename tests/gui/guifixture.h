#pragma once
// Shared by the GUI suites: the real proxy on the fake upstream (ProxyFixture) followed by a
// ServiceMonitor, as the tray application wires it, and a private HOME for files the UI touches.
#include "freeport.h"
#include "proxyfixture.h"
#include "testcredentials.h"
#include "monitor/servicemonitor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
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

// Whether something accepts connections on this loopback port.
inline bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
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
