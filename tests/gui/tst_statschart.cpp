// StatsChart on a shown chart: new data updates the one series and the two axes it was made with
// (Qt Charts 6.4 leaves a removed axis's old drawing on a shown chart), with one label per
// non-empty category at its bar's position, and a value axis that covers the highest stack.
#include "widgets/statschart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QTest>
#include <QValueAxis>

using namespace kt;

class TestStatsChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void updatesInPlaceWhileShown()
    {
        StatsChart chart(QStringLiteral("Requests per account"), Qt::Horizontal);
        chart.resize(480, 200);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QList<QAbstractAxis *> axesBefore = chart.chart()->axes();
        const QList<QAbstractSeries *> seriesBefore = chart.chart()->series();
        QCOMPARE(axesBefore.size(), 2);
        QCOMPARE(seriesBefore.size(), 1);
        QCOMPARE(chart.chart()->legend()->alignment(), Qt::AlignRight);

        chart.setData({QStringLiteral("A"), QStringLiteral("B")},
                      {{QStringLiteral("ok"), Qt::blue, {5, 2}}, {QStringLiteral("failed"), Qt::red, {1, 0}}});
        QCOMPARE(chart.chart()->axes(), axesBefore);
        QCOMPARE(chart.chart()->series(), seriesBefore);
        auto *categories = qobject_cast<QCategoryAxis *>(chart.chart()->axes(Qt::Vertical).value(0));
        QVERIFY(categories);
        QCOMPARE(categories->categoriesLabels(), QStringList({QStringLiteral("A"), QStringLiteral("B")}));
        QCOMPARE(categories->endValue(QStringLiteral("B")), 1.0);
        auto *values = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(values);
        QVERIFY(values->max() >= 6);

        QStringList hours;
        QList<qreal> counts;
        for (int h = 0; h < 24; ++h) {
            hours << (h % 3 == 0 ? QStringLiteral("%1:00").arg(h, 2, 10, QLatin1Char('0')) : QString());
            counts << h;
        }
        chart.setData(hours, {{QStringLiteral("ok"), Qt::blue, counts}});
        QCOMPARE(chart.chart()->axes(), axesBefore);
        QCOMPARE(categories->categoriesLabels().size(), 8);
        QCOMPARE(categories->endValue(QStringLiteral("21:00")), 21.0);
        QCOMPARE(categories->min(), -0.5);
        QCOMPARE(categories->max(), 23.5);
        QVERIFY(values->max() >= 23);
        QCOMPARE(chart.total(0), 276.0);
    }
};

QTEST_MAIN(TestStatsChart)
#include "tst_statschart.moc"
