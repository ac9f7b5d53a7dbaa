#include "itemmodels/logsmodel.h"

#include "style/contrast.h"

#include <QColor>
#include <QCoreApplication>
#include <QLocale>

namespace kt {

namespace {

bool isError(const RequestRecord &r)
{
    return r.status >= 400 || r.status == 0;
}

QString duration(qint64 ms)
{
    if (ms < 1000)
        return QCoreApplication::translate("kt::LogsModel", "%1 ms").arg(ms);
    return QCoreApplication::translate("kt::LogsModel", "%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

} // namespace

LogsModel::LogsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void LogsModel::setRecords(const QList<RequestRecord> &records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

const RequestRecord *LogsModel::record(int row) const
{
    return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
}

QString LogsModel::details(const RequestRecord &r)
{
    QStringList lines;
    if (!r.error.isEmpty())
        lines << tr("Error: %1").arg(r.error) << QString();
    lines << tr("Time: %1").arg(QLocale().toString(r.time.toLocalTime(), QLocale::LongFormat));
    lines << tr("Request: %1 %2").arg(r.method, r.path);
    if (r.face != QLatin1String("anthropic") && !r.face.isEmpty())
        lines << tr("API: %1").arg(r.face == QLatin1String("openai-chat") ? QStringLiteral("OpenAI Chat Completions")
                                   : r.face == QLatin1String("openai-responses") ? QStringLiteral("OpenAI Responses") : r.face);
    lines << tr("Account: %1").arg(r.accountId ? QStringLiteral("%1 (#%2)").arg(r.accountName).arg(r.accountId) : tr("none"));
    lines << tr("Model: %1").arg(r.model.isEmpty() ? QStringLiteral("—") : r.model);
    lines << tr("Served by: %1").arg(r.servedModel.isEmpty() ? QStringLiteral("—") : r.servedModel);
    if (!r.conversation.isEmpty())
        lines << tr("Conversation: %1").arg(r.conversation);
    lines << tr("Streamed: %1").arg(r.stream ? tr("yes") : tr("no"));
    lines << tr("Status: %1").arg(r.status == 499 ? tr("499 (the client went away)") : QString::number(r.status));
    lines << tr("Tokens: %1 in, %2 out").arg(r.inputTokens).arg(r.outputTokens);
    lines << tr("Duration: %1").arg(duration(r.durationMs));
    if (r.ttfbMs >= 0)
        lines << tr("First byte after: %1").arg(duration(r.ttfbMs));
    lines << tr("Upstream attempts: %1").arg(r.attempts);
    if (r.webSearches > 0)
        lines << tr("Web searches: %1").arg(r.webSearches);
    lines << tr("Credits: %1").arg(QLocale().toString(r.credits, 'g', 6));
    return lines.join(QLatin1Char('\n'));
}

int LogsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int LogsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogsModel::data(const QModelIndex &index, int role) const
{
    const RequestRecord *r = record(index.row());
    if (!r)
        return {};
    const int column = index.column();
    if (role == Qt::ForegroundRole && column == StatusColumn && isError(*r))
        return Contrast::onBase(Contrast::error());
    if (role == Qt::TextAlignmentRole && column >= StatusColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && !r->error.isEmpty())
        return r->error;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TimeColumn: {
        const QDateTime local = r->time.toLocalTime();
        return local.date() == QDate::currentDate() ? local.time().toString(QStringLiteral("HH:mm:ss"))
                                                    : local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case AccountColumn: return r->accountId ? r->accountName : QStringLiteral("—");
    case ModelColumn: return r->model;
    case StreamColumn: return r->stream ? tr("stream") : tr("non-stream");
    case ServedModelColumn: return r->servedModel.isEmpty() ? QStringLiteral("—") : r->servedModel;
    case ConversationColumn: return r->conversation.isEmpty() ? QStringLiteral("—") : r->conversation.left(8);
    case StatusColumn: return r->status;
    case InputColumn: return r->inputTokens;
    case OutputColumn: return r->outputTokens;
    case SearchesColumn: return r->webSearches;
    case CreditsColumn: return QLocale().toString(r->credits, 'g', 4);
    case DurationColumn: return duration(r->durationMs);
    default: return {};
    }
}

QVariant LogsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case AccountColumn: return tr("Account");
    case ModelColumn: return tr("Model");
    case ServedModelColumn: return tr("Served by");
    case StreamColumn: return tr("Mode");
    case ConversationColumn: return tr("Conversation");
    case StatusColumn: return tr("Status");
    case InputColumn: return tr("In tokens");
    case OutputColumn: return tr("Out tokens");
    case SearchesColumn: return tr("Searches");
    case CreditsColumn: return tr("Credits");
    case DurationColumn: return tr("Duration");
    default: return {};
    }
}

} // namespace kt
