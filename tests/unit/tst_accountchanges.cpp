// The rules for an edit of an account, shared by the management API and the tray UI.
#include "accounts/accountchanges.h"

#include <QTest>

using namespace kt;

class TestAccountChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problems_data()
    {
        QTest::addColumn<QVariant>("name");
        QTest::addColumn<QVariant>("priority");
        QTest::addColumn<QString>("problem");   // a part of it; empty = accepted
        QTest::newRow("nothing") << QVariant() << QVariant() << "nothing to change";
        QTest::newRow("name") << QVariant(QStringLiteral("Work")) << QVariant() << "";
        QTest::newRow("name padded") << QVariant(QStringLiteral("  Work  ")) << QVariant() << "";
        QTest::newRow("name 200") << QVariant(QString(200, QLatin1Char('x'))) << QVariant() << "";
        QTest::newRow("name 201") << QVariant(QString(201, QLatin1Char('x'))) << QVariant() << "field 'name'";
        QTest::newRow("name blank") << QVariant(QStringLiteral("   ")) << QVariant() << "field 'name'";
        QTest::newRow("name newline") << QVariant(QStringLiteral("a\nb")) << QVariant() << "field 'name'";
        QTest::newRow("priority 0") << QVariant() << QVariant(0) << "";
        QTest::newRow("priority max") << QVariant() << QVariant(AccountChanges::MaxPriority) << "";
        QTest::newRow("priority over") << QVariant() << QVariant(AccountChanges::MaxPriority + 1) << "field 'priority'";
        QTest::newRow("priority negative") << QVariant() << QVariant(-1) << "field 'priority'";
    }

    void problems()
    {
        QFETCH(QVariant, name);
        QFETCH(QVariant, priority);
        QFETCH(QString, problem);
        AccountChanges c;
        if (name.isValid())
            c.name = name.toString();
        if (priority.isValid())
            c.priority = priority.toInt();
        if (problem.isEmpty())
            QCOMPARE(c.problem(), QString());
        else
            QVERIFY2(c.problem().contains(problem), qPrintable(c.problem()));
    }

    void overageAloneIsAChange()
    {
        AccountChanges c;
        c.overageEnabled = false;
        QCOMPARE(c.problem(), QString());
    }
};

QTEST_GUILESS_MAIN(TestAccountChanges)
#include "tst_accountchanges.moc"
