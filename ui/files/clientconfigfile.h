#pragma once
// A coding tool's own settings file that KiroTray edits to point the tool at the proxy (Claude
// Code's settings.json, Codex's config.toml): the change is planned first (the exact bytes before
// and after, shown to the user), written atomically, and the state before KiroTray's first change
// is kept so that Undo can put it back (or remove a file KiroTray created).
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace kt {

class ClientConfigFile
{
public:
    struct Plan {
        QString error;          // the file cannot be edited (unreadable, not parsable, ...): nothing may be written
        bool fileExisted = false;
        QByteArray before;      // current bytes (empty when the file does not exist)
        QByteArray after;       // what apply() writes
        bool changes() const { return error.isEmpty() && before != after; }
    };
    // Computes the new bytes from the current ones (empty when there is no file); returns an error or empty.
    using Edit = std::function<QString(const QByteArray &before, QByteArray *after)>;

    explicit ClientConfigFile(const QString &path);
    virtual ~ClientConfigFile() = default;

    QString path() const { return m_path; }
    QString backupPath() const;          // the original bytes, kept until Undo
    QString createdMarkerPath() const;   // present when KiroTray created the file (Undo deletes it)

    Plan plan(const Edit &edit) const;
    // Keeps the first backup (the state before KiroTray ever touched the file), then writes
    // plan.after atomically, readable by the owner only when new. Returns an error or empty.
    QString apply(const Plan &plan) const;
    bool canUndo() const;
    QString undo() const;

    // What to paste into a terminal: PowerShell on Windows, a POSIX shell elsewhere.
    enum class Shell { Posix, PowerShell };
#ifdef Q_OS_WIN
    static constexpr Shell nativeShell = Shell::PowerShell;
#else
    static constexpr Shell nativeShell = Shell::Posix;
#endif
    static QString exports(const QList<QPair<QString, QString>> &variables, Shell shell);

private:
    QString m_path;
};

} // namespace kt
