#pragma once
// The management API under /api (docs/api.md): the HTTP face of ManagementService (and of SignIn),
// for scripts and headless use. Every response is JSON without secrets.
#include "server/httprequest.h"
#include "server/httpresponse.h"

#include <QJsonObject>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace kt {

class ManagementService;
class SignIn;

class AdminApi
{
public:
    // Called once the response has been written (possibly later, for usage refreshes).
    using Done = std::function<void(int status, const QString &error)>;

    AdminApi(ManagementService *management, SignIn *signIn);
    void handle(const HttpRequest &request, QTcpSocket *socket, const HttpHeaders &headers, Done done);

private:
    struct Call;
    void routeAccount(Call &call, const QStringList &parts);
    void status(Call &call);
    void listAccounts(Call &call);
    void addAccount(Call &call);
    void importAccounts(Call &call);
    void patchAccount(Call &call, qint64 id);
    void setOverage(Call &call, qint64 id);
    void strategy(Call &call);
    void logs(Call &call);
    void logStats(Call &call);
    void routeLogin(Call &call, const QStringList &parts);
    void startLogin(Call &call);

    ManagementService *m_management;
    SignIn *m_signIn;
};

} // namespace kt
