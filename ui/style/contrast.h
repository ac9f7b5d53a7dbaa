#pragma once
// Text colours that stay readable whatever the palette (light, dark, system): WCAG 2 relative
// luminance and contrast ratio, a status hue (red for errors, green for active, ...) darkened or
// lightened just enough to reach 4.5:1 on a given background, and the palette roles a notice bar
// uses instead of fixed colours.
#include <QColor>

class QWidget;

namespace kt {

class Contrast
{
public:
    static constexpr double Readable = 4.5;   // WCAG AA for normal text

    static double luminance(const QColor &color);
    static double ratio(const QColor &a, const QColor &b);
    // `hue` itself when it reads on `background`, else the same hue darker (light background) or
    // lighter (dark background) until it does.
    static QColor readable(const QColor &hue, const QColor &background, double minimum = Readable);
    // `hue` readable on the application palette's Base (item views) or Window (labels).
    static QColor onBase(const QColor &hue);
    static QColor onWindow(const QColor &hue);
    // A highlighted notice strip (a label or a bar with a label and a button): the tooltip colours,
    // which every palette pairs for reading.
    static void styleNotice(QWidget *widget);

    // Status hues.
    static QColor error() { return QColor(0xd6, 0x45, 0x41); }
};

} // namespace kt
