#pragma once
// Paints an account's quota as a bar: the used share filled in green (> 30 % left), yellow
// (10–30 %) or red (< 10 %), with "used / limit (n % left) · resets ..." written over it once, in
// the palette's text colour: the fill is the level's hue blended into the base colour just enough
// for that text to stay readable on it, in light and dark palettes alike.
#include <QColor>
#include <QStyledItemDelegate>

namespace kt {

class QuotaBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit QuotaBarDelegate(QObject *parent = nullptr);

    static constexpr int PreferredWidth = 220;   // the bar with an amount, what is left and the reset date

    // The fill colour for QuotaInfo::level() ("green", "yellow", "red"; anything else: grey).
    static QColor colorForLevel(const QString &level);
    // The painted fill: the level's hue over the palette's Base, readable under its Text.
    static QColor fillColor(const QString &level, const QPalette &palette);
    // The bar's outline: the palette's Mid where it stands out from the row (3:1, as WCAG asks of a
    // control's boundary), else Mid drawn toward Text until it does (a dark palette's Mid is near Base).
    static constexpr double OutlineContrast = 3.0;
    static QColor outlineColor(const QPalette &palette);
    // The bar rectangle inside a cell, and the part of it that is filled for `usedFraction`.
    static QRect barRect(const QRect &cell);
    static QRect filledRect(const QRect &cell, double usedFraction);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace kt
