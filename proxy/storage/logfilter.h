#pragma once
// Which request log rows a query wants: a page (limit/offset, newest first) and optional filters
// by account, HTTP status (class or exact) and model.
#include <QMetaType>
#include <QString>

namespace kt {

struct LogFilter {
    int limit = 100;        // clamped to 1..1000
    int offset = 0;
    qint64 accountId = 0;   // 0: any account
    int status = 0;         // 0: any; 1..9: status class (2 = 2xx, 4 = 4xx, 5 = 5xx); otherwise the exact status
    QString model;          // exact model name; empty: any
};

} // namespace kt

Q_DECLARE_METATYPE(kt::LogFilter)
