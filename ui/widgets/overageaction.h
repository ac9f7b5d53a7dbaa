#pragma once
// The Accounts tab's overage switch: the context menu entry's text, the confirmation that turning
// overage on may cost money, the request to the service (ProxyService::setOverage) and a message
// when Kiro refuses.
#include "accounts/account.h"

#include <QObject>
#include <QString>

class QWidget;

namespace kt {

class ServiceMonitor;

class OverageAction : public QObject
{
    Q_OBJECT
public:
    OverageAction(ServiceMonitor *monitor, QWidget *parent);

    static QString menuText(const Account &account);
    // Turns the account's overage the other way; turning it on asks first unless confirmed.
    // Returns whether the request went to the service.
    bool toggle(const Account &account, bool confirmed);

Q_SIGNALS:
    void finished(qint64 id, const QString &error);   // error empty: done

private:
    void onFinished(qint64 id, bool enabled, const QString &error);

    ServiceMonitor *m_monitor;
    QWidget *m_parent;
};

} // namespace kt
