#include "files/clientconfigfile.h"

#include "util/fileprivacy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace kt {

namespace {

QString writeAtomically(const QString &path, const QByteArray &data)
{
    const bool existed = QFileInfo::exists(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    if (!existed)
        FilePrivacy::restrict(file);
    if (file.write(data) != data.size() || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

ClientConfigFile::ClientConfigFile(const QString &path) : m_path(path)
{
}

QString ClientConfigFile::backupPath() const
{
    return m_path + QStringLiteral(".kirotray-backup");
}

QString ClientConfigFile::createdMarkerPath() const
{
    return m_path + QStringLiteral(".kirotray-created");
}

ClientConfigFile::Plan ClientConfigFile::plan(const Edit &edit) const
{
    Plan p;
    QFile file(m_path);
    p.fileExisted = file.exists();
    if (p.fileExisted) {
        if (!file.open(QIODevice::ReadOnly)) {
            p.error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
            return p;
        }
        p.before = file.readAll();
    }
    p.error = edit(p.before, &p.after);
    if (!p.error.isEmpty())
        p.after = p.before;
    return p;
}

QString ClientConfigFile::apply(const Plan &plan) const
{
    if (!plan.error.isEmpty())
        return plan.error;
    if (!plan.changes())
        return {};
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir))
        return QStringLiteral("%1: cannot create the folder").arg(dir);
    if (!canUndo()) {
        const QString error = plan.fileExisted ? writeAtomically(backupPath(), plan.before)
                                               : writeAtomically(createdMarkerPath(), QByteArray());
        if (!error.isEmpty())
            return error;
    }
    return writeAtomically(m_path, plan.after);
}

bool ClientConfigFile::canUndo() const
{
    return QFileInfo::exists(backupPath()) || QFileInfo::exists(createdMarkerPath());
}

QString ClientConfigFile::undo() const
{
    if (QFileInfo::exists(backupPath())) {
        QFile backup(backupPath());
        if (!backup.open(QIODevice::ReadOnly))
            return QStringLiteral("%1: %2").arg(backupPath(), backup.errorString());
        const QByteArray original = backup.readAll();
        backup.close();
        if (const QString error = writeAtomically(m_path, original); !error.isEmpty())
            return error;
        QFile::remove(backupPath());
        return {};
    }
    if (QFileInfo::exists(createdMarkerPath())) {
        if (QFileInfo::exists(m_path) && !QFile::remove(m_path))
            return QStringLiteral("%1: cannot remove the file").arg(m_path);
        QFile::remove(createdMarkerPath());
        return {};
    }
    return QStringLiteral("there is nothing to undo");
}

QString ClientConfigFile::exports(const QList<QPair<QString, QString>> &variables, Shell shell)
{
    QString out;
    for (const auto &[name, value] : variables) {
        if (shell == Shell::PowerShell)
            out += QStringLiteral("$env:%1 = \"%2\"\r\n").arg(name, value);
        else
            out += QStringLiteral("export %1='%2'\n").arg(name, value);
    }
    return out;
}

} // namespace kt
