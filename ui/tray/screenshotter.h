#pragma once
// Writes PNGs of every tab and of the import, sign-in and Codex dialogs for the documentation
// (scripts/screenshots.sh): waits for <dir>/.go, grabs each view at a fixed size, then reports
// finished. With KIROTRAY_SCREENSHOT_PALETTE=dark, under Fusion and a dark palette, as *-dark.png.
#include <QObject>
#include <QString>
#include <QTimer>

namespace kt {

class MainWindow;

class Screenshotter : public QObject
{
    Q_OBJECT
public:
    Screenshotter(MainWindow *window, const QString &directory, QObject *parent = nullptr);

    void start();
    // Without waiting for the trigger file (tests).
    void shootNow();

Q_SIGNALS:
    void finished(bool ok);

private:
    void poll();
    void step();
    bool save(QWidget *widget, const QString &name);

    MainWindow *m_window;
    QString m_dir;
    QString m_suffix;
    QTimer m_poll;
    int m_waitedMs = 0;
    int m_step = 0;
    bool m_ok = true;
};

} // namespace kt
