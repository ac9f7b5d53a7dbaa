#pragma once
// The Settings tab: listen address, API key (hidden; show, copy, regenerate), upstream region,
// Kiro version and proxy, start at login / on launch, language, and where secrets are kept.
// Proxy settings are saved to config.json and apply after a proxy restart, which it offers.
#include "config/config.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace kt {

class ServiceMonitor;
class UiSettings;

class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    SettingsPage(ServiceMonitor *monitor, QWidget *parent = nullptr);
    ~SettingsPage() override;

    void loadFromService();               // fills the form from the running service's config
    void onServiceReplaced();             // after a restart: reload, the notice goes away
    QJsonObject changes() const;          // config.json keys that differ from the running config
    QString save();                       // writes config.json; error or empty
    QString regenerateApiKey(bool confirmed);
    bool restartNeeded() const;

    // "keychain" | "file" | "" (not known yet), from <dataDir>/secret-store.

    // modelAliases as the form shows them, one "requested id = Kiro model id" per line, sorted.
    static QString aliasesText(const QHash<QString, QString> &aliases);
    // The form's text as config.json's modelAliases object; error names the first bad line.
    static QJsonObject parseAliases(const QString &text, QString *error);

Q_SIGNALS:
    void restartRequested();

private:
    void updateSecretsInfo();
    void updateDirty();
    void showRestartNotice(bool show);

    ServiceMonitor *m_monitor;
    Config m_config;
    QString m_pendingApiKey;
    std::unique_ptr<UiSettings> m_ui;
    bool m_saved = false;

    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_apiKey;
    QPushButton *m_showKey;
    QComboBox *m_region;
    QLineEdit *m_kiroVersion;
    QLineEdit *m_proxyUrl;
    QPlainTextEdit *m_aliases;
    QCheckBox *m_startAtLogin;
    QCheckBox *m_startOnLaunch;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QComboBox *m_secretMode;
    QLabel *m_secretInfo;
    QLabel *m_configPath;
    QLabel *m_message;
    QWidget *m_restartBar;
    QPushButton *m_save;
};

} // namespace kt
