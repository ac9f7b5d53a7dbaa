#pragma once
// "About KiroTray": the version (the one CMake defines, shared with --version, the package and the
// Server header), the Qt it runs on, where its data lives and the licence.
#include <QDialog>

namespace kt {

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(const QString &dataDir, const QString &secretStore, QWidget *parent = nullptr);

    // The text shown, also what "Copy" puts on the clipboard for bug reports.
    static QString summary(const QString &dataDir, const QString &secretStore);
};

} // namespace kt
