// The Chinese translation is complete: every string the sources mark for translation (lupdate run
// now over ui/ and app/) has a finished translation keeping its placeholders, and the embedded
// .qm really translates the interface.
#include "platform/translationloader.h"
#include "platform/uiresources.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace kt;

namespace {

struct TsMessage {
    QString context, source, translation;
    QStringList numerusForms;
    QString type;   // "" (finished), "unfinished", "vanished", "obsolete"
};

QList<TsMessage> parseTs(const QString &path, QString *error)
{
    QList<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("context"))
                context.clear();
            else if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("message"))
                current = TsMessage{context, {}, {}, {}, {}};
            else if (xml.name() == QLatin1String("source"))
                current.source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
                    current.translation = xml.text().toString();
            } else if (xml.name() == QLatin1String("numerusform"))
                current.numerusForms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QString m_tsPath = QStringLiteral(KIROTRAY_SOURCE_DIR "/translations/kirotray_zh_CN.ts");

    void checkComplete(const QString &path)
    {
        QString error;
        const QList<TsMessage> messages = parseTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 200);
        QStringList problems;
        for (const TsMessage &m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                continue;
            if (m.type == QLatin1String("unfinished")) {
                problems << QStringLiteral("unfinished: ") + where;
                continue;
            }
            const QStringList texts = m.numerusForms.isEmpty() ? QStringList{m.translation} : m.numerusForms;
            for (const QString &t : texts) {
                if (t.trimmed().isEmpty())
                    problems << QStringLiteral("empty: ") + where;
                else if (placeholders(t) != placeholders(m.source))
                    problems << QStringLiteral("placeholders differ: ") + where + QStringLiteral(" → ") + t;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void checkedInFileIsComplete()
    {
        checkComplete(m_tsPath);
        QVERIFY(QFile::exists(QStringLiteral(KIROTRAY_SOURCE_DIR "/translations/kirotray_en.ts")));
    }

    // New strings in the sources that the .ts file lacks show up as unfinished after an update.
    void sourcesHaveNoUntranslatedStrings()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("kirotray_zh_CN.ts"));
        QVERIFY(QFile::copy(m_tsPath, copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(LUPDATE_EXECUTABLE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral(KIROTRAY_SOURCE_DIR "/ui"), QStringLiteral(KIROTRAY_SOURCE_DIR "/app/main.cpp"),
                       QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(60000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        checkComplete(copy);
    }

    void embeddedTranslationWorks()
    {
        initUiResources();
        QVERIFY(QFile::exists(TranslationLoader::resourcePath(QStringLiteral("zh_CN"))));
        QCOMPARE(TranslationLoader::resolve(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(TranslationLoader::resolve(QStringLiteral("xx")), QStringLiteral("en"));
        QTranslator translator;
        QVERIFY(translator.load(TranslationLoader::resourcePath(QStringLiteral("zh_CN"))));
        QCoreApplication::installTranslator(&translator);
        const QString quit = QCoreApplication::translate("kt::TrayController", "&Quit");
        QVERIFY2(quit != QStringLiteral("&Quit") && !quit.isEmpty(), qPrintable(quit));
        const QString running = QCoreApplication::translate("kt::TrayStatus", "Running on %1").arg(QStringLiteral("X"));
        QVERIFY2(running.contains(QStringLiteral("X")) && !running.startsWith(QStringLiteral("Running")), qPrintable(running));
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
