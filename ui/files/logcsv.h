#pragma once
// Turns request log rows into CSV (RFC 4180: comma separated, CRLF, quoted when needed) for the
// Logs tab's export; cells that a spreadsheet would run as formulas are neutralised.
#include "storage/requestrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace kt {

class LogCsv
{
public:
    static QByteArray header();
    static QByteArray row(const RequestRecord &record);
    static QByteArray toCsv(const QList<RequestRecord> &records);   // header + rows, UTF-8
    static QString escape(const QString &cell);
    // Writes atomically (QSaveFile); returns an error naming the path, or empty.
    static QString write(const QString &path, const QList<RequestRecord> &records);
};

} // namespace kt
