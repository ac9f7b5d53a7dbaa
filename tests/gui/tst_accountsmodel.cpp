// AccountsModel: rows and columns from accounts, state texts, and that edits are emitted as
// requests (enable, rename, priority) instead of being applied locally; bad edits are refused.
#include "itemmodels/accountsmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace kt;

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
        model.setAccounts({make(1, QStringLiteral("a"))});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestAccountsModel)
#include "tst_accountsmodel.moc"
