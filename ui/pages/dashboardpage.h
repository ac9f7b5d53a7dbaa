#pragma once
// The Dashboard tab: whether the proxy runs and where, uptime, today's requests, success rate and
// tokens and credits, charts of requests and tokens per hour and per account, credits per account,
// and usage by served model.
#include <QTimer>
#include <QWidget>

class QLabel;

namespace kt {

class ModelUsageTable;
class ServiceMonitor;
class StatsChart;

class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Hours = 24;

    explicit DashboardPage(ServiceMonitor *monitor, QWidget *parent = nullptr);

    QString statusText() const;
    QString requestsTodayText() const;
    StatsChart *requestsChart() const { return m_requestsChart; }
    StatsChart *tokensChart() const { return m_tokensChart; }
    StatsChart *accountsChart() const { return m_accountsChart; }
    StatsChart *accountTokensChart() const { return m_accountTokensChart; }
    StatsChart *accountCreditsChart() const { return m_accountCreditsChart; }
    ModelUsageTable *modelTable() const { return m_modelTable; }
    QString creditsTodayText() const;
    QString conversationsText() const;

private:
    void updateStatus();
    void updateStats();
    void updateUptime();

    ServiceMonitor *m_monitor;
    QLabel *m_status;
    QLabel *m_address;
    QLabel *m_uptime;
    QLabel *m_accounts;
    QLabel *m_requests;
    QLabel *m_successRate;
    QLabel *m_tokens;
    QLabel *m_credits;
    QLabel *m_conversations;
    StatsChart *m_requestsChart;
    StatsChart *m_tokensChart;
    StatsChart *m_accountsChart;
    StatsChart *m_accountTokensChart;
    StatsChart *m_accountCreditsChart;
    ModelUsageTable *m_modelTable;
    QTimer m_uptimeTimer;
};

} // namespace kt
