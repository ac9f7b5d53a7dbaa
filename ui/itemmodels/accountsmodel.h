#pragma once
// The Accounts tab's table: one row per pool account (name with an enable checkbox, auth method,
// state, quota bar, counters). Edits (enable, rename, priority) are emitted, never applied locally.
#include "accounts/account.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace kt {

class AccountsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, AuthColumn, StateColumn, QuotaColumn, ErrorsColumn, RequestsColumn, InFlightColumn, LastUsedColumn,
                  PriorityColumn, ModelsColumn, OverageColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        QuotaLevelRole,         // "green" | "yellow" | "red" | "unknown" (QuotaInfo::level)
        QuotaUsedFractionRole,  // 0..1, or invalid when unknown
        QuotaRemainingRole,     // remaining percent 0..100, or invalid when unknown
        StateNameRole,          // accountStateName()
        EnabledRole,
    };

    explicit AccountsModel(QObject *parent = nullptr);

    void setAccounts(const QList<Account> &accounts);
    // Accounts that changed in place: their rows only, each run of neighbouring rows signalled once.
    // Returns the ids it has no row for (left alone).
    QList<qint64> updateAccounts(const QList<Account> &changed);
    const QList<Account> &accounts() const { return m_accounts; }
    std::optional<Account> account(qint64 id) const;
    int rowOf(qint64 id) const { return m_rowOf.value(id, -1); }   // -1 when absent

    static bool isEnabled(const Account &account);
    static bool showsTheSame(const Account &a, const Account &b);   // no column of their row differs
    static QString stateText(const Account &account);
    static QString quotaText(const QuotaInfo &quota);
    static QString modelsText(const ModelCatalogue &models);
    static QString modelsToolTip(const ModelCatalogue &models);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void enableRequested(qint64 id, bool enabled);
    void renameRequested(qint64 id, const QString &name);
    void priorityRequested(qint64 id, int priority);

private:
    void removeRowsNotIn(const QHash<qint64, qsizetype> &incoming);
    void insertRowsNotHere(const QList<Account> &accounts);
    void signalRows(QList<int> rows);
    void renumberFrom(qsizetype row);

    QList<Account> m_accounts;
    QHash<qint64, int> m_rowOf;   // id → row, kept in step with m_accounts
};

} // namespace kt
