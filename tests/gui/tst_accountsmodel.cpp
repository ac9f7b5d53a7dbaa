// AccountsModel: rows and columns from accounts, state texts, and that edits are emitted as
// requests (enable, rename, priority) instead of being applied locally; bad edits are refused; updates
// name their rows (removed, inserted, changed) instead of resetting, also at 10,000 accounts.
#include "itemmodels/accountsmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>

using namespace kt;

using Ranges = QList<std::pair<int, int>>;

// A copy of the model's rows (every column's text, tooltip and colour, and the row's roles) that
// follows only what the model's signals say: it differs from the model when a signal is missing or
// names the wrong rows. Also records the ranges each signal named.
class RowMirror : public QObject
{
public:
    explicit RowMirror(QAbstractItemModel *model) : m_model(model)
    {
        m_rows = rows(0, model->rowCount() - 1);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
            inserted.append({first, last});
            const QList<QVariantList> fresh = rows(first, last);
            for (int k = 0; k < fresh.size(); ++k)
                m_rows.insert(first + k, fresh.at(k));
        });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
            removed.append({first, last});
            m_rows.remove(first, last - first + 1);
        });
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
            changed.append({from.row(), to.row()});
            wholeRows = wholeRows && from.column() == 0 && to.column() == m_model->columnCount() - 1;
            const QList<QVariantList> fresh = rows(from.row(), to.row());
            for (int k = 0; k < fresh.size(); ++k)
                m_rows[from.row() + k] = fresh.at(k);
        });
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            ++resets;
            m_rows = rows(0, m_model->rowCount() - 1);
        });
        connect(model, &QAbstractItemModel::rowsMoved, this, [this] { ++moves; });
        connect(model, &QAbstractItemModel::layoutChanged, this, [this] { ++moves; });
    }

    bool matches() const { return wholeRows && moves == 0 && m_rows == rows(0, m_model->rowCount() - 1); }
    void clear()
    {
        inserted.clear();
        removed.clear();
        changed.clear();
        resets = 0;
    }

    Ranges inserted, removed, changed;
    int resets = 0;

private:
    QList<QVariantList> rows(int first, int last) const
    {
        QList<QVariantList> result;
        for (int row = first; row <= last; ++row) {
            QVariantList cells;
            for (int role : {int(Qt::CheckStateRole), int(AccountsModel::IdRole), int(AccountsModel::QuotaLevelRole),
                             int(AccountsModel::QuotaUsedFractionRole), int(AccountsModel::QuotaRemainingRole),
                             int(AccountsModel::StateNameRole), int(AccountsModel::EnabledRole)})
                cells.append(m_model->data(m_model->index(row, 0), role));
            for (int column = 0; column < m_model->columnCount(); ++column) {
                for (int role : {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole})
                    cells.append(m_model->data(m_model->index(row, column), role));
            }
            result.append(cells);
        }
        return result;
    }

    QAbstractItemModel *m_model;
    QList<QVariantList> m_rows;
    int moves = 0;
    bool wholeRows = true;
};

class TestAccountsModel : public QObject
{
    Q_OBJECT

private:
    static Account make(qint64 id, const QString &name, AccountState state = AccountState::Active)
    {
        Account a;
        a.credential.id = id;
        a.credential.priority = int(id);
        a.name = name;
        a.state = state;
        return a;
    }
    // Accounts 1..n, named "account <id>".
    static QList<Account> numbered(int n)
    {
        QList<Account> accounts;
        for (int i = 1; i <= n; ++i)
            accounts.append(make(i, QStringLiteral("account %1").arg(i)));
        return accounts;
    }
    // The fields these tests change, row by row (Account has no operator==).
    static bool sameAccounts(const QList<Account> &a, const QList<Account> &b)
    {
        return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const Account &x, const Account &y) {
            return x.id() == y.id() && x.name == y.name && x.requestCount == y.requestCount && x.errorCount == y.errorCount;
        });
    }
    // Account 2 of everyShownFieldSignalsItsRow: cooling down, with a quota, an overage and models
    // read, so that each change below shows in its row.
    static Account shown()
    {
        Account a = make(2, QStringLiteral("b"), AccountState::Cooldown);
        a.cooldownUntil = QDateTime::currentDateTimeUtc().addSecs(300);
        a.maxRequestsPerMinute = 30;
        a.quota.known = true;
        a.quota.used = 10;
        a.quota.limit = 50;
        a.quota.trialLimit = 5;
        a.quota.bonusLimit = 5;
        a.quota.overage.status = QStringLiteral("ENABLED");
        a.quota.overage.cap = 20;
        a.models.fetchedAt = QDateTime::currentDateTimeUtc();
        return a;
    }
    using Change = void (*)(Account &);
    static const std::array<Change, 31> &fieldChanges()
    {
        static const std::array<Change, 31> changes{
            [](Account &a) { a.name = QStringLiteral("renamed"); },
            [](Account &a) { a.credential.provider = QStringLiteral("Github"); },
            [](Account &a) { a.credential.authMethod = AuthMethod::Idc; },
            [](Account &a) { a.credential.disabled = true; },
            [](Account &a) { a.credential.priority += 10; },
            [](Account &a) { a.state = AccountState::Invalid; },
            [](Account &a) { a.cooldownUntil = a.cooldownUntil.addDays(2); },
            [](Account &a) { a.stateReason = QStringLiteral("throttled"); },
            [](Account &a) { a.lastError = QStringLiteral("HTTP 500"); },
            [](Account &a) { ++a.errorCount; },
            [](Account &a) { ++a.requestCount; },
            [](Account &a) { a.lastUsed = QDateTime::currentDateTimeUtc(); },
            [](Account &a) { ++a.inFlight; },
            [](Account &a) { a.maxInFlight = 4; },
            [](Account &a) { ++a.requestsLastMinute; },
            [](Account &a) { ++a.maxRequestsPerMinute; },
            [](Account &a) { a.quota.known = false; },
            [](Account &a) { ++a.quota.used; },
            [](Account &a) { ++a.quota.limit; },
            [](Account &a) { ++a.quota.trialUsed; },
            [](Account &a) { ++a.quota.trialLimit; },
            [](Account &a) { ++a.quota.bonusUsed; },
            [](Account &a) { ++a.quota.bonusLimit; },
            [](Account &a) { a.quota.resetAt = QDateTime::currentDateTimeUtc().addDays(9); },
            [](Account &a) { a.quota.subscription = QStringLiteral("KIRO PRO+"); },
            [](Account &a) { a.quota.error = QStringLiteral("HTTP 403"); },
            [](Account &a) { a.quota.overage.status = QStringLiteral("DISABLED"); },
            [](Account &a) { ++a.quota.overage.charges; },
            [](Account &a) { ++a.quota.overage.rate; },
            [](Account &a) { a.quota.overage.capability = QStringLiteral("OVERAGE_CAPABLE"); },
            [](Account &a) { a.models.error = QStringLiteral("HTTP 403"); },
        };
        return changes;
    }

private Q_SLOTS:
    void rowsAndColumns()
    {
        AccountsModel model;
        QCOMPARE(model.rowCount(), 0);
        model.setAccounts({make(1, QStringLiteral("a")), make(2, QStringLiteral("b"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(AccountsModel::ColumnCount));
        QCOMPARE(model.data(model.index(1, AccountsModel::NameColumn)).toString(), QStringLiteral("b"));
        QCOMPARE(model.data(model.index(1, AccountsModel::NameColumn), AccountsModel::IdRole).toLongLong(), 2);
        QCOMPARE(model.rowOf(2), 1);
        QCOMPARE(model.rowOf(99), -1);
        QVERIFY(!model.data(model.index(5, 0)).isValid());
        QVERIFY(!model.headerData(AccountsModel::QuotaColumn, Qt::Horizontal).toString().isEmpty());
    }

    void inFlightColumn()
    {
        Account limited = make(1, QStringLiteral("l"));
        limited.inFlight = 3;
        limited.maxInFlight = 20;
        limited.requestsLastMinute = 7;
        limited.maxRequestsPerMinute = 30;
        Account open = make(2, QStringLiteral("o"));
        open.inFlight = 4;
        AccountsModel model;
        model.setAccounts({limited, open});
        QCOMPARE(model.data(model.index(0, AccountsModel::InFlightColumn)).toString(), QStringLiteral("3 / 20"));
        QCOMPARE(model.data(model.index(0, AccountsModel::InFlightColumn), Qt::ToolTipRole).toString(),
                 QStringLiteral("7 of 30 requests in the last minute"));
        QCOMPARE(model.data(model.index(1, AccountsModel::InFlightColumn)).toString(), QStringLiteral("4"));
        QCOMPARE(model.headerData(AccountsModel::InFlightColumn, Qt::Horizontal).toString(), QStringLiteral("In flight"));
    }

    void modelsColumn()
    {
        Account listed = make(1, QStringLiteral("m"));
        listed.models.fetchedAt = QDateTime::currentDateTimeUtc();
        for (const char *id : {"auto", "claude-opus-5"}) {
            KiroModel m;
            m.id = QString::fromLatin1(id);
            m.maxInputTokens = 1000000;
            listed.models.models.append(m);
        }
        Account unread = make(2, QStringLiteral("u"));
        Account failed = make(3, QStringLiteral("f"));
        failed.models.error = QStringLiteral("the model list service answered 403");
        AccountsModel model;
        model.setAccounts({listed, unread, failed});
        QCOMPARE(model.data(model.index(0, AccountsModel::ModelsColumn)).toString(), QStringLiteral("auto, claude-opus-5"));
        QVERIFY(model.data(model.index(0, AccountsModel::ModelsColumn), Qt::ToolTipRole).toString().contains(QStringLiteral("claude-opus-5:")));
        QCOMPARE(model.data(model.index(1, AccountsModel::ModelsColumn)).toString(), QStringLiteral("Not read yet"));
        QVERIFY(model.data(model.index(2, AccountsModel::ModelsColumn), Qt::ToolTipRole).toString().contains(QStringLiteral("403")));
        QCOMPARE(model.headerData(AccountsModel::ModelsColumn, Qt::Horizontal).toString(), QStringLiteral("Models"));
    }

    void stateTexts()
    {
        Account cooling = make(1, QStringLiteral("c"), AccountState::Cooldown);
        cooling.cooldownUntil = QDateTime::currentDateTimeUtc().addSecs(300);
        QVERIFY(AccountsModel::stateText(cooling).contains(QStringLiteral("until")));
        Account invalid = make(2, QStringLiteral("i"), AccountState::Invalid);
        invalid.stateReason = QStringLiteral("suspended: TEMPORARILY_SUSPENDED");
        // The short reason in the cell, the upstream's whole message in the tooltip.
        QCOMPARE(AccountsModel::stateText(invalid), QStringLiteral("Invalid: suspended"));
        Account userDisabled = make(3, QStringLiteral("d"));
        userDisabled.credential.disabled = true;
        QVERIFY(!AccountsModel::isEnabled(userDisabled));
        QCOMPARE(AccountsModel::stateText(userDisabled), QStringLiteral("Disabled"));

        AccountsModel model;
        model.setAccounts({cooling, invalid, userDisabled});
        QCOMPARE(model.data(model.index(0, 0), AccountsModel::StateNameRole).toString(), QStringLiteral("cooldown"));
        QCOMPARE(model.data(model.index(2, 0), AccountsModel::StateNameRole).toString(), QStringLiteral("disabled"));
        QVERIFY(model.data(model.index(1, AccountsModel::StateColumn), Qt::ToolTipRole).toString().contains(QStringLiteral("TEMPORARILY_SUSPENDED")));
        QCOMPARE(model.data(model.index(2, 0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(model.data(model.index(0, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    void quotaText()
    {
        QuotaInfo q;
        QVERIFY(AccountsModel::quotaText(q).contains(QStringLiteral("not read")));
        q.known = true;
        q.used = 12.5;
        q.limit = 50;
        const QString text = AccountsModel::quotaText(q);
        QVERIFY2(text.contains(QStringLiteral("12.5")) && text.contains(QStringLiteral("50")) && text.contains(QStringLiteral("75")), qPrintable(text));
    }

    void checkboxEmitsEnableRequest()
    {
        AccountsModel model;
        model.setAccounts({make(7, QStringLiteral("a"))});
        QSignalSpy spy(&model, &AccountsModel::enableRequested);
        QVERIFY(model.flags(model.index(0, AccountsModel::NameColumn)) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(model.index(0, AccountsModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), 7);
        QCOMPARE(spy.at(0).at(1).toBool(), false);
        // Not applied locally: the row stays enabled until the service says otherwise.
        QCOMPARE(model.data(model.index(0, 0), Qt::CheckStateRole).toInt(), int(Qt::Checked));
        // Checking an already enabled account asks for nothing.
        model.setData(model.index(0, AccountsModel::NameColumn), Qt::Checked, Qt::CheckStateRole);
        QCOMPARE(spy.size(), 1);
    }

    void renameAndPriorityAreValidated()
    {
        AccountsModel model;
        model.setAccounts({make(3, QStringLiteral("old"))});
        QSignalSpy rename(&model, &AccountsModel::renameRequested);
        QSignalSpy priority(&model, &AccountsModel::priorityRequested);
        QVERIFY(!model.setData(model.index(0, AccountsModel::NameColumn), QStringLiteral("   ")));
        QVERIFY(!model.setData(model.index(0, AccountsModel::NameColumn), QStringLiteral("old")));
        QVERIFY(model.setData(model.index(0, AccountsModel::NameColumn), QStringLiteral(" new ")));
        QCOMPARE(rename.size(), 1);
        QCOMPARE(rename.at(0).at(1).toString(), QStringLiteral("new"));
        QVERIFY(!model.setData(model.index(0, AccountsModel::PriorityColumn), QStringLiteral("abc")));
        QVERIFY(!model.setData(model.index(0, AccountsModel::PriorityColumn), -1));
        QVERIFY(model.setData(model.index(0, AccountsModel::PriorityColumn), 5));
        QCOMPARE(priority.size(), 1);
        QCOMPARE(priority.at(0).at(1).toInt(), 5);
        QVERIFY(!model.setData(model.index(0, AccountsModel::StateColumn), QStringLiteral("x")));
    }

    void sameIdsUpdateInPlace()
    {
        AccountsModel model;
        model.setAccounts({make(1, QStringLiteral("a")), make(2, QStringLiteral("b"))});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        Account renamed = make(2, QStringLiteral("b2"));
        model.setAccounts({make(1, QStringLiteral("a")), renamed});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("b2"));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setAccounts({make(1, QStringLiteral("a"))});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
    }

    // At 10,000 accounts a change signals its own rows only: what the rows signalled say matches the
    // model after each update (RowMirror), with the exact ranges, and nothing resets.
    void incrementalAtTenThousand()
    {
        QList<Account> accounts = numbered(10000);
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RowMirror mirror(&model);
        model.setAccounts(accounts);
        QCOMPARE(mirror.inserted, (Ranges{{0, 9999}}));
        QVERIFY(mirror.matches());

        mirror.clear();
        ++accounts[4711].requestCount;
        model.setAccounts(accounts);
        QCOMPARE(mirror.changed, (Ranges{{4711, 4711}}));
        model.setAccounts(accounts);   // nothing changed: nothing said
        QCOMPARE(mirror.changed.size(), 1);
        QVERIFY(mirror.matches());

        mirror.clear();
        accounts.removeAt(9000);
        accounts.removeAt(10);
        accounts.removeAt(10);
        for (int i = 10001; i <= 10003; ++i)
            accounts.append(make(i, QStringLiteral("new %1").arg(i)));
        accounts.insert(5, make(20000, QStringLiteral("in between")));
        accounts[7].errorCount = 3;
        accounts[8].errorCount = 3;
        model.setAccounts(accounts);
        QCOMPARE(mirror.removed, (Ranges{{9000, 9000}, {10, 11}}));
        QCOMPARE(mirror.inserted, (Ranges{{5, 5}, {9998, 10000}}));
        QCOMPARE(mirror.changed, (Ranges{{7, 8}}));
        QCOMPARE(mirror.resets, 0);
        QVERIFY(mirror.matches());

        mirror.clear();
        std::swap(accounts[0], accounts[1]);   // a new order resets
        model.setAccounts(accounts);
        QCOMPARE(mirror.resets, 1);
        QVERIFY(mirror.matches());
    }

    // Accounts that changed in place (the service's patches): at 10,000 accounts only their rows are
    // signalled, neighbours together, unchanged ones not at all; an id without a row is handed back.
    void updateAccountsAtTenThousand()
    {
        QList<Account> accounts = numbered(10000);
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccounts(accounts);
        RowMirror mirror(&model);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

        QList<Account> changed;
        for (const int row : {4712, 10, 4711, 9000}) {
            Account a = accounts.at(row);
            if (row != 9000)   // 9000 comes unchanged
                a.requestCount += row;
            changed.append(a);
            accounts[row] = a;
        }
        Account stranger = make(99999, QStringLiteral("stranger"));
        changed.append(stranger);
        QCOMPARE(model.updateAccounts(changed), QList<qint64>{99999});
        QCOMPARE(mirror.changed, (Ranges{{10, 10}, {4711, 4712}}));
        QVERIFY(mirror.matches());
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(model.rowOf(99999), -1);
        QVERIFY(sameAccounts(model.accounts(), accounts));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(layout.size(), 0);

        // A field no column shows is kept, silently.
        mirror.clear();
        accounts[20].refreshTokenHash = QStringLiteral("new hash");
        QVERIFY(model.updateAccounts({accounts.at(20)}).isEmpty());
        QVERIFY(mirror.changed.isEmpty());
        QCOMPARE(model.accounts().at(20).refreshTokenHash, QStringLiteral("new hash"));
    }

    // rowOf() is a lookup kept in step with the rows: right for every id after removals, insertions and
    // a reset at 10,000 accounts, and -1 for ids that went.
    void rowOfFollowsTheRows()
    {
        QList<Account> accounts = numbered(10000);
        AccountsModel model;
        const auto rowsMatch = [&model, &accounts] {
            if (model.rowCount() != accounts.size())
                return false;
            for (int row = 0; row < accounts.size(); ++row) {
                if (model.rowOf(accounts.at(row).id()) != row || model.account(accounts.at(row).id())->name != accounts.at(row).name)
                    return false;
            }
            return true;
        };
        model.setAccounts(accounts);
        QVERIFY(rowsMatch());
        accounts.removeAt(5000);
        accounts.removeAt(3);
        accounts.removeAt(3);
        accounts.insert(0, make(20001, QStringLiteral("first")));
        accounts.insert(7000, make(20002, QStringLiteral("middle")));
        accounts.append(make(20003, QStringLiteral("last")));
        model.setAccounts(accounts);
        QVERIFY(rowsMatch());
        for (const qint64 gone : {qint64(5001), qint64(4), qint64(5)})
            QCOMPARE(model.rowOf(gone), -1);
        QVERIFY(!model.account(4));
        std::swap(accounts[1], accounts[2]);   // a new order: the model resets
        model.setAccounts(accounts);
        QVERIFY(rowsMatch());
        model.setAccounts({});
        QCOMPARE(model.rowOf(1), -1);
    }

    // Each thing a row shows, changed alone, signals that row (and only it).
    void everyShownFieldSignalsItsRow_data()
    {
        QTest::addColumn<int>("field");
        for (int f = 0; f < int(fieldChanges().size()); ++f)
            QTest::addRow("%d", f) << f;
    }
    void everyShownFieldSignalsItsRow()
    {
        QFETCH(int, field);
        QList<Account> accounts{make(1, QStringLiteral("a")), shown(), make(3, QStringLiteral("c"))};
        AccountsModel model;
        model.setAccounts(accounts);
        RowMirror mirror(&model);
        fieldChanges()[field](accounts[1]);
        model.setAccounts(accounts);
        QCOMPARE(mirror.changed, (Ranges{{1, 1}}));
        QVERIFY(mirror.matches());
    }

    void randomChangesKeepTheRows()
    {
        QRandomGenerator random(24);
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RowMirror mirror(&model);
        QList<Account> accounts;
        qint64 next = 1;
        for (int round = 0; round < 300; ++round) {
            for (int k = random.bounded(4); k > 0 && !accounts.isEmpty(); --k)
                accounts.removeAt(random.bounded(int(accounts.size())));
            for (int k = random.bounded(4); k > 0; --k) {
                accounts.insert(random.bounded(int(accounts.size()) + 1), make(next, QStringLiteral("n%1").arg(next)));
                ++next;
            }
            QSet<qint64> touched;
            for (int k = random.bounded(4); k > 0 && !accounts.isEmpty(); --k) {
                Account &a = accounts[random.bounded(int(accounts.size()))];
                a.errorCount += 1;
                touched.insert(a.id());
            }
            mirror.clear();
            model.setAccounts(accounts);
            // Then a patch, as the service sends between whole lists: changes in place only.
            QList<Account> patch;
            for (int k = random.bounded(3); k > 0 && !accounts.isEmpty(); --k) {
                Account &a = accounts[random.bounded(int(accounts.size()))];
                a.requestCount += 1;
                touched.insert(a.id());
                patch.append(a);
            }
            QVERIFY(model.updateAccounts(patch).isEmpty());
            QCOMPARE(mirror.resets, 0);
            QCOMPARE(model.rowCount(), accounts.size());
            for (int row = 0; row < accounts.size(); ++row) {
                QCOMPARE(model.data(model.index(row, 0), AccountsModel::IdRole).toLongLong(), accounts.at(row).id());
                QCOMPARE(model.rowOf(accounts.at(row).id()), row);
            }
            QVERIFY(sameAccounts(model.accounts(), accounts));
            QVERIFY2(mirror.matches(), qPrintable(QString::number(round)));
            for (const auto &[first, last] : std::as_const(mirror.changed)) {
                for (int row = first; row <= last; ++row)
                    QVERIFY(touched.contains(accounts.at(row).id()));
            }
        }
    }
};

QTEST_MAIN(TestAccountsModel)
#include "tst_accountsmodel.moc"
