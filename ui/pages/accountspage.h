#pragma once
// The Accounts tab: the pool's accounts with state and quota bars, live from the service, and the
// commands on them (add, import, enable/disable, delete, refresh quota) plus the strategy selector.
#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QPoint;
class QResizeEvent;

namespace kt {

class AccountsModel;
class OverageAction;
class ServiceMonitor;

class AccountsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsPage(ServiceMonitor *monitor, QWidget *parent = nullptr);

    AccountsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *strategyBox() const { return m_strategy; }
    qint64 selectedId() const;
    void selectAccount(qint64 id);

    void toggleSelected();                 // enable ⇄ disable
    void deleteSelected(bool confirmed);   // asks first unless confirmed
    void refreshSelected();
    void refreshAll();
    OverageAction *overage() const { return m_overage; }

Q_SIGNALS:
    void importRequested();
    void addRequested();
    void signInRequested(qint64 accountId);   // 0 = a new account; else sign that account in again

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onAccountsChanged();
    void onAccountsUpdated(const QList<qint64> &ids);
    void fitColumnsSoon();
    void fitColumnSoon(int column);
    void fitColumn(int column);
    void keepQuotaReadable();
    void updateButtons();
    void showContextMenu(const QPoint &pos);

    ServiceMonitor *m_monitor;
    AccountsModel *m_model;
    QTableView *m_table;
    QComboBox *m_strategy;
    QWidget *m_empty;
    QPushButton *m_signInAgain;
    QPushButton *m_toggle;
    QPushButton *m_delete;
    QPushButton *m_refresh;
    QPushButton *m_refreshAll;
    bool m_fitPending = false;
    static constexpr int MaxModelsColumnChars = 32;
    static constexpr int MinModelsColumnChars = 12;
    quint32 m_columnsToFit = 0;   // a bit per column, for fitColumnSoon()
    OverageAction *m_overage;
};

} // namespace kt
