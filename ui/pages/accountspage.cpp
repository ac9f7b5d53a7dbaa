#include "pages/accountspage.h"

#include "accounts/poolstrategy.h"
#include "itemmodels/accountsmodel.h"
#include "widgets/overageaction.h"
#include "widgets/quotabardelegate.h"
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kt {

namespace {

QString strategyLabel(const QString &name)
{
    if (name == QLatin1String("round-robin"))
        return AccountsPage::tr("Round robin");
    if (name == QLatin1String("random"))
        return AccountsPage::tr("Random");
    if (name == QLatin1String("least-used"))
        return AccountsPage::tr("Least used");
    if (name == QLatin1String("priority"))
        return AccountsPage::tr("Priority (lowest number first)");
    return name;
}

} // namespace

AccountsPage::AccountsPage(ServiceMonitor *monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_model(new AccountsModel(this)), m_overage(new OverageAction(monitor, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *signIn = new QPushButton(tr("&Sign in…"), this);
    m_signInAgain = new QPushButton(tr("Sign in a&gain…"), this);
    auto *add = new QPushButton(tr("Add a&ccount…"), this);
    auto *import = new QPushButton(tr("&Import…"), this);
    m_toggle = new QPushButton(tr("Disa&ble"), this);
    m_delete = new QPushButton(tr("Dele&te…"), this);
    m_refresh = new QPushButton(tr("&Refresh quota"), this);
    m_refreshAll = new QPushButton(tr("Re&fresh all"), this);
    signIn->setToolTip(tr("Add a Kiro account by signing in: AWS Builder ID, organisation SSO, Google, GitHub or an API key"));
    m_signInAgain->setToolTip(tr("Sign the selected account in again (when its login stopped working)"));
    add->setToolTip(tr("Add one account by its refresh token"));
    import->setToolTip(tr("Import accounts from JSON files or the Kiro IDE"));
    m_refresh->setToolTip(tr("Read the selected account's quota again"));
    m_refreshAll->setToolTip(tr("Read every account's quota again"));
    for (QPushButton *b : {signIn, m_signInAgain, add, import, m_toggle, m_delete, m_refresh, m_refreshAll})
        bar->addWidget(b);
    bar->addStretch();
    auto *strategyLabelWidget = new QLabel(tr("Strate&gy:"), this);
    m_strategy = new QComboBox(this);
    m_strategy->setAccessibleName(tr("Account selection strategy"));
    strategyLabelWidget->setBuddy(m_strategy);
    for (const QString &name : poolStrategyNames())
        m_strategy->addItem(strategyLabel(name), name);
    bar->addWidget(strategyLabelWidget);
    bar->addWidget(m_strategy);
    layout->addLayout(bar);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(AccountsModel::QuotaColumn, new QuotaBarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setAccessibleName(tr("Accounts"));
    m_table->verticalHeader()->hide();
    // Columns are fitted when rows come or go, not on every update: ResizeToContents would measure
    // every row each time an account's state or quota changes.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(AccountsModel::QuotaColumn, QHeaderView::Stretch);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::fitColumnsSoon);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AccountsPage::fitColumnsSoon);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AccountsPage::fitColumnsSoon);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_table, 1);

    // An empty pool: one obvious first step instead of an empty table.
    m_empty = new QWidget(this);
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addStretch();
    auto *welcome = new QLabel(tr("No Kiro account yet"), m_empty);
    QFont title = welcome->font();
    title.setPointSizeF(title.pointSizeF() * 1.6);
    title.setBold(true);
    welcome->setFont(title);
    welcome->setAlignment(Qt::AlignCenter);
    auto *explain = new QLabel(tr("Sign in with AWS Builder ID, your organisation's SSO, Google or GitHub, or add a Kiro API key. "
                                  "You can add several accounts; requests are spread over them."), m_empty);
    explain->setWordWrap(true);
    explain->setAlignment(Qt::AlignCenter);
    auto *bigSignIn = new QPushButton(tr("Sign in…"), m_empty);
    bigSignIn->setObjectName(QStringLiteral("emptySignIn"));
    bigSignIn->setMinimumHeight(bigSignIn->sizeHint().height() * 3 / 2);
    bigSignIn->setMinimumWidth(220);
    auto *importInstead = new QPushButton(tr("Import from the Kiro IDE or a file…"), m_empty);
    importInstead->setFlat(true);
    for (QWidget *w : std::initializer_list<QWidget *>{welcome, explain})
        emptyLayout->addWidget(w);
    for (QPushButton *b : {bigSignIn, importInstead})
        emptyLayout->addWidget(b, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();
    layout->addWidget(m_empty, 1);
    connect(bigSignIn, &QPushButton::clicked, this, [this] { Q_EMIT signInRequested(0); });
    connect(importInstead, &QPushButton::clicked, this, &AccountsPage::importRequested);

    connect(signIn, &QPushButton::clicked, this, [this] { Q_EMIT signInRequested(0); });
    connect(m_signInAgain, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedId())
            Q_EMIT signInRequested(id);
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &AccountsPage::showContextMenu);
    connect(add, &QPushButton::clicked, this, &AccountsPage::addRequested);
    connect(import, &QPushButton::clicked, this, &AccountsPage::importRequested);
    connect(m_toggle, &QPushButton::clicked, this, &AccountsPage::toggleSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(false); });
    connect(m_refresh, &QPushButton::clicked, this, &AccountsPage::refreshSelected);
    connect(m_refreshAll, &QPushButton::clicked, this, &AccountsPage::refreshAll);
    connect(m_strategy, &QComboBox::activated, this, [this](int index) {
        if (m_monitor->service())
            m_monitor->service()->setStrategy(m_strategy->itemData(index).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountsPage::updateButtons);
    connect(m_model, &AccountsModel::enableRequested, this, [this](qint64 id, bool enabled) {
        if (m_monitor->service())
            m_monitor->service()->setAccountEnabled(id, enabled);
    });
    connect(m_model, &AccountsModel::renameRequested, this, [this](qint64 id, const QString &name) {
        if (m_monitor->service())
            m_monitor->service()->updateAccount(id, {name, std::nullopt, std::nullopt});
    });
    connect(m_model, &AccountsModel::priorityRequested, this, [this](qint64 id, int priority) {
        if (m_monitor->service())
            m_monitor->service()->updateAccount(id, {std::nullopt, priority, std::nullopt});
    });
    connect(m_monitor, &ServiceMonitor::accountsChanged, this, &AccountsPage::onAccountsChanged);
    connect(m_monitor, &ServiceMonitor::accountsUpdated, this, &AccountsPage::onAccountsUpdated);
    // Keyboard: Delete asks to delete the selected account, F5 re-reads every quota.
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, [this] { deleteSelected(false); });
    auto *refreshKey = new QShortcut(QKeySequence::Refresh, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &AccountsPage::refreshAll);
    onAccountsChanged();
}

qint64 AccountsPage::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->data(rows.first(), AccountsModel::IdRole).toLongLong();
}

void AccountsPage::selectAccount(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->selectRow(row);
    else
        m_table->clearSelection();
}

// Once per event-loop turn however many rows came or went (an import adds them in batches); the
// table measures only the rows in view.
void AccountsPage::fitColumnsSoon()
{
    if (std::exchange(m_fitPending, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_fitPending = false;
        for (int c = 0; c < AccountsModel::ColumnCount; ++c) {
            if (c != AccountsModel::QuotaColumn)
                fitColumn(c);
        }
        keepQuotaReadable();
    });
}

// One column's texts changed in place: state texts with cooldowns ("Cooling down until 14:05"), the
// models once a catalogue is read after the page opened ("Not read yet" before). That column is
// refitted once per event-loop turn.
void AccountsPage::fitColumnSoon(int column)
{
    if (std::exchange(m_columnsToFit, m_columnsToFit | (1u << column)))
        return;
    QTimer::singleShot(0, this, [this] {
        const quint32 columns = std::exchange(m_columnsToFit, 0);
        for (int c = 0; c < AccountsModel::ColumnCount; ++c) {
            if (columns & (1u << c))
                fitColumn(c);
        }
        keepQuotaReadable();
    });
}

void AccountsPage::fitColumn(int column)
{
    m_table->resizeColumnToContents(column);
    // A catalogue lists a dozen models: fitted whole, that column pushed the table past the window
    // and squeezed the quota to "16.96 / 65…". Its tooltip lists them all.
    const int modelsWidth = m_table->fontMetrics().averageCharWidth() * MaxModelsColumnChars;
    if (column == AccountsModel::ModelsColumn && m_table->columnWidth(column) > modelsWidth)
        m_table->setColumnWidth(column, modelsWidth);
}

// The quota's amount comes before the list of models: when the fitted columns leave the Quota
// column (which takes what is left) less than it needs, as a long state text or a narrow window
// does, the Models column gives up width, down to MinModelsColumnChars (its tooltip lists them all).
void AccountsPage::keepQuotaReadable()
{
    int others = 0;
    for (int c = 0; c < AccountsModel::ColumnCount; ++c) {
        if (c != AccountsModel::QuotaColumn)
            others += m_table->columnWidth(c);
    }
    const int excess = others + QuotaBarDelegate::PreferredWidth - m_table->viewport()->width();
    const int models = m_table->columnWidth(AccountsModel::ModelsColumn);
    const int least = m_table->fontMetrics().averageCharWidth() * MinModelsColumnChars;
    if (excess > 0 && models > least)
        m_table->setColumnWidth(AccountsModel::ModelsColumn, std::max(least, models - excess));
}

void AccountsPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumnSoon(AccountsModel::ModelsColumn);   // fitted to the new width, then yielding to the quota
}

// Only these accounts changed, in place: their rows, and nothing else, are looked at.
void AccountsPage::onAccountsUpdated(const QList<qint64> &ids)
{
    QList<Account> changed;
    changed.reserve(ids.size());
    bool stateTextChanged = false, modelsChanged = false, selectedChanged = false;
    const qint64 selected = selectedId();
    for (const qint64 id : ids) {
        const Account *now = m_monitor->account(id);
        const int row = m_model->rowOf(id);
        if (!now || row < 0)
            continue;
        const Account &before = m_model->accounts().at(row);
        stateTextChanged = stateTextChanged || AccountsModel::stateText(before) != AccountsModel::stateText(*now);
        modelsChanged = modelsChanged || AccountsModel::modelsText(before.models) != AccountsModel::modelsText(now->models);
        selectedChanged = selectedChanged || id == selected;
        changed.append(*now);
    }
    m_model->updateAccounts(changed);
    if (stateTextChanged)
        fitColumnSoon(AccountsModel::StateColumn);
    if (modelsChanged)
        fitColumnSoon(AccountsModel::ModelsColumn);
    if (selectedChanged)
        updateButtons();
}

void AccountsPage::onAccountsChanged()
{
    const qint64 selected = selectedId();
    m_model->setAccounts(m_monitor->accounts());
    fitColumnSoon(AccountsModel::StateColumn);
    if (selected)
        selectAccount(selected);
    {
        const QSignalBlocker blocker(m_strategy);
        const int index = m_strategy->findData(m_monitor->strategy());
        if (index >= 0)
            m_strategy->setCurrentIndex(index);
    }
    const bool empty = m_monitor->accountsKnown() && m_monitor->accounts().isEmpty();
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
    updateButtons();
}

void AccountsPage::updateButtons()
{
    const auto account = m_model->account(selectedId());
    m_toggle->setEnabled(account.has_value());
    m_signInAgain->setEnabled(account && account->credential.authMethod != AuthMethod::ApiKey);
    m_signInAgain->setVisible(account && account->state == AccountState::Invalid);
    m_delete->setEnabled(account.has_value());
    m_refresh->setEnabled(account.has_value());
    m_refreshAll->setEnabled(!m_model->accounts().isEmpty());
    m_toggle->setText(account && !AccountsModel::isEnabled(*account) ? tr("Ena&ble") : tr("Disa&ble"));
}

void AccountsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->selectRow(index.row());
    const auto account = m_model->account(selectedId());
    if (!account)
        return;
    QMenu menu(this);
    QAction *again = menu.addAction(tr("Sign in again…"));
    again->setEnabled(account->credential.authMethod != AuthMethod::ApiKey);
    QAction *toggle = menu.addAction(AccountsModel::isEnabled(*account) ? tr("Disable") : tr("Enable"));
    QAction *refresh = menu.addAction(tr("Refresh quota"));
    QAction *overage = menu.addAction(OverageAction::menuText(*account));
    QAction *remove = menu.addAction(tr("Delete…"));
    QAction *chosen = menu.exec(m_table->viewport()->mapToGlobal(pos));
    if (chosen == again)
        Q_EMIT signInRequested(account->id());
    else if (chosen == toggle)
        toggleSelected();
    else if (chosen == refresh)
        refreshSelected();
    else if (chosen == overage)
        m_overage->toggle(*account, false);
    else if (chosen == remove)
        deleteSelected(false);
}

void AccountsPage::toggleSelected()
{
    const auto account = m_model->account(selectedId());
    if (account && m_monitor->service())
        m_monitor->service()->setAccountEnabled(account->id(), !AccountsModel::isEnabled(*account));
}

void AccountsPage::deleteSelected(bool confirmed)
{
    const auto account = m_model->account(selectedId());
    if (!account || !m_monitor->service())
        return;
    if (!confirmed) {
        const QString name = account->name.isEmpty() ? account->credential.displayName() : account->name;
        const auto answer = QMessageBox::question(this, tr("Delete account"),
                                                  tr("Delete %1 from KiroTray? Its tokens are removed from this computer; "
                                                     "the Kiro account itself is not affected.").arg(name),
                                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_monitor->service()->removeAccount(account->id());
}

void AccountsPage::refreshSelected()
{
    if (const qint64 id = selectedId(); id && m_monitor->service())
        m_monitor->service()->refreshQuota(id);
}

void AccountsPage::refreshAll()
{
    if (m_monitor->service())
        m_monitor->service()->refreshQuota(0);
}

} // namespace kt
