#pragma once
// The head of one HTTP/1.x request (request line and header fields), checked as strictly as it
// arrives: bytes that are not HTTP are recognised by the first one that cannot belong to a request.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace kt {

struct RequestHead
{
    enum class Scan { Incomplete, Complete, Invalid };

    QByteArray method;
    QByteArray target;
    int minorVersion = 1;                         // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> fields;  // names in lower case, values trimmed
    qsizetype length = 0;                         // bytes up to and including the blank line
    qint64 contentLength = 0;
    bool chunked = false;                         // any Transfer-Encoding

    // Reads the head at the start of bytes (what has arrived so far). Invalid sets *problem.
    static Scan scan(const QByteArray &bytes, RequestHead *head, QString *problem);

    QByteArray value(QByteArrayView name) const;   // the first field of that name, in any case
    bool keepAlive() const;         // RFC 9112 §9.3: HTTP/1.1 unless "close", HTTP/1.0 only with "keep-alive"
    bool expectsContinue() const;   // Expect: 100-continue on HTTP/1.1
    QByteArray path() const;        // the target without its query
};

} // namespace kt
