#pragma once
// The proxy's state as both management faces report it (GET /api/status, the tray): listener,
// strategy, secret backend, requests in flight, accounts by state, conversations and request totals.
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace kt {

struct ManagementStatus {
    bool listening = false;
    QString host;
    quint16 port = 0;
    QDateTime startedAt;               // invalid while stopped
    QString strategy;
    QString secretBackend;             // "keychain" | "file" | "none"
    int inFlight = 0;
    int accounts = 0;
    QMap<QString, int> accountsByState;  // every state name, 0 when none
    QJsonObject conversations;         // AccountPool::conversationStats()
    QJsonObject totals;                // RequestLog::stats()'s "totals"

    QJsonObject toJson(const QDateTime &now) const;   // the /api/status shape (docs/api.md)
};

} // namespace kt
