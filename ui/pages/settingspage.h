#pragma once
// The Settings tab: listen address, API key (hidden; show, copy, regenerate), upstream region,
// Kiro version and proxy, start at login / on launch, language, and where secrets are kept.
// Proxy settings are saved to config.json (by the proxy's management service, off the GUI thread)
// and apply after a proxy restart, which it offers.
#include "config/config.h"
#include "config/configfile.h"

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
    // Asks the service to write the changes to config.json → saveFinished. Returns the form's own
    // error (nothing sent), or empty.
    QString save();
    QString regenerateApiKey(bool confirmed);
    bool restartNeeded() const;

    // modelAliases as the form shows them, one "requested id = Kiro model id" per line, sorted.
    static QString aliasesText(const QHash<QString, QString> &aliases);
    // The form's text as config.json's modelAliases object; error names the first bad line.
    static QJsonObject parseAliases(const QString &text, QString *error);

Q_SIGNALS:
    void restartRequested();
    void saveFinished(const QString &error);   // empty: config.json holds the changes

private:
    void updateSecretsInfo();
    void updateDirty();
    void showRestartNotice(bool show);
    void onSettingsSaved(int tag, ConfigFile::Outcome outcome, const QString &error);
    Config formConfig() const;   // m_config with the form's values

    ServiceMonitor *m_monitor;
    Config m_config;
    QString m_pendingApiKey;
    std::unique_ptr<UiSettings> m_ui;
    bool m_saved = false;
    int m_saveTag = 0;       // the save in flight, 0 = none
    Config m_saving;         // what the config becomes once it is saved
    bool m_savingApiKey = false;

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
