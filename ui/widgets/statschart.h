#pragma once
// A small bar chart for the dashboard (Qt Charts): one category per hour or per account and one
// or more stacked series, restyled from the widget palette so it follows light and dark themes.
#include <QChartView>
#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

class QAbstractBarSeries;
class QCategoryAxis;
class QValueAxis;

namespace kt {

class StatsChart : public QChartView
{
    Q_OBJECT
public:
    struct Series {
        QString name;
        QColor color;
        QList<qreal> values;   // one per category
    };

    StatsChart(const QString &title, Qt::Orientation orientation, QWidget *parent = nullptr);

    void setData(const QStringList &categories, const QList<Series> &series);
    void setValueDecimals(int decimals);   // of the value axis labels; 0 (whole numbers) by default
    QStringList categories() const { return m_categories; }
    QList<Series> series() const { return m_series; }
    qreal total(int seriesIndex) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void updateCategoryAxis();
    void updateValueAxis(qreal maxStack);

    Qt::Orientation m_orientation;
    QStringList m_categories;
    QList<Series> m_series;
    int m_decimals = 0;
    // Made once and updated in place: axes removed from a shown chart leave their old drawing behind
    // in Qt Charts 6.4 (a stale "0 … 1" axis, or labels elided to "…").
    QAbstractBarSeries *m_bars = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QCategoryAxis *m_categoryAxis = nullptr;
};

} // namespace kt
