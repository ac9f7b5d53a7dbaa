#include "widgets/statschart.h"

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
    const bool vertical = orientation == Qt::Vertical;
    // Beside a horizontal chart: below it, the legend took the height its value labels need when
    // the dashboard is short, and they were elided to "…".
    chart->legend()->setAlignment(vertical ? Qt::AlignBottom : Qt::AlignRight);
    m_bars = vertical ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries) : new QHorizontalStackedBarSeries;
    m_bars->setBarWidth(0.8);
    chart->addSeries(m_bars);
    m_valueAxis = new QValueAxis;
    chart->addAxis(m_valueAxis, vertical ? Qt::AlignLeft : Qt::AlignBottom);
    m_bars->attachAxis(m_valueAxis);
    m_categoryAxis = new QCategoryAxis;
    m_categoryAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_categoryAxis->setGridLineVisible(false);
    chart->addAxis(m_categoryAxis, vertical ? Qt::AlignBottom : Qt::AlignLeft);
    m_bars->attachAxis(m_categoryAxis);
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
    const QPalette pal = palette();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(pal.color(QPalette::Text));
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    c->legend()->setVisible(m_series.size() > 1);

    m_bars->clear();
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
        m_bars->append(set);
    }
    updateCategoryAxis();
    updateValueAxis(stacks.isEmpty() ? 0 : *std::max_element(stacks.cbegin(), stacks.cend()));
}

// A value axis carrying each non-empty label at its bar's position: a bar-category axis would elide
// every label to "…" with many categories (24 hours), and one axis for both keeps it made once.
void StatsChart::updateCategoryAxis()
{
    for (const QString &label : m_categoryAxis->categoriesLabels())
        m_categoryAxis->remove(label);
    m_categoryAxis->setRange(-0.5, qreal(std::max<qsizetype>(m_categories.size(), 1)) - 0.5);
    m_categoryAxis->setLabelsBrush(palette().color(QPalette::Text));
    for (qsizetype i = 0; i < m_categories.size(); ++i) {
        if (!m_categories.at(i).isEmpty())
            m_categoryAxis->append(m_categories.at(i), qreal(i));
    }
}

void StatsChart::updateValueAxis(qreal maxStack)
{
    const QPalette pal = palette();
    m_valueAxis->setLabelFormat(QStringLiteral("%.%1f").arg(m_decimals));
    m_valueAxis->setRange(0, maxStack > 0 ? maxStack : 1);
    m_valueAxis->setTickCount(maxStack >= 4 ? 5 : 2);
    m_valueAxis->applyNiceNumbers();
    m_valueAxis->setLabelsBrush(pal.color(QPalette::Text));
    m_valueAxis->setGridLineColor(pal.color(QPalette::Midlight));
}

} // namespace kt
