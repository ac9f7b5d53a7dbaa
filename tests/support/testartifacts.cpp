#include "testartifacts.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>
#include <QTest>

namespace kt::test {

namespace {

QString executableFolder()
{
    const QString name = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
    const QString dir = QDir(TestArtifacts::root()).filePath(name.isEmpty() ? QStringLiteral("unknown") : name);
    QDir().mkpath(dir);
    return dir;
}

QMutex logMutex;
QFile *logFile = nullptr;
QtMessageHandler previousHandler = nullptr;

void logToFile(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        if (logFile) {
            logFile->write(qFormatLogMessage(type, context, message).toUtf8() + '\n');
            logFile->flush();
        }
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

QString TestArtifacts::root()
{
    return qEnvironmentVariable("KIROTRAY_TEST_ARTIFACTS");
}

QString TestArtifacts::dataDirTemplate(const QString &label)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    QString name = label.isEmpty() ? QStringLiteral("data") : label;
    name.replace(unsafe, QStringLiteral("_"));
    if (!keep())
        return QDir::temp().filePath(QStringLiteral("kirotray-%1-XXXXXX").arg(name));
    return QDir(executableFolder()).filePath(name.left(60) + QStringLiteral("-XXXXXX"));
}

void TestArtifacts::captureLog()
{
    if (!keep())
        return;
    QMutexLocker lock(&logMutex);
    if (logFile)
        return;
    logFile = new QFile(QDir(executableFolder()).filePath(QStringLiteral("%1.log").arg(QCoreApplication::applicationPid())));
    if (!logFile->open(QIODevice::Append | QIODevice::Text)) {
        delete logFile;
        logFile = nullptr;
        return;
    }
    previousHandler = qInstallMessageHandler(logToFile);
}

} // namespace kt::test
