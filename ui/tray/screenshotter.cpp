#include "tray/screenshotter.h"

#include "pages/accountspage.h"
#include "dialogs/codexdialog.h"
#include "style/darkpalette.h"
#include "dialogs/importdialog.h"
#include "dialogs/signindialog.h"
#include "itemmodels/importpreviewmodel.h"
#include "pages/logspage.h"
#include "tray/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPixmap>
#include <QStyleFactory>
#include <QTableView>
#include <QTextStream>

namespace kt {

namespace {

constexpr int kTimeoutMs = 120000;

} // namespace

Screenshotter::Screenshotter(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent), m_window(window), m_dir(directory)
{
    m_poll.setInterval(200);
    connect(&m_poll, &QTimer::timeout, this, &Screenshotter::poll);
}

void Screenshotter::start()
{
    // KIROTRAY_SCREENSHOT_PALETTE=dark: Fusion with a dark palette, files named *-dark.png.
    if (qEnvironmentVariable("KIROTRAY_SCREENSHOT_PALETTE") == QLatin1String("dark")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(DarkPalette::palette());
        m_suffix = QStringLiteral("-dark");
    }
    QDir().mkpath(m_dir);
    m_window->resize(1040, 700);
    m_window->bringToFront();
    m_poll.start();
}

void Screenshotter::poll()
{
    m_waitedMs += m_poll.interval();
    if (QFileInfo::exists(QDir(m_dir).filePath(QStringLiteral(".go"))) || m_waitedMs > kTimeoutMs) {
        m_poll.stop();
        shootNow();
    }
}

void Screenshotter::shootNow()
{
    m_step = 0;
    step();
}

bool Screenshotter::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_dir).filePath(name + m_suffix + QStringLiteral(".png"));
    const bool ok = widget->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
    m_ok = m_ok && ok;
    return ok;
}

// One view per event-loop turn, with time for charts and item views to lay out and repaint.
void Screenshotter::step()
{
    const int settleMs = 700;
    switch (m_step++) {
    case 0:
        // Fresh quota for the Accounts tab; the replies arrive while the dashboard settles.
        m_window->accountsPage()->refreshAll();
        m_window->showTab(MainWindow::DashboardTab);
        QTimer::singleShot(3000, this, &Screenshotter::step);
        return;
    case 1:
        save(m_window, QStringLiteral("dashboard"));
        m_window->showTab(MainWindow::AccountsTab);
        break;
    case 2:
        save(m_window, QStringLiteral("accounts"));
        m_window->showTab(MainWindow::LogsTab);
        if (m_window->logsPage()->table()->model()->rowCount() > 0)
            m_window->logsPage()->table()->selectRow(0);
        break;
    case 3:
        save(m_window, QStringLiteral("logs"));
        m_window->showTab(MainWindow::SettingsTab);
        break;
    case 4: {
        save(m_window, QStringLiteral("settings"));
        ImportDialog *dialog = m_window->openImportDialog();
        dialog->resize(860, 560);
        const QString demo = QDir(m_dir).filePath(QStringLiteral("accounts-export.json"));
        if (QFileInfo::exists(demo)) {
            dialog->addFile(demo);
            dialog->preview();
        }
        QTimer::singleShot(2500, this, &Screenshotter::step);
        return;
    }
    case 5: {
        ImportDialog *dialog = m_window->openImportDialog();
        QTimer::singleShot(300, this, [this, dialog] {
            save(dialog, QStringLiteral("import"));
            dialog->close();
            step();
        });
        return;
    }
    case 6: {
        SignInDialog *dialog = m_window->openSignInDialog();
        dialog->choose(SignInDialog::Organisation);
        QTimer::singleShot(400, this, [this, dialog] {
            save(dialog, QStringLiteral("signin-choose"));
            dialog->choose(SignInDialog::BuilderId);
            dialog->submit();
            QTimer::singleShot(2500, this, [this, dialog] {
                save(dialog, QStringLiteral("signin-code"));
                dialog->close();
                step();
            });
        });
        return;
    }
    case 7: {
        CodexDialog *dialog = m_window->openCodexDialog();
        dialog->resize(760, 560);
        QTimer::singleShot(400, this, [this, dialog] {
            save(dialog, QStringLiteral("codex"));
            dialog->close();
            Q_EMIT finished(m_ok);
        });
        return;
    }
    default:
        return;
    }
    QTimer::singleShot(settleMs, this, &Screenshotter::step);
}

} // namespace kt
