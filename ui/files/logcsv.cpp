#include "files/logcsv.h"

#include <QSaveFile>
#include <QStringList>

namespace kt {

QString LogCsv::escape(const QString &cell)
{
    QString value = cell;
    // A leading = + - @ makes Excel and LibreOffice evaluate the cell; an error message may start so.
    if (!value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.front()))
        value.prepend(QLatin1Char('\''));
    const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
        || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')) || value != value.trimmed();
    if (!quote)
        return value;
    value.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + value + QLatin1Char('"');
}

QByteArray LogCsv::header()
{
    return QByteArrayLiteral("time,method,path,account_id,account,model,stream,status,input_tokens,output_tokens,"
                             "duration_ms,ttfb_ms,attempts,web_searches,credits,conversation,error\r\n");
}

QByteArray LogCsv::row(const RequestRecord &r)
{
    const QStringList cells = {
        r.time.toUTC().toString(Qt::ISODateWithMs),
        r.method,
        r.path,
        QString::number(r.accountId),
        r.accountName,
        r.model,
        r.stream ? QStringLiteral("true") : QStringLiteral("false"),
        QString::number(r.status),
        QString::number(r.inputTokens),
        QString::number(r.outputTokens),
        QString::number(r.durationMs),
        r.ttfbMs >= 0 ? QString::number(r.ttfbMs) : QString(),
        QString::number(r.attempts),
        QString::number(r.webSearches),
        QString::number(r.credits, 'g', 10),
        r.conversation,
        r.error,
    };
    QStringList escaped;
    escaped.reserve(cells.size());
    for (const QString &c : cells)
        escaped.append(escape(c));
    return escaped.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QByteArray LogCsv::toCsv(const QList<RequestRecord> &records)
{
    QByteArray out = header();
    for (const RequestRecord &r : records)
        out += row(r);
    return out;
}

QString LogCsv::write(const QString &path, const QList<RequestRecord> &records)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    file.write(toCsv(records));
    if (!file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace kt
