#pragma once
// A self-signed certificate for "localhost" made with the openssl command, for suites that run TLS
// over loopback. Empty when there is no TLS backend or no openssl command (the caller skips).
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

namespace kt::test {

struct TestCertificate
{
    QSslCertificate certificate;
    QSslKey key;
    QString skipReason;   // set when no certificate could be made

    static TestCertificate make()
    {
        TestCertificate made;
        if (!QSslSocket::supportsSsl()) {
            made.skipReason = QStringLiteral("no TLS backend");
            return made;
        }
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty()) {
            made.skipReason = QStringLiteral("the openssl command is needed to make a test certificate");
            return made;
        }
        QTemporaryDir dir;
        QProcess process;
        process.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                                QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost"),
                                QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                                QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
        process.waitForFinished(30000);
        const auto certificates = QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        if (process.exitCode() != 0 || certificates.size() != 1 || !keyFile.open(QIODevice::ReadOnly))
            return made;   // certificate stays null: the caller's QVERIFY fails
        made.certificate = certificates.first();
        made.key = QSslKey(&keyFile, QSsl::Ec);
        return made;
    }
};

} // namespace kt::test
