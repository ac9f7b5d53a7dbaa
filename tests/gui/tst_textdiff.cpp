// TextDiff: line diffs of small settings files, full and compacted around the changes.
#include "files/textdiff.h"

#include <QTest>

using namespace kt;

class TestTextDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffLines()
    {
        QCOMPARE(TextDiff::lines(QStringLiteral("a\nb\nc\n"), QStringLiteral("a\nB\nc\n")),
                 (QStringList{QStringLiteral("  a"), QStringLiteral("- b"), QStringLiteral("+ B"), QStringLiteral("  c")}));
        QCOMPARE(TextDiff::lines(QString(), QStringLiteral("x\n")), QStringList{QStringLiteral("+ x")});
        QCOMPARE(TextDiff::lines(QStringLiteral("x"), QString()), QStringList{QStringLiteral("- x")});
        QCOMPARE(TextDiff::lines(QStringLiteral("same\n"), QStringLiteral("same\n")), QStringList{QStringLiteral("  same")});
    }

    void insertionKeepsCommonLines()
    {
        const QStringList d = TextDiff::lines(QStringLiteral("{\n  \"a\": 1\n}\n"), QStringLiteral("{\n  \"a\": 1,\n  \"b\": 2\n}\n"));
        QCOMPARE(d.count(QStringLiteral("  {")), 1);
        QCOMPARE(d.count(QStringLiteral("  }")), 1);
        QVERIFY(d.contains(QStringLiteral("-   \"a\": 1")));
        QVERIFY(d.contains(QStringLiteral("+   \"a\": 1,")));
        QVERIFY(d.contains(QStringLiteral("+   \"b\": 2")));
    }

    void compactSkipsFarLines()
    {
        QStringList before;
        for (int i = 0; i < 20; ++i)
            before << QStringLiteral("line %1").arg(i);
        QStringList after = before;
        after[10] = QStringLiteral("changed");
        const QStringList c = TextDiff::compact(before.join(QLatin1Char('\n')), after.join(QLatin1Char('\n')), 1);
        QCOMPARE(c, (QStringList{QStringLiteral("  …"), QStringLiteral("  line 9"), QStringLiteral("- line 10"), QStringLiteral("+ changed"),
                                 QStringLiteral("  line 11"), QStringLiteral("  …")}));
        QCOMPARE(TextDiff::compact(QStringLiteral("a"), QStringLiteral("a")), QStringList{QStringLiteral("  …")});
    }
};

QTEST_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
