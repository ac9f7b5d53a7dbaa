#include "server/requesthead.h"

#include <string_view>

namespace kt {

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// The methods the routes know (HttpRequest::Method); anything else is not a request for us.
bool isMethodPrefix(QByteArrayView word, bool complete)
{
    static const QByteArrayView methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    for (QByteArrayView m : methods) {
        if (complete ? word == m : m.startsWith(word))
            return true;
    }
    return false;
}

// Checks a request line, or the part of it that has arrived, and fills method, target and version.
QString checkRequestLine(QByteArrayView line, bool complete, RequestHead *head)
{
    const QString notHttp = QStringLiteral("not an HTTP/1.x request");
    qsizetype i = 0;
    while (i < line.size() && isTokenChar(line[i]))
        ++i;
    if (!isMethodPrefix(line.first(i), false))
        return notHttp;
    if (i == line.size() && !complete)
        return {};
    if (i == line.size() || line[i] != ' ' || !isMethodPrefix(line.first(i), true))
        return notHttp;
    head->method = line.first(i).toByteArray();
    const qsizetype targetStart = ++i;
    while (i < line.size() && uchar(line[i]) > 0x20 && line[i] != 0x7f)
        ++i;
    if (i == line.size())
        return complete ? notHttp : QString();
    if (i == targetStart || line[i] != ' ')
        return notHttp;
    head->target = line.sliced(targetStart, i - targetStart).toByteArray();
    const QByteArrayView version = line.sliced(i + 1);
    static const QByteArrayView http1 = "HTTP/1.";
    if (!complete && version.size() <= http1.size())
        return http1.startsWith(version) ? QString() : notHttp;
    if (version.size() != http1.size() + 1 || !version.startsWith(http1) || version.back() < '0' || version.back() > '9')
        return notHttp;
    head->minorVersion = version.back() - '0';
    return {};
}

QString checkField(QByteArrayView line, bool complete, RequestHead *head)
{
    qsizetype colon = 0;
    while (colon < line.size() && isTokenChar(line[colon]))
        ++colon;
    if (colon == line.size())
        return complete ? QStringLiteral("malformed header field") : QString();
    if (colon == 0 || line[colon] != ':')
        return QStringLiteral("malformed header field");
    if (complete)
        head->fields.append(qMakePair(line.first(colon).toByteArray().toLower(), line.sliced(colon + 1).trimmed().toByteArray()));
    return {};
}

QString checkFraming(RequestHead *head)
{
    bool seen = false;
    for (const auto &[name, value] : std::as_const(head->fields)) {
        if (name == "transfer-encoding") {
            head->chunked = true;
        } else if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })
                || (seen && length != head->contentLength))
                return QStringLiteral("invalid Content-Length");
            head->contentLength = length;
            seen = true;
        }
    }
    return {};
}

} // namespace

RequestHead::Scan RequestHead::scan(const QByteArray &bytes, RequestHead *head, QString *problem)
{
    *head = RequestHead();
    qsizetype start = 0;
    for (bool firstLine = true;; firstLine = false) {
        const qsizetype newline = bytes.indexOf('\n', start);
        const bool complete = newline >= 0;
        QByteArrayView line = complete ? QByteArrayView(bytes).sliced(start, newline - start) : QByteArrayView(bytes).sliced(start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (complete && line.isEmpty() && !firstLine) {
            head->length = newline + 1;
            *problem = checkFraming(head);
            return problem->isEmpty() ? Scan::Complete : Scan::Invalid;
        }
        if (!firstLine && !line.isEmpty() && (line[0] == ' ' || line[0] == '\t'))
            *problem = QStringLiteral("folded header lines are not allowed");
        else
            *problem = firstLine ? checkRequestLine(line, complete, head) : checkField(line, complete, head);
        if (!problem->isEmpty())
            return Scan::Invalid;
        if (!complete)
            return Scan::Incomplete;
        start = newline + 1;
    }
}

QByteArray RequestHead::value(QByteArrayView name) const
{
    for (const auto &[field, value] : fields) {
        if (field.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RequestHead::keepAlive() const
{
    bool close = false, keepAlive = false;
    for (const auto &[name, value] : fields) {
        if (name != "connection")
            continue;
        for (const QByteArray &option : value.split(',')) {
            const QByteArray o = option.trimmed().toLower();
            close = close || o == "close";
            keepAlive = keepAlive || o == "keep-alive";
        }
    }
    return !close && (minorVersion >= 1 || keepAlive);
}

bool RequestHead::expectsContinue() const
{
    return minorVersion >= 1 && value("expect").toLower() == "100-continue";
}

QByteArray RequestHead::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

} // namespace kt
