#include "platform/translationloader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace kt {

QList<QPair<QString, QString>> TranslationLoader::languages()
{
    return {{QString(), QCoreApplication::translate("kt::TranslationLoader", "System language")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString TranslationLoader::resourcePath(const QString &language)
{
    return QStringLiteral(":/i18n/kirotray_%1.qm").arg(language);
}

QString TranslationLoader::resolve(const QString &override)
{
    if (!override.isEmpty())
        return QFileInfo::exists(resourcePath(override)) ? override : QStringLiteral("en");
    for (const QString &ui : QLocale::system().uiLanguages()) {
        QString name = ui;
        name.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (name.startsWith(QLatin1String("en")))
            return QStringLiteral("en");
        // zh, zh_CN, zh_Hans, zh_Hans_CN, zh_SG → Simplified Chinese; zh_TW/zh_HK/zh_Hant stay English.
        if (name == QLatin1String("zh") || name.startsWith(QLatin1String("zh_CN")) || name.startsWith(QLatin1String("zh_Hans"))
            || name.startsWith(QLatin1String("zh_SG")))
            return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

QString TranslationLoader::install(const QString &override)
{
    const QString language = resolve(override);
    auto *app = QCoreApplication::instance();
    auto *own = new QTranslator(app);
    if (own->load(resourcePath(language)))
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(app);
    if (language != QLatin1String("en") && qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return language;
}

} // namespace kt
