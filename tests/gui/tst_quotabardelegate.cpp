// QuotaBarDelegate: the bar's colour at the level boundaries (31 %, 30 %, 10 %, 9 % remaining),
// as actually painted into an image, the filled width, and text readable on the fill and on the
// rest in light and dark palettes.
#include "itemmodels/accountsmodel.h"
#include "style/contrast.h"
#include "style/darkpalette.h"
#include "widgets/quotabardelegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>

#include <optional>

using namespace kt;

class TestQuotaBarDelegate : public QObject
{
    Q_OBJECT

private:
    static Account accountWithRemaining(double remainingPercent, qint64 id = 1)
    {
        Account a;
        a.credential.id = id;
        a.name = QStringLiteral("acc%1").arg(id);
        a.quota.known = true;
        a.quota.limit = 100;
        a.quota.used = 100 - remainingPercent;
        return a;
    }

    // Paints the quota cell of row 0 into a 300 x 30 image.
    static QImage paintedImage(const Account &account, const std::optional<QPalette> &palette = {})
    {
        AccountsModel model;
        model.setAccounts({account});
        QTableView view;   // gives the delegate a widget, style and palette as in the real table
        view.setModel(&model);
        QuotaBarDelegate delegate;
        QImage image(300, 30, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        if (palette)
            option.palette = *palette;
        option.rect = QRect(0, 0, 300, 30);
        option.state &= ~QStyle::State_Selected;
        const QModelIndex index = model.index(0, AccountsModel::QuotaColumn);
        delegate.paint(&painter, option, index);
        painter.end();
        return image;
    }

    static void paletteRows()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("default palette") << false;
        QTest::newRow("dark palette") << true;
    }

    // The colour at `xFraction` of the bar.
    static QColor paintedColor(const Account &account, double xFraction)
    {
        const QImage image = paintedImage(account);
        const QRect bar = QuotaBarDelegate::barRect(QRect(0, 0, 300, 30));
        // A row near the bar's bottom edge, below the text.
        const int x = bar.left() + int(bar.width() * xFraction);
        return image.pixelColor(x, bar.bottom() - 2);
    }

    static QColor fill(const QString &level)
    {
        return QuotaBarDelegate::fillColor(level, QApplication::palette());
    }

private Q_SLOTS:
    void levelsFollowTheSeedThresholds_data()
    {
        QTest::addColumn<double>("remaining");
        QTest::addColumn<QString>("level");
        QTest::newRow("31 % left") << 31.0 << "green";
        QTest::newRow("30 % left") << 30.0 << "yellow";
        QTest::newRow("10 % left") << 10.0 << "yellow";
        QTest::newRow("9 % left") << 9.0 << "red";
        QTest::newRow("100 % left") << 100.0 << "green";
        QTest::newRow("0 % left") << 0.0 << "red";
    }

    void levelsFollowTheSeedThresholds()
    {
        QFETCH(double, remaining);
        QFETCH(QString, level);
        const Account a = accountWithRemaining(remaining);
        AccountsModel model;
        model.setAccounts({a});
        QCOMPARE(model.data(model.index(0, AccountsModel::QuotaColumn), AccountsModel::QuotaLevelRole).toString(), level);
        // The used part of the bar (its first few pixels) is painted in the level's colour.
        if (remaining < 95.0)
            QCOMPARE(paintedColor(a, 0.02), fill(level));
    }

    void coloursAreDistinct()
    {
        const QColor green = QuotaBarDelegate::colorForLevel(QStringLiteral("green"));
        const QColor yellow = QuotaBarDelegate::colorForLevel(QStringLiteral("yellow"));
        const QColor red = QuotaBarDelegate::colorForLevel(QStringLiteral("red"));
        QVERIFY(green != yellow && yellow != red && green != red);
        QCOMPARE(QuotaBarDelegate::colorForLevel(QStringLiteral("unknown")), QuotaBarDelegate::colorForLevel(QStringLiteral("bogus")));
        QVERIFY(green.green() > green.red());
        QVERIFY(red.red() > red.green());
    }

    // The text is drawn once in the palette's Text colour: it must read on the fill and on the empty
    // part, in the default palette and in a dark one.
    void textReadsOnEveryFill_data() { paletteRows(); }

    void textReadsOnEveryFill()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? DarkPalette::palette() : QApplication::style()->standardPalette();
        const QColor text = palette.color(QPalette::Text);
        QVERIFY(Contrast::ratio(text, palette.color(QPalette::Base)) >= Contrast::Readable);
        for (const char *level : {"green", "yellow", "red", "unknown"}) {
            const QColor fill = QuotaBarDelegate::fillColor(QLatin1String(level), palette);
            QVERIFY2(Contrast::ratio(text, fill) >= Contrast::Readable, level);
            QVERIFY2(Contrast::ratio(fill, palette.color(QPalette::Base)) > 1.15, level);   // the fill still shows
        }
        if (dark)
            return;
        // Drawn once: no white text over the (red) fill any more, as the split drawing did.
        const QImage image = paintedImage(accountWithRemaining(5.0));
        const QRect bar = QuotaBarDelegate::barRect(QRect(0, 0, 300, 30)).adjusted(2, 2, -2, -2);
        for (int y = bar.top(); y <= bar.bottom(); ++y)
            for (int x = bar.left(); x <= bar.left() + bar.width() / 2; ++x)
                QVERIFY(image.pixelColor(x, y) != QColor(Qt::white));
    }

    // The outline shows the bar's extent where it is empty: 3:1 against the row in both palettes
    // (the dark palette's Mid is #282828 on a #2a2a2a base).
    void outlineStandsOutFromTheRow_data() { paletteRows(); }

    void outlineStandsOutFromTheRow()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? DarkPalette::palette() : QApplication::style()->standardPalette();
        const QImage image = paintedImage(accountWithRemaining(60.0), palette);
        const QRect bar = QuotaBarDelegate::barRect(QRect(0, 0, 300, 30));
        const QColor edge = image.pixelColor(bar.right() - 1, bar.top());   // the top edge, over the empty part
        QCOMPARE(edge, QuotaBarDelegate::outlineColor(palette));
        for (const QPalette::ColorRole row : {QPalette::Base, QPalette::AlternateBase})
            QVERIFY2(Contrast::ratio(edge, palette.color(row)) >= QuotaBarDelegate::OutlineContrast,
                     qPrintable(QStringLiteral("%1 on %2").arg(edge.name(), palette.color(row).name())));
    }

    void filledWidthIsTheUsedShare()
    {
        const QRect cell(0, 0, 208, 30);   // bar is 200 px wide
        QCOMPARE(QuotaBarDelegate::barRect(cell).width(), 200);
        QCOMPARE(QuotaBarDelegate::filledRect(cell, 0.0).width(), 0);
        QCOMPARE(QuotaBarDelegate::filledRect(cell, 0.25).width(), 50);
        QCOMPARE(QuotaBarDelegate::filledRect(cell, 1.0).width(), 200);
        QCOMPARE(QuotaBarDelegate::filledRect(cell, 7.0).width(), 200);    // clamped
        QCOMPARE(QuotaBarDelegate::filledRect(cell, -1.0).width(), 0);

        // 9 % left: the used part reaches past 90 % of the bar; the remaining end is not filled.
        const Account a = accountWithRemaining(9.0);
        QCOMPARE(paintedColor(a, 0.85), fill(QStringLiteral("red")));
        QVERIFY(paintedColor(a, 0.97) != fill(QStringLiteral("red")));
    }

    void unknownQuotaPaintsNoBar()
    {
        Account a = accountWithRemaining(50.0);
        a.quota.known = false;
        AccountsModel model;
        model.setAccounts({a});
        QVERIFY(!model.data(model.index(0, AccountsModel::QuotaColumn), AccountsModel::QuotaUsedFractionRole).isValid());
        for (const char *level : {"green", "yellow", "red"})
            QVERIFY(paintedColor(a, 0.02) != fill(QLatin1String(level)));
    }
};

QTEST_MAIN(TestQuotaBarDelegate)
#include "tst_quotabardelegate.moc"
