#pragma once
// One way of starting a program at login. Each platform's writer builds on Qt Core only, so every
// one of them is compiled and tested on every platform; Autostart picks the one this platform uses.
#include <QString>
#include <QStringList>

#include <memory>

namespace kt {

class AutostartWriter
{
public:
    virtual ~AutostartWriter() = default;

    virtual QString location() const = 0;   // the file, or the registry key
    virtual bool isEnabled() const = 0;
    virtual QString setEnabled(bool on, const QStringList &command) const = 0;   // error or empty

    // XDG on Linux, the Run key on Windows, a LaunchAgent on macOS. In KIROTRAY_PORTABLE_PATHS
    // builds the Run-key writer, aimed at an INI file in the user's config folder instead of the registry.
    static std::unique_ptr<AutostartWriter> forThisPlatform();

};

// A writer whose entry is one file: present = enabled.
class FileAutostartWriter : public AutostartWriter
{
public:
    explicit FileAutostartWriter(const QString &path) : m_path(path) {}

    QString location() const override { return m_path; }
    bool isEnabled() const override;
    QString setEnabled(bool on, const QStringList &command) const override;   // written atomically

protected:
    virtual QByteArray content(const QStringList &command) const = 0;

private:
    QString m_path;
};

} // namespace kt
