#pragma once
// Points Claude Code at this proxy by merging ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY into the
// "env" block of ~/.claude/settings.json, keeping every other setting, with a backup for Undo.
// The home folder is QDir::homePath(): %USERPROFILE% on Windows, where Claude Code looks too.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kt {

class ClaudeCodeSettings
{
public:
    struct Plan {
        QString error;          // the file cannot be merged (not JSON, not an object, ...): nothing may be written
        bool fileExisted = false;
        QByteArray before;      // current bytes (empty when the file does not exist)
        QByteArray after;       // what apply() writes
        bool changes() const { return error.isEmpty() && before != after; }
    };

    explicit ClaudeCodeSettings(const QString &homeDir);

    QString settingsPath() const;   // <home>/.claude/settings.json
    QString backupPath() const;     // the original bytes, kept until Undo
    QString createdMarkerPath() const;   // present when KiroTray created the file (Undo deletes it)

    Plan plan(const QString &baseUrl, const QString &apiKey) const;
    // Keeps the first backup (the state before KiroTray ever touched the file), then writes
    // plan.after atomically. Returns an error or empty.
    QString apply(const Plan &plan) const;
    bool canUndo() const;
    QString undo() const;

    static QJsonObject merged(const QJsonObject &settings, const QString &baseUrl, const QString &apiKey);
    // What to paste into a terminal: PowerShell on Windows, a POSIX shell elsewhere.
    enum class Shell { Posix, PowerShell };
#ifdef Q_OS_WIN
    static constexpr Shell nativeShell = Shell::PowerShell;
#else
    static constexpr Shell nativeShell = Shell::Posix;
#endif
    static QString shellExports(const QString &baseUrl, const QString &apiKey, Shell shell = nativeShell);

private:
    QString m_home;
};

} // namespace kt
