#include "widgets/modelusagetable.h"

#include <QHeaderView>
#include <QLocale>

namespace kt {

namespace {

QTableWidgetItem *makeCell(const QString &text, bool number)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return cell;
}

} // namespace

ModelUsageTable::ModelUsageTable(QWidget *parent) : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Model"), tr("Requests"), tr("Tokens"), tr("Credits")});
    setAccessibleName(tr("Usage by model"));
    verticalHeader()->hide();
    // Rows as tall as the text, like the Logs table: the style's default showed two and a half
    // models in the Dashboard's box at the default window size, now three and a half.
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setMinimumWidth(280);
}

void ModelUsageTable::setBuckets(const QList<ModelBucket> &buckets)
{
    const QLocale locale;
    setRowCount(int(buckets.size()));
    for (int row = 0; row < buckets.size(); ++row) {
        const ModelBucket &b = buckets.at(row);
        setItem(row, ModelColumn, makeCell(b.model, false));
        setItem(row, RequestsColumn, makeCell(locale.toString(b.requests), true));
        setItem(row, TokensColumn, makeCell(locale.toString(b.tokens), true));
        setItem(row, CreditsColumn, makeCell(locale.toString(b.credits, 'f', 2), true));
    }
}

} // namespace kt
