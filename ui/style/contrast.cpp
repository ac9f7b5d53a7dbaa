#include "style/contrast.h"

#include <QGuiApplication>
#include <QPalette>
#include <QWidget>

#include <cmath>

namespace kt {

namespace {

double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

} // namespace

double Contrast::luminance(const QColor &color)
{
    const QColor c = color.toRgb();
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double Contrast::ratio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Contrast::readable(const QColor &hue, const QColor &background, double minimum)
{
    const bool darkBackground = luminance(background) < 0.18;
    QColor c = hue.toHsl();
    for (int step = 0; step < 40 && ratio(c, background) < minimum; ++step) {
        const double l = c.lightnessF() + (darkBackground ? 0.025 : -0.025);
        c.setHslF(c.hslHueF(), c.hslSaturationF(), std::clamp(l, 0.0, 1.0));
    }
    return c.toRgb();
}

QColor Contrast::onBase(const QColor &hue)
{
    return readable(hue, QGuiApplication::palette().color(QPalette::Base));
}

QColor Contrast::onWindow(const QColor &hue)
{
    return readable(hue, QGuiApplication::palette().color(QPalette::Window));
}

void Contrast::styleNotice(QWidget *widget)
{
    widget->setAutoFillBackground(true);
    widget->setBackgroundRole(QPalette::ToolTipBase);
    widget->setForegroundRole(QPalette::ToolTipText);
}

} // namespace kt
