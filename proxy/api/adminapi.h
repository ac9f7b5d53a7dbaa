#pragma once
// The management API under /api (docs/api.md): a thin HTTP face of the account pool, the request
// log and the server state, for scripts and headless use. Every response is JSON without secrets.
#include "server/httpresponse.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace kt {

struct Account;

class AccountPool;
class AdminBackend;
struct ImportReport;

class AdminApi
{
public:
    // Called once the response has been written (possibly later, for usage refreshes).
    using Done = std::function<void(int status, const QString &error)>;

    explicit AdminApi(AdminBackend *backend);
    void handle(const QHttpServerRequest &request, QTcpSocket *socket, const HttpHeaders &headers, Done done);

private:
    struct Call;
    void routeAccount(Call &call, const QStringList &parts);
    void status(Call &call);
    void listAccounts(Call &call);
    void addAccount(Call &call);
    void importAccounts(Call &call);
    void validateImported(Call &call, const ImportReport &report);
    void patchAccount(Call &call, qint64 id);
    void refreshUsage(Call &call, qint64 id);
    void refreshModels(Call &call, qint64 id);
    void setOverage(Call &call, qint64 id);
    QJsonObject accountModels(const Account &a) const;
    void strategy(Call &call);
    void logs(Call &call);
    void logStats(Call &call);
    void routeLogin(Call &call, const QStringList &parts);
    void startLogin(Call &call);

    AdminBackend *m_server;
};

} // namespace kt
