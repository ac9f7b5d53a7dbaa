#pragma once
// The Dashboard's usage by model: one row per Kiro model that served requests (requests, tokens,
// credits), busiest first, from the statistics' perServedModel.
#include "monitor/statssummary.h"

#include <QTableWidget>

namespace kt {

class ModelUsageTable : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { ModelColumn, RequestsColumn, TokensColumn, CreditsColumn, ColumnCount };

    explicit ModelUsageTable(QWidget *parent = nullptr);
    void setBuckets(const QList<ModelBucket> &buckets);
};

} // namespace kt
