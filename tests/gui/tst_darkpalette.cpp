// Every window and dialog under Fusion with a dark palette: each visible label's text, as rendered,
// contrasts with what is behind it by at least 4.5:1 (WCAG AA), and so do the coloured texts of the
// item views. The rendered check finds greyed (disabled) labels and fixed colours alike; a control
// case proves it would.
#include "dialogs/aboutdialog.h"
#include "itemmodels/accountsmodel.h"
#include "dialogs/addaccountdialog.h"
#include "dialogs/claudecodedialog.h"
#include "dialogs/codexdialog.h"
#include "style/contrast.h"
#include "style/darkpalette.h"
#include "guifixture.h"
#include "dialogs/importdialog.h"
#include "itemmodels/logsmodel.h"
#include "tray/mainwindow.h"
#include "dialogs/signindialog.h"

#include <QApplication>
#include <QLabel>
#include <QStyleFactory>
#include <QTabWidget>

using namespace kt;
using namespace kt::test;

namespace {

// The label's text as drawn in its window: the most frequent colour behind it, and the rendered
// pixel that differs most from it.
double renderedContrast(QWidget *window, QLabel *label)
{
    const QImage image = window->grab(QRect(label->mapTo(window, QPoint(0, 0)), label->size())).toImage();
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y)];
    QRgb background = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most)
            most = it.value(), background = it.key();
    double best = 1.0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        best = std::max(best, Contrast::ratio(QColor::fromRgb(it.key()), QColor::fromRgb(background)));
    return best;
}

QStringList unreadable(QWidget *window)
{
    QStringList out;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(window) || label->text().trimmed().isEmpty() || label->width() < 4 || label->height() < 4)
            continue;
        // The labels of a field group that does not apply are greyed with it, as disabled controls are.
        if (!label->isEnabled() && label->parentWidget() && !label->parentWidget()->isEnabled())
            continue;
        const double ratio = renderedContrast(window, label);
        if (ratio < Contrast::Readable)
            out << QStringLiteral("%1 \"%2\": %3:1").arg(QString::fromLatin1(window->metaObject()->className()),
                                                         label->text().left(50)).arg(ratio, 0, 'f', 2);
    }
    return out;
}

void checkWindow(QWidget *window)
{
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QStringList problems;   // checked again while the layouts settle
    const bool readable = QTest::qWaitFor([&] { return (problems = unreadable(window)).isEmpty(); }, 5000);
    QVERIFY2(readable, qPrintable(problems.join(QLatin1Char('\n'))));
}

} // namespace

class TestDarkPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        isolateHome();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(DarkPalette::palette());
    }

    void theCheckFindsGreyedText()
    {
        QWidget window;
        auto *label = new QLabel(QStringLiteral("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"), &window);
        label->setEnabled(false);
        label->resize(500, 30);
        window.resize(520, 40);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(unreadable(&window).size(), 1);
        label->setEnabled(true);
        QVERIFY(unreadable(&window).isEmpty());
    }

    void mainWindowEveryTab()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken), socialAccount(QStringLiteral("revoked-refresh-token-0123456789"))}));
        f.proxy.messages(QStringLiteral("hello"), false);
        MainWindow window(&f.monitor, false);   // no tray: the notice strip shows too
        for (int tab = MainWindow::DashboardTab; tab <= MainWindow::SettingsTab; ++tab) {
            window.showTab(MainWindow::Tab(tab));
            checkWindow(&window);
        }
        window.showStatusMessage(QStringLiteral("An account stopped working"));
        checkWindow(&window);
    }

    void signInDialogBothPages()
    {
        GuiFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.signInSecondMs = 10; }));
        SignInDialog dialog(&f.monitor);
        dialog.choose(SignInDialog::Organisation);
        checkWindow(&dialog);
        dialog.choose(SignInDialog::BuilderId);
        dialog.submit();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isWaiting(), 15000);
        checkWindow(&dialog);   // the code, the verification address, the state
    }

    void otherDialogs()
    {
        GuiFixture f;
        QVERIFY(f.start({}));
        ClaudeCodeDialog claude(QStringLiteral("http://127.0.0.1:8080"), QString::fromLatin1(TestApiKey), QDir::homePath());
        checkWindow(&claude);
        CodexDialog codex(QStringLiteral("http://127.0.0.1:8080"), QString::fromLatin1(TestApiKey), QDir::homePath(),
                          {QStringLiteral("claude-sonnet-4.6")}, QString());
        checkWindow(&codex);
        ImportDialog import(&f.monitor);
        import.setPastedText(QStringLiteral("{ not json"));
        import.preview();   // an error message
        QTRY_VERIFY_WITH_TIMEOUT(!import.message().isEmpty(), 10000);
        checkWindow(&import);
        AddAccountDialog add(&f.monitor);
        checkWindow(&add);
        AboutDialog about(QStringLiteral("/tmp/data"), QStringLiteral("system keychain"));
        checkWindow(&about);
    }

    void itemViewColours()
    {
        const QColor base = QApplication::palette().color(QPalette::Base);
        for (const AccountState state : {AccountState::Active, AccountState::Cooldown, AccountState::Invalid, AccountState::Disabled}) {
            Account a;
            a.credential.id = 1;
            a.state = state;
            AccountsModel model;
            model.setAccounts({a});
            const QColor fg = model.data(model.index(0, AccountsModel::StateColumn), Qt::ForegroundRole).value<QColor>();
            QVERIFY2(Contrast::ratio(fg, base) >= Contrast::Readable, qPrintable(fg.name()));
        }
        QVERIFY(Contrast::ratio(Contrast::onBase(Contrast::error()), base) >= Contrast::Readable);
        const QPalette p = QApplication::palette();
        QVERIFY(Contrast::ratio(p.color(QPalette::ToolTipText), p.color(QPalette::ToolTipBase)) >= Contrast::Readable);
    }
};

QTEST_MAIN(TestDarkPalette)
#include "tst_darkpalette.moc"
