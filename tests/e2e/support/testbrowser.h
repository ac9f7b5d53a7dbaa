#pragma once
// A test "browser" for sign-in flows: opens the authorize URL and follows the fake login page's
// redirect (or stops at it, to read where it points: kiro:// or a loopback address).
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrl>

#include <utility>

namespace kt::test {

struct TestBrowser {
    QNetworkAccessManager nam;
    // Returns the last status and the final URL (followRedirects) or the redirect's Location.
    std::pair<int, QUrl> open(const QString &url, bool followRedirects = true)
    {
        QNetworkRequest request{QUrl(url)};
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy : QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(20000))
            return {0, {}};
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl where = followRedirects ? reply->url() : QUrl(QString::fromLatin1(reply->rawHeader("Location")));
        reply->deleteLater();
        return {status, where};
    }
};

} // namespace kt::test
