#include "pages/dashboardpage.h"

#include "widgets/modelusagetable.h"
#include "monitor/servicemonitor.h"
#include "widgets/statschart.h"
#include "monitor/traystatus.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace kt {

namespace {

const QColor kSuccess(0x2e, 0x86, 0xc1);
const QColor kError(0xd6, 0x45, 0x41);
const QColor kInput(0x8e, 0x44, 0xad);
const QColor kOutput(0x16, 0xa0, 0x85);
const QColor kCredits(0xe6, 0x7e, 0x22);

QLabel *valueLabel(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(accessibleName);
    return label;
}

QString formatDuration(qint64 seconds)
{
    const qint64 days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60;
    if (days > 0)
        return DashboardPage::tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return DashboardPage::tr("%1 h %2 min").arg(hours).arg(minutes);
    return DashboardPage::tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
}

} // namespace

DashboardPage::DashboardPage(ServiceMonitor *monitor, QWidget *parent) : QWidget(parent), m_monitor(monitor)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;

    auto *serverBox = new QGroupBox(tr("Proxy"), this);
    auto *serverForm = new QFormLayout(serverBox);
    m_status = valueLabel(serverBox, tr("Status"));
    m_status->setWordWrap(true);
    m_address = valueLabel(serverBox, tr("Listen address"));
    m_uptime = valueLabel(serverBox, tr("Uptime"));
    m_accounts = valueLabel(serverBox, tr("Accounts"));
    serverForm->addRow(tr("Status:"), m_status);
    serverForm->addRow(tr("Address:"), m_address);
    serverForm->addRow(tr("Uptime:"), m_uptime);
    // The conversations bound to an account share the accounts' row: one more row would grow the page.
    m_conversations = valueLabel(serverBox, tr("Conversations kept on one account"));
    m_conversations->setToolTip(tr("Conversations whose requests stay on the account that served them (conversation affinity)"));
    auto *accountsRow = new QHBoxLayout;
    accountsRow->addWidget(m_accounts);
    accountsRow->addWidget(m_conversations);
    accountsRow->addStretch(1);
    serverForm->addRow(tr("Accounts:"), accountsRow);
    top->addWidget(serverBox, 1);

    auto *todayBox = new QGroupBox(tr("Today"), this);
    auto *todayForm = new QFormLayout(todayBox);
    m_requests = valueLabel(todayBox, tr("Requests today"));
    m_successRate = valueLabel(todayBox, tr("Success rate today"));
    m_tokens = valueLabel(todayBox, tr("Tokens today"));
    todayForm->addRow(tr("Requests:"), m_requests);
    todayForm->addRow(tr("Success rate:"), m_successRate);
    m_credits = valueLabel(todayBox, tr("Credits today"));
    todayForm->addRow(tr("Tokens:"), m_tokens);
    todayForm->addRow(tr("Credits:"), m_credits);
    top->addWidget(todayBox, 1);
    layout->addLayout(top);

    auto *charts = new QGridLayout;
    m_requestsChart = new StatsChart(tr("Requests per hour"), Qt::Vertical, this);
    m_tokensChart = new StatsChart(tr("Tokens per hour"), Qt::Vertical, this);
    m_accountsChart = new StatsChart(tr("Requests per account"), Qt::Horizontal, this);
    charts->addWidget(m_requestsChart, 0, 0);
    charts->addWidget(m_tokensChart, 0, 1);
    m_accountTokensChart = new StatsChart(tr("Tokens per account"), Qt::Horizontal, this);
    charts->addWidget(m_accountsChart, 1, 0);
    charts->addWidget(m_accountTokensChart, 1, 1);
    m_accountCreditsChart = new StatsChart(tr("Credits per account"), Qt::Horizontal, this);
    m_accountCreditsChart->setValueDecimals(2);
    auto *modelBox = new QGroupBox(tr("Usage by model"), this);
    auto *modelLayout = new QVBoxLayout(modelBox);
    m_modelTable = new ModelUsageTable(modelBox);
    modelLayout->addWidget(m_modelTable);
    charts->addWidget(m_accountCreditsChart, 2, 0);
    charts->addWidget(modelBox, 2, 1);
    // Three rows of charts still fit the window's default 700 px height.
    for (QWidget *w : {static_cast<QWidget *>(m_accountsChart), static_cast<QWidget *>(m_accountTokensChart),
                       static_cast<QWidget *>(m_accountCreditsChart), static_cast<QWidget *>(modelBox)})
        w->setMinimumHeight(130);
    charts->setRowStretch(0, 3);
    charts->setRowStretch(1, 2);
    charts->setRowStretch(2, 2);
    layout->addLayout(charts, 1);

    connect(m_monitor, &ServiceMonitor::runStateChanged, this, &DashboardPage::updateStatus);
    connect(m_monitor, &ServiceMonitor::accountsChanged, this, &DashboardPage::updateStatus);
    connect(m_monitor, &ServiceMonitor::accountsUpdated, this, &DashboardPage::updateStatus);
    connect(m_monitor, &ServiceMonitor::statsChanged, this, &DashboardPage::updateStats);
    connect(&m_uptimeTimer, &QTimer::timeout, this, &DashboardPage::updateUptime);
    m_uptimeTimer.start(1000);
    updateStatus();
    updateStats();
}

QString DashboardPage::statusText() const
{
    return m_status->text();
}

QString DashboardPage::requestsTodayText() const
{
    return m_requests->text();
}

QString DashboardPage::creditsTodayText() const
{
    return m_credits->text();
}

QString DashboardPage::conversationsText() const
{
    return m_conversations->text();
}

void DashboardPage::updateStatus()
{
    const TrayStatus status = TrayStatus::compute(m_monitor->runState(), m_monitor->baseUrl(), m_monitor->lastError(),
                                                  m_monitor->accounts(), m_monitor->accountsKnown(), 0,
                                                  QDateTime::currentDateTimeUtc());
    switch (m_monitor->runState()) {
    case ServiceMonitor::RunState::Running: m_status->setText(tr("Running")); break;
    case ServiceMonitor::RunState::Starting: m_status->setText(tr("Starting…")); break;
    case ServiceMonitor::RunState::Stopping: m_status->setText(tr("Stopping…")); break;
    case ServiceMonitor::RunState::Stopped: m_status->setText(tr("Stopped")); break;
    case ServiceMonitor::RunState::Failed: m_status->setText(tr("Error: %1").arg(m_monitor->lastError())); break;
    }
    if (status.level == TrayStatus::Level::Error && m_monitor->isRunning())
        m_status->setText(status.headline);
    m_address->setText(m_monitor->baseUrl());
    m_accounts->setText(m_monitor->accountsKnown()
                            ? tr("%1 active of %2").arg(m_monitor->activeAccounts()).arg(m_monitor->accounts().size())
                            : tr("loading…"));
    updateUptime();
}

void DashboardPage::updateUptime()
{
    const QDateTime started = m_monitor->startedAt();
    m_uptime->setText(started.isValid() ? formatDuration(started.secsTo(QDateTime::currentDateTime())) : QStringLiteral("—"));
}

void DashboardPage::updateStats()
{
    const QJsonObject stats = m_monitor->stats();
    const QDateTime now = QDateTime::currentDateTime();
    const StatsSummary today = StatsSummary::fromStats(stats, now);
    const QLocale locale;
    m_requests->setText(locale.toString(today.requestsToday));
    const double rate = today.successRateToday();
    m_successRate->setText(rate < 0 ? QStringLiteral("—") : tr("%1 %").arg(locale.toString(rate, 'f', 1)));
    m_tokens->setText(tr("%1 in, %2 out").arg(locale.toString(today.inputTokensToday), locale.toString(today.outputTokensToday)));
    m_credits->setText(locale.toString(today.creditsToday, 'f', 2));
    const QJsonValue bound = stats.value(QLatin1String("conversations")).toObject().value(QLatin1String("bound"));
    m_conversations->setText(bound.isDouble() ? tr("Bound conversations: %1").arg(locale.toString(bound.toInt())) : QString());

    QStringList hours;
    StatsChart::Series ok{tr("Succeeded"), kSuccess, {}}, failed{tr("Failed"), kError, {}};
    StatsChart::Series in{tr("Input"), kInput, {}}, out{tr("Output"), kOutput, {}};
    for (const HourBucket &b : StatsSummary::lastHours(stats, now, Hours)) {
        // Every third hour is labelled; 24 labels do not fit.
        hours.append(b.hour.time().hour() % 3 == 0 ? b.hour.toString(QStringLiteral("HH:00")) : QString());
        ok.values.append(qreal(b.requests - b.errors));
        failed.values.append(qreal(b.errors));
        in.values.append(qreal(b.inputTokens));
        out.values.append(qreal(b.outputTokens));
    }
    m_requestsChart->setData(hours, {ok, failed});
    m_tokensChart->setData(hours, {in, out});

    QStringList names;
    StatsChart::Series accOk{tr("Succeeded"), kSuccess, {}}, accFailed{tr("Failed"), kError, {}};
    StatsChart::Series accTokens{tr("Tokens"), kOutput, {}};
    StatsChart::Series accCredits{tr("Credits"), kCredits, {}};
    const QList<AccountBucket> perAccount = StatsSummary::perAccount(stats);
    // The busiest eight, busiest on top (horizontal bar charts draw the first category at the bottom).
    for (qsizetype i = std::min<qsizetype>(perAccount.size(), 8) - 1; i >= 0; --i) {
        const AccountBucket &b = perAccount.at(i);
        names.append(b.accountName.isEmpty() ? tr("Account %1").arg(b.accountId) : b.accountName);
        accOk.values.append(qreal(b.requests - b.errors));
        accFailed.values.append(qreal(b.errors));
        accTokens.values.append(qreal(b.tokens));
        accCredits.values.append(qreal(b.credits));
    }
    m_accountsChart->setData(names, {accOk, accFailed});
    m_accountTokensChart->setData(names, {accTokens});
    m_accountCreditsChart->setData(names, {accCredits});
    m_modelTable->setBuckets(StatsSummary::perServedModel(stats));
}

} // namespace kt
