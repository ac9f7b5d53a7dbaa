#pragma once
// The tray application's own preferences (language, start the proxy on launch), kept in
// <dataDir>/ui.ini beside the proxy's data so that config.json stays the proxy's file.
#include <QString>

namespace kt {

class UiSettings
{
public:
    explicit UiSettings(const QString &dataDir);

    QString filePath() const { return m_path; }
    QString language() const;             // "" = follow the system, else "en", "zh_CN", ...
    void setLanguage(const QString &language);
    bool startProxyOnLaunch() const;      // default true
    void setStartProxyOnLaunch(bool on);

private:
    QString m_path;
};

} // namespace kt
