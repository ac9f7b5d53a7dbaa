#include "widgets/statschart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace kt {

StatsChart::StatsChart(const QString &title, Qt::Orientation orientation, QWidget *parent)
    : QChartView(new QChart, parent), m_orientation(orientation)
{
    // Constructed with its chart: QChartView() would create a default one that setChart() leaks.
    QChart *chart = this->chart();
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 200);
    setAccessibleName(title);
    rebuild();
}

qreal StatsChart::total(int seriesIndex) const
{
    if (seriesIndex < 0 || seriesIndex >= m_series.size())
        return 0;
    qreal sum = 0;
    for (qreal v : m_series.at(seriesIndex).values)
        sum += v;
    return sum;
}

void StatsChart::setData(const QStringList &categories, const QList<Series> &series)
{
    m_categories = categories;
    m_series = series;
    rebuild();
}

void StatsChart::setValueDecimals(int decimals)
{
    m_decimals = std::clamp(decimals, 0, 6);
    rebuild();
}

void StatsChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

void StatsChart::rebuild()
{
    QChart *c = chart();
    c->removeAllSeries();
    // removeAxis() hands the axis back to us; removeAllSeries() already deleted the series.
    const QList<QAbstractAxis *> axes = c->axes();
    for (QAbstractAxis *axis : axes) {
        c->removeAxis(axis);
        delete axis;
    }

    const QPalette pal = palette();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(pal.color(QPalette::Text));
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    c->legend()->setVisible(m_series.size() > 1);

    QAbstractBarSeries *bars = m_orientation == Qt::Vertical ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                                             : new QHorizontalStackedBarSeries;
    qreal maxStack = 0;
    QList<qreal> stacks(m_categories.size(), 0);
    for (const Series &s : std::as_const(m_series)) {
        auto *set = new QBarSet(s.name);
        set->setColor(s.color);
        set->setBorderColor(s.color);
        for (qsizetype i = 0; i < m_categories.size(); ++i) {
            const qreal v = i < s.values.size() ? s.values.at(i) : 0;
            set->append(v);
            stacks[i] += v;
        }
        bars->append(set);
    }
    for (qreal v : std::as_const(stacks))
        maxStack = std::max(maxStack, v);
    bars->setBarWidth(0.8);
    c->addSeries(bars);

    // Few categories: one label each. Many (24 hours): a bar-category axis would elide every label
    // to "…", so a value axis carries the non-empty labels at their bars' positions instead.
    QAbstractAxis *categoryAxis = nullptr;
    if (m_categories.size() <= 12) {
        auto *axis = new QBarCategoryAxis;
        axis->append(m_categories.isEmpty() ? QStringList{QStringLiteral(" ")} : m_categories);
        categoryAxis = axis;
    } else {
        auto *axis = new QCategoryAxis;
        axis->setRange(-0.5, qreal(m_categories.size()) - 0.5);
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (qsizetype i = 0; i < m_categories.size(); ++i) {
            if (!m_categories.at(i).isEmpty())
                axis->append(m_categories.at(i), qreal(i));
        }
        categoryAxis = axis;
    }
    categoryAxis->setLabelsBrush(pal.color(QPalette::Text));
    categoryAxis->setGridLineVisible(false);
    auto *valueAxis = new QValueAxis;
    valueAxis->setLabelFormat(QStringLiteral("%.%1f").arg(m_decimals));
    valueAxis->setRange(0, maxStack > 0 ? maxStack : 1);
    valueAxis->setTickCount(maxStack >= 4 ? 5 : 2);
    valueAxis->applyNiceNumbers();
    valueAxis->setLabelsBrush(pal.color(QPalette::Text));
    valueAxis->setGridLineColor(pal.color(QPalette::Midlight));
    const bool vertical = m_orientation == Qt::Vertical;
    c->addAxis(categoryAxis, vertical ? Qt::AlignBottom : Qt::AlignLeft);
    c->addAxis(valueAxis, vertical ? Qt::AlignLeft : Qt::AlignBottom);
    bars->attachAxis(categoryAxis);
    bars->attachAxis(valueAxis);
}

} // namespace kt
