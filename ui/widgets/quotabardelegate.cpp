#include "widgets/quotabardelegate.h"

#include "itemmodels/accountsmodel.h"
#include "style/contrast.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace kt {

QuotaBarDelegate::QuotaBarDelegate(QObject *parent) : QStyledItemDelegate(parent)
{
}

QColor QuotaBarDelegate::colorForLevel(const QString &level)
{
    if (level == QLatin1String("green"))
        return QColor(0x2e, 0x9d, 0x4f);
    if (level == QLatin1String("yellow"))
        return QColor(0xe0, 0xa8, 0x00);
    if (level == QLatin1String("red"))
        return QColor(0xd6, 0x45, 0x41);
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor QuotaBarDelegate::fillColor(const QString &level, const QPalette &palette)
{
    const QColor hue = colorForLevel(level);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor blend;
    for (double share = 0.6; share > 0.1; share -= 0.05) {
        const auto mix = [share](int from, int to) { return qRound(from + (to - from) * share); };
        blend = QColor(mix(base.red(), hue.red()), mix(base.green(), hue.green()), mix(base.blue(), hue.blue()));
        if (Contrast::ratio(text, blend) >= Contrast::Readable)
            break;
    }
    return blend;
}

QColor QuotaBarDelegate::outlineColor(const QPalette &palette)
{
    const QColor mid = palette.color(QPalette::Mid);
    const QColor text = palette.color(QPalette::Text);
    const auto standsOut = [&palette](const QColor &c) {
        return std::min(Contrast::ratio(c, palette.color(QPalette::Base)), Contrast::ratio(c, palette.color(QPalette::AlternateBase)))
               >= OutlineContrast;
    };
    QColor outline = mid;
    for (double share = 0.05; !standsOut(outline) && share < 1.0; share += 0.05) {
        const auto mix = [share](int from, int to) { return qRound(from + (to - from) * share); };
        outline = QColor(mix(mid.red(), text.red()), mix(mid.green(), text.green()), mix(mid.blue(), text.blue()));
    }
    return standsOut(outline) ? outline : text;
}

QRect QuotaBarDelegate::barRect(const QRect &cell)
{
    return cell.adjusted(4, 3, -4, -3);
}

QRect QuotaBarDelegate::filledRect(const QRect &cell, double usedFraction)
{
    const QRect bar = barRect(cell);
    const int width = int(bar.width() * std::clamp(usedFraction, 0.0, 1.0) + 0.5);
    return QRect(bar.left(), bar.top(), width, bar.height());
}

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // Selection background and focus frame from the style, the bar on top.
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant fraction = index.data(AccountsModel::QuotaUsedFractionRole);
    const QRect bar = barRect(option.rect);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QPalette &pal = option.palette;
    painter->setPen(outlineColor(pal));
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRect(bar.adjusted(0, 0, -1, -1));
    const QRect textRect = bar.adjusted(6, 0, -6, 0);
    const QString shown = opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width());
    const int flags = Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine;
    painter->setFont(opt.font);
    if (fraction.isValid()) {
        const QRect filled = filledRect(option.rect, fraction.toDouble()).adjusted(1, 1, 0, -1);
        painter->fillRect(filled, fillColor(index.data(AccountsModel::QuotaLevelRole).toString(), pal));
    }
    // Over Base and the fill alike (also in a selected row, whose bar keeps its Base inside).
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(textRect, flags, shown);
    painter->restore();
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    size.setWidth(std::max(size.width() + 16, PreferredWidth));
    return size;
}

} // namespace kt
