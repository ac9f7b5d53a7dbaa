#pragma once
// Chooses the interface language (the system's, unless Settings overrides it) and installs the
// embedded KiroTray translation plus Qt's own, so standard buttons and dialogs match.
#include <QList>
#include <QPair>
#include <QString>

class QTranslator;

namespace kt {

class TranslationLoader
{
public:
    // (code, native name) of the languages shipped; code "" means "the system's language".
    static QList<QPair<QString, QString>> languages();
    // The language that will be used for `override` ("" = system): a shipped code, else "en".
    static QString resolve(const QString &override);
    // Installs the translators on the application; returns the language code in use.
    static QString install(const QString &override);
    static QString resourcePath(const QString &language);   // ":/i18n/kirotray_<code>.qm"
};

} // namespace kt
