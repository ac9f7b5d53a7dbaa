#include "itemmodels/accountsmodel.h"

#include "style/contrast.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace kt {

namespace {

QString formatAmount(double v)
{
    return QLocale().toString(v, 'f', v == double(qint64(v)) ? 0 : 2);
}

QString shortTime(const QDateTime &t)
{
    if (!t.isValid())
        return QString();
    const QDateTime local = t.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

QColor stateColor(const Account &a)
{
    if (!AccountsModel::isEnabled(a))
        return QColor(0x80, 0x80, 0x80);
    switch (a.state) {
    case AccountState::Active: return QColor(0x2e, 0x9d, 0x4f);
    case AccountState::Cooldown: return QColor(0xd9, 0x8e, 0x04);
    case AccountState::Invalid: return Contrast::error();
    case AccountState::Disabled: return QColor(0x80, 0x80, 0x80);
    }
    return {};
}

// Kiro's overage setting: "—" before Kiro reported it, "Off", or "On" with the charges so far and the cap.
QString overageText(const OverageInfo &o)
{
    if (!o.known())
        return QStringLiteral("—");
    if (!o.enabled())
        return AccountsModel::tr("Off");
    return o.cap > 0 ? AccountsModel::tr("On, %1 of %2 USD").arg(QLocale().toString(o.charges, 'f', 2), QLocale().toString(o.cap, 'f', 2))
                     : AccountsModel::tr("On");
}

} // namespace

AccountsModel::AccountsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

bool AccountsModel::isEnabled(const Account &account)
{
    return account.state != AccountState::Disabled && !account.credential.disabled;
}

QString AccountsModel::stateText(const Account &a)
{
    if (!isEnabled(a))
        return tr("Disabled");
    switch (a.state) {
    case AccountState::Active:
        return tr("Active");
    case AccountState::Cooldown:
        return a.cooldownUntil.isValid() ? tr("Cooling down until %1").arg(shortTime(a.cooldownUntil)) : tr("Cooling down");
    case AccountState::Invalid:
        // The short reason ("suspended"); the upstream's whole message is in the tooltip.
        return a.stateReason.isEmpty() ? tr("Invalid") : tr("Invalid: %1").arg(a.stateReason.section(QLatin1Char(':'), 0, 0).left(40));
    case AccountState::Disabled:
        return tr("Disabled");
    }
    return {};
}

QString AccountsModel::quotaText(const QuotaInfo &q)
{
    if (!q.known)
        return q.error.isEmpty() ? tr("Quota not read yet") : tr("Quota unavailable");
    QString text = tr("%1 / %2 (%3 % left)")
                       .arg(formatAmount(q.totalUsed()), formatAmount(q.totalLimit()))
                       .arg(QLocale().toString(q.remainingPercent(), 'f', 0));
    if (q.resetAt.isValid())
        text += QStringLiteral(" · ") + tr("resets %1").arg(QLocale().toString(q.resetAt.toLocalTime().date(), QLocale::ShortFormat));
    return text;
}

// Everything a row shows: a change to any of it signals the row.
bool AccountsModel::showsTheSame(const Account &a, const Account &b)
{
    const Credential &c = a.credential, &d = b.credential;
    const QuotaInfo &q = a.quota, &r = b.quota;
    const OverageInfo &o = q.overage, &p = r.overage;
    return a.id() == b.id() && a.name == b.name && c.email == d.email && c.provider == d.provider
        && c.authMethod == d.authMethod && c.disabled == d.disabled && c.priority == d.priority && a.state == b.state
        && a.cooldownUntil == b.cooldownUntil && a.stateReason == b.stateReason && a.lastError == b.lastError
        && a.errorCount == b.errorCount && a.requestCount == b.requestCount && a.lastUsed == b.lastUsed
        && a.inFlight == b.inFlight && a.maxInFlight == b.maxInFlight && a.requestsLastMinute == b.requestsLastMinute
        && a.maxRequestsPerMinute == b.maxRequestsPerMinute && q.known == r.known && q.used == r.used && q.limit == r.limit
        && q.trialUsed == r.trialUsed && q.trialLimit == r.trialLimit && q.bonusUsed == r.bonusUsed
        && q.bonusLimit == r.bonusLimit && q.resetAt == r.resetAt && q.subscription == r.subscription && q.error == r.error
        && o.status == p.status && o.capability == p.capability && o.cap == p.cap && o.rate == p.rate
        && o.charges == p.charges && a.models.fetchedAt == b.models.fetchedAt && a.models.error == b.models.error
        && a.models.models.size() == b.models.models.size();   // a new model list comes with a new fetchedAt
}

// Rows that went are removed, rows that came are inserted and changed rows are signalled, each run of
// neighbouring rows at once: the view keeps its selection and scroll position, and at 10,000 accounts
// one account's change repaints one row. Only accounts that changed their order reset the model.
void AccountsModel::setAccounts(const QList<Account> &accounts)
{
    QHash<qint64, qsizetype> incoming;
    incoming.reserve(accounts.size());
    for (qsizetype i = 0; i < accounts.size(); ++i)
        incoming.insert(accounts.at(i).id(), i);
    removeRowsNotIn(incoming);
    qsizetype previous = -1;
    for (const Account &a : std::as_const(m_accounts)) {
        const qsizetype at = incoming.value(a.id());
        if (at <= previous) {
            beginResetModel();
            m_accounts = accounts;
            m_rowOf.clear();
            renumberFrom(0);
            endResetModel();
            return;
        }
        previous = at;
    }
    insertRowsNotHere(accounts);
    QList<int> changed;
    for (qsizetype row = 0; row < accounts.size(); ++row) {
        if (!showsTheSame(m_accounts.at(row), accounts.at(row)))
            changed.append(int(row));
    }
    m_accounts = accounts;   // also what no column shows
    signalRows(changed);
}

QList<qint64> AccountsModel::updateAccounts(const QList<Account> &changed)
{
    QList<int> rows;
    QList<qint64> unknown;
    for (const Account &a : changed) {
        const int row = rowOf(a.id());
        if (row < 0) {
            unknown.append(a.id());
            continue;
        }
        Account &here = m_accounts[row];
        if (!showsTheSame(here, a))
            rows.append(row);
        here = a;   // also what no column shows
    }
    signalRows(std::move(rows));
    return unknown;
}

void AccountsModel::signalRows(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) <= rows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(rows.at(i), 0), index(rows.at(j), ColumnCount - 1));
        i = j + 1;
    }
}

// Rows from `row` on moved (some came or went before them): their ids point at them again.
void AccountsModel::renumberFrom(qsizetype row)
{
    for (qsizetype i = row; i < m_accounts.size(); ++i)
        m_rowOf.insert(m_accounts.at(i).id(), int(i));
}

void AccountsModel::removeRowsNotIn(const QHash<qint64, qsizetype> &incoming)
{
    qsizetype lowest = m_accounts.size();
    for (qsizetype last = m_accounts.size() - 1; last >= 0; --last) {
        if (incoming.contains(m_accounts.at(last).id()))
            continue;
        qsizetype first = last;
        while (first > 0 && !incoming.contains(m_accounts.at(first - 1).id()))
            --first;
        beginRemoveRows({}, int(first), int(last));
        for (qsizetype i = first; i <= last; ++i)
            m_rowOf.remove(m_accounts.at(i).id());
        m_accounts.remove(first, last - first + 1);
        endRemoveRows();
        lowest = first;
        last = first;
    }
    renumberFrom(lowest);   // once, however many runs went
}

// The rows here are in the order of accounts: whatever stands between them there is new.
void AccountsModel::insertRowsNotHere(const QList<Account> &accounts)
{
    qsizetype row = 0, lowest = m_accounts.size();
    for (qsizetype i = 0; i < accounts.size();) {
        const auto here = [&](qsizetype k) { return row < m_accounts.size() && m_accounts.at(row).id() == accounts.at(k).id(); };
        if (here(i)) {
            ++row;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < accounts.size() && !here(end))
            ++end;
        beginInsertRows({}, int(row), int(row + end - i - 1));
        m_accounts.insert(row, end - i, Account());
        std::copy(accounts.cbegin() + i, accounts.cbegin() + end, m_accounts.begin() + row);
        endInsertRows();
        lowest = std::min(lowest, row);
        row += end - i;
        i = end;
    }
    renumberFrom(lowest);
}

std::optional<Account> AccountsModel::account(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? std::nullopt : std::optional<Account>(m_accounts.at(row));
}

QString AccountsModel::modelsText(const ModelCatalogue &models)
{
    if (!models.known())
        return models.error.isEmpty() ? tr("Not read yet") : tr("Unavailable (built-in list)");
    return models.ids().join(QStringLiteral(", "));
}

QString AccountsModel::modelsToolTip(const ModelCatalogue &models)
{
    QStringList lines;
    if (models.known()) {
        lines << tr("%n model(s), read %1", nullptr, int(models.models.size())).arg(shortTime(models.fetchedAt));
        for (const KiroModel &m : models.models) {
            lines << (m.maxInputTokens > 0 ? tr("%1: %2 tokens of context").arg(m.id, QLocale().toString(m.maxInputTokens))
                                            : m.id);
        }
    } else {
        lines << tr("The model list has not been read: the built-in list is assumed.");
    }
    if (!models.error.isEmpty())
        lines << tr("Last reading failed: %1").arg(models.error);
    return lines.join(QLatin1Char('\n'));
}

int AccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const Account &a = m_accounts.at(index.row());
    const QuotaInfo &q = a.quota;
    const bool quotaKnown = q.known && q.totalLimit() > 0;
    switch (role) {
    case IdRole: return a.id();
    case QuotaLevelRole: return q.level();
    case QuotaUsedFractionRole: return quotaKnown ? QVariant(std::clamp(q.totalUsed() / q.totalLimit(), 0.0, 1.0)) : QVariant();
    case QuotaRemainingRole: return quotaKnown ? QVariant(q.remainingPercent()) : QVariant();
    case StateNameRole: return isEnabled(a) ? accountStateName(a.state) : QStringLiteral("disabled");
    case EnabledRole: return isEnabled(a);
    default: break;
    }
    const int column = index.column();
    if (role == Qt::CheckStateRole && column == NameColumn)
        return isEnabled(a) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole && column == StateColumn)
        return Contrast::onBase(stateColor(a));
    if (role == Qt::TextAlignmentRole && (column == ErrorsColumn || column == RequestsColumn || column == InFlightColumn
                                              || column == PriorityColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (column == StateColumn) {
            const QString state = a.stateReason.isEmpty() ? stateText(a) : stateText(a) + QLatin1Char('\n') + a.stateReason;
            return a.lastError.isEmpty() ? state : tr("%1\nLast error: %2").arg(state, a.lastError);
        }
        if (column == QuotaColumn) {
            QString tip = quotaText(q);
            if (!q.subscription.isEmpty())
                tip += QLatin1Char('\n') + q.subscription;
            if (q.trialLimit > 0)
                tip += QLatin1Char('\n') + tr("Free trial: %1 / %2").arg(formatAmount(q.trialUsed), formatAmount(q.trialLimit));
            if (q.bonusLimit > 0)
                tip += QLatin1Char('\n') + tr("Bonus: %1 / %2").arg(formatAmount(q.bonusUsed), formatAmount(q.bonusLimit));
            if (!q.error.isEmpty())
                tip += QLatin1Char('\n') + q.error;
            return tip;
        }
        if (column == NameColumn)
            return isEnabled(a) ? tr("Uncheck to stop using this account") : tr("Check to use this account again");
        if (column == ModelsColumn)
            return modelsToolTip(a.models);
        if (column == OverageColumn && q.overage.known())
            return tr("Overage: usage beyond the plan's credits, billed at %1 USD per request").arg(QLocale().toString(q.overage.rate, 'f', 3))
                + (q.overage.capability.isEmpty() ? QString() : QLatin1Char('\n') + q.overage.capability);
        if (column == InFlightColumn && a.maxRequestsPerMinute > 0)
            return tr("%1 of %2 requests in the last minute").arg(a.requestsLastMinute).arg(a.maxRequestsPerMinute);
        return {};
    }
    if (role == Qt::AccessibleTextRole && column == QuotaColumn)
        return quotaText(q);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (column) {
    case NameColumn: return a.name.isEmpty() ? a.credential.displayName() : a.name;
    case AuthColumn: {
        const QString method = a.credential.authMethod == AuthMethod::Idc ? QStringLiteral("IdC")
            : a.credential.authMethod == AuthMethod::ApiKey ? tr("API key") : tr("Social");
        return a.credential.provider.isEmpty() ? method : QStringLiteral("%1 (%2)").arg(method, a.credential.provider);
    }
    case StateColumn: return stateText(a);
    case QuotaColumn: return quotaText(q);
    case ErrorsColumn: return a.errorCount;
    case RequestsColumn: return a.requestCount;
    case InFlightColumn: return a.maxInFlight > 0 ? QStringLiteral("%1 / %2").arg(a.inFlight).arg(a.maxInFlight) : QString::number(a.inFlight);
    case LastUsedColumn: return a.lastUsed.isValid() ? shortTime(a.lastUsed) : tr("never");
    case PriorityColumn: return a.credential.priority;
    case ModelsColumn: return modelsText(a.models);
    case OverageColumn: return overageText(q.overage);
    default: return {};
    }
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case AuthColumn: return tr("Auth");
    case StateColumn: return tr("State");
    case QuotaColumn: return tr("Quota");
    case ErrorsColumn: return tr("Errors");
    case RequestsColumn: return tr("Requests");
    case InFlightColumn: return tr("In flight");
    case LastUsedColumn: return tr("Last used");
    case PriorityColumn: return tr("Priority");
    case ModelsColumn: return tr("Models");
    case OverageColumn: return tr("Overage");
    default: return {};
    }
}

Qt::ItemFlags AccountsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable | Qt::ItemIsEditable;
    if (index.column() == PriorityColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool AccountsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return false;
    const Account &a = m_accounts.at(index.row());
    if (role == Qt::CheckStateRole && index.column() == NameColumn) {
        const bool enable = value.toInt() == Qt::Checked;
        if (enable != isEnabled(a))
            Q_EMIT enableRequested(a.id(), enable);
        return true;   // the new state shows when the service confirms it
    }
    if (role != Qt::EditRole)
        return false;
    if (index.column() == NameColumn) {
        const QString name = value.toString().trimmed();
        if (name.isEmpty() || name == a.name)
            return false;
        Q_EMIT renameRequested(a.id(), name);
        return true;
    }
    if (index.column() == PriorityColumn) {
        bool ok = false;
        const int priority = value.toInt(&ok);
        if (!ok || priority < 0 || priority == a.credential.priority)
            return false;
        Q_EMIT priorityRequested(a.id(), priority);
        return true;
    }
    return false;
}

} // namespace kt
