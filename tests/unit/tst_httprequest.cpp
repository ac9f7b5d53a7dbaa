// HttpRequest, what the routes read of a request: its method, its path (percent-decoded, as QUrl
// gives it) and query, header fields in any case, and its body.
#include "server/httprequest.h"

#include <QUrlQuery>
#include <QtTest>

using namespace kt;

namespace {

HttpRequest request(const QByteArray &head, const QByteArray &body = {})
{
    RequestHead parsed;
    QString problem;
    if (RequestHead::scan(head, &parsed, &problem) != RequestHead::Scan::Complete)
        qFatal("not a complete head: %s", qPrintable(problem));
    return HttpRequest(parsed, body);
}

} // namespace

class TestHttpRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void methods_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("method");
        QTest::newRow("GET") << QByteArray("GET") << int(HttpRequest::Method::Get);
        QTest::newRow("HEAD") << QByteArray("HEAD") << int(HttpRequest::Method::Head);
        QTest::newRow("POST") << QByteArray("POST") << int(HttpRequest::Method::Post);
        QTest::newRow("PUT") << QByteArray("PUT") << int(HttpRequest::Method::Put);
        QTest::newRow("DELETE") << QByteArray("DELETE") << int(HttpRequest::Method::Delete);
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << int(HttpRequest::Method::Options);
        QTest::newRow("PATCH") << QByteArray("PATCH") << int(HttpRequest::Method::Patch);
    }
    void methods()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, method);
        const HttpRequest r = request(name + " /v1/messages HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(int(r.method()), method);
        QCOMPARE(r.methodName(), name);
    }

    void pathAndQuery()
    {
        const HttpRequest r = request("GET /v1/models/claude%20sonnet%5B1m%5D?limit=5&state=ready%2Bcool HTTP/1.1\r\n\r\n");
        QCOMPARE(r.url().path(), QStringLiteral("/v1/models/claude sonnet[1m]"));
        const QUrlQuery query(r.url());
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("ready+cool"));
    }

    void fragmentIsNotPartOfThePath()
    {
        QCOMPARE(request("GET /health#top HTTP/1.1\r\n\r\n").url().path(), QStringLiteral("/health"));
        QCOMPARE(request("GET /health HTTP/1.1\r\n\r\n").url().hasQuery(), false);
    }

    void headerFieldsInAnyCase()
    {
        const HttpRequest r = request("POST / HTTP/1.1\r\nX-Api-Key: k1\r\nAuthorization: Bearer t\r\nx-api-key: second\r\n\r\n");
        QCOMPARE(r.value("x-api-key"), QByteArray("k1"));   // the first of that name
        QCOMPARE(r.value("X-API-KEY"), QByteArray("k1"));
        QCOMPARE(r.value("authorization"), QByteArray("Bearer t"));
        QVERIFY(r.value("Origin").isNull());
    }

    void bodyAsGiven()
    {
        const QByteArray body = "{\"model\":\"claude-sonnet-4-5\"}";
        const HttpRequest r = request("POST /v1/messages HTTP/1.0\r\nContent-Length: 29\r\n\r\n", body);
        QCOMPARE(r.body(), body);
        QCOMPARE(r.head().minorVersion, 0);
    }
};

QTEST_APPLESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
