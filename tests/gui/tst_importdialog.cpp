// ImportDialog against the real service: a preview saves nothing; importing the selected entries
// of valid + duplicate + malformed input adds exactly the right accounts; unchecked entries and
// malformed input add none; 10,000 entries are imported in batches with a moving progress bar and
// without blocking the GUI thread.
#include "guifixture.h"
#include "heartbeat.h"
#include "dialogs/importdialog.h"
#include "itemmodels/importpreviewmodel.h"

#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestImportDialog : public QObject
{
    Q_OBJECT

private:
    static QSet<QString> names(const QList<Account> &accounts)
    {
        QSet<QString> out;
        for (const Account &a : accounts)
            out.insert(a.name);
        return out;
    }
    static QString json(const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson()); }

private Q_SLOTS:
    void initTestCase() { isolateHome(); }

    void validDuplicateAndMalformed()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("first@example.com")}})}));
        QCOMPARE(f.monitor.accounts().size(), 1);

        ImportDialog dialog(&f.monitor);
        dialog.setPastedText(json(QJsonArray{
            socialAccount(QStringLiteral("import-new-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("new@example.com")}}),
            socialAccount(TestRefreshToken, {{QStringLiteral("email"), QStringLiteral("first@example.com")}}),
            QJsonObject{{QStringLiteral("authMethod"), QStringLiteral("social")}, {QStringLiteral("email"), QStringLiteral("broken@example.com")}},
            socialAccount(QStringLiteral("truncated-token..."), {{QStringLiteral("email"), QStringLiteral("trunc@example.com")}}),
        }));
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        const QList<ImportPreviewModel::Row> rows = dialog.model()->rows();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).status, QStringLiteral("new"));
        QCOMPARE(rows.at(1).status, QStringLiteral("duplicate"));
        QCOMPARE(rows.at(2).status, QStringLiteral("rejected"));
        QVERIFY(!rows.at(2).reason.isEmpty());
        QCOMPARE(rows.at(3).status, QStringLiteral("rejected"));
        QCOMPARE(dialog.model()->checkedEntries(), (QList<int>{0, 1}));
        // Rejected rows cannot be checked.
        QVERIFY(!dialog.model()->setData(dialog.model()->index(2, 0), Qt::Checked, Qt::CheckStateRole));

        // The preview saved nothing.
        QVERIFY(f.caughtUp());
        QCOMPARE(f.monitor.accounts().size(), 1);

        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("added"));
        QCOMPARE(dialog.model()->rows().at(1).status, QStringLiteral("updated"));
        QCOMPARE(dialog.model()->rows().at(2).status, QStringLiteral("rejected"));
        QVERIFY2(dialog.message().contains(QStringLiteral("1 added, 1 updated")), qPrintable(dialog.message()));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QCOMPARE(names(f.monitor.accounts()), (QSet<QString>{QStringLiteral("first@example.com"), QStringLiteral("new@example.com")}));
    }

    void uncheckedEntriesAreNotImported()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        dialog.addSource(QStringLiteral("two.json"), QJsonDocument(QJsonArray{
            socialAccount(QStringLiteral("keep-me-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("keep@example.com")}}),
            socialAccount(QStringLiteral("skip-me-refresh-token-0123456789abcdef"), {{QStringLiteral("email"), QStringLiteral("skip@example.com")}}),
        }).toJson());
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        QVERIFY(dialog.model()->setData(dialog.model()->index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(dialog.model()->checkedEntries(), QList<int>{0});
        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(1).status, QStringLiteral("skipped"));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QVERIFY(names(f.monitor.accounts()).contains(QStringLiteral("keep@example.com")));
        QVERIFY(!names(f.monitor.accounts()).contains(QStringLiteral("skip@example.com")));
    }

    void malformedInputSavesNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QStringLiteral("{\"refreshToken\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("empty array") << QStringLiteral("[]") << QStringLiteral("holds no account");
        QTest::newRow("a number") << QStringLiteral("42") << QStringLiteral("");
    }

    void malformedInputSavesNothing()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        QSignalSpy imports(&f.monitor, &ServiceMonitor::importFinished);
        dialog.setPastedText(text);
        dialog.preview();
        QVERIFY(f.caughtUp());
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Editing);
        QVERIFY(!dialog.message().isEmpty());
        QVERIFY2(dialog.message().contains(message), qPrintable(dialog.message()));
        QCOMPARE(dialog.model()->rowCount(), 0);
        QCOMPARE(imports.size(), 0);   // refused before reaching the service
        dialog.importSelected();       // nothing previewed: does nothing
        QVERIFY(f.caughtUp());
        QCOMPARE(imports.size(), 0);
        QCOMPARE(f.monitor.accounts().size(), 1);
    }

    void kiroIdeLoginOfThisComputer()
    {
        const QString cache = isolateHome().filePath(QStringLiteral(".aws/sso/cache"));
        const auto ideButton = [](const ImportDialog &d) -> QPushButton * {
            for (QPushButton *b : d.findChildren<QPushButton *>())
                if (b->text().contains(QStringLiteral("Kiro IDE")))
                    return b;
            return nullptr;
        };
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        {
            ImportDialog dialog(&f.monitor);
            QVERIFY(ideButton(dialog));
            QVERIFY(ideButton(dialog)->isHidden());   // no Kiro IDE login on this "computer"
        }
        QVERIFY(QDir().mkpath(cache));
        QFile token(cache + QStringLiteral("/kiro-auth-token.json"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), QStringLiteral("ide-access")},
                                              {QStringLiteral("refreshToken"), QStringLiteral("ide-refresh-token-0123456789abcdef")},
                                              {QStringLiteral("authMethod"), QStringLiteral("social")},
                                              {QStringLiteral("provider"), QStringLiteral("Google")},
                                              {QStringLiteral("expiresAt"), QStringLiteral("2030-01-01T00:00:00.000Z")}}).toJson());
        token.close();
        ImportDialog dialog(&f.monitor);
        QVERIFY(!ideButton(dialog)->isHidden());
        ideButton(dialog)->click();
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        QCOMPARE(dialog.model()->rows().size(), 1);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("new"));
        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 10000);
        QCOMPARE(dialog.model()->rows().at(0).status, QStringLiteral("added"));
        QTRY_COMPARE(f.monitor.accounts().size(), 2);
        QVERIFY(QFile::remove(token.fileName()));
    }

    void editingAfterPreviewNeedsNewPreview()
    {
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{socialAccount(TestRefreshToken)}));
        ImportDialog dialog(&f.monitor);
        dialog.setPastedText(json(QJsonArray{socialAccount(QStringLiteral("edit-refresh-token-0123456789abcdef"))}));
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 10000);
        dialog.setPastedText(json(QJsonArray{socialAccount(QStringLiteral("other-refresh-token-0123456789abcdef"))}));
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Editing);
        QCOMPARE(dialog.model()->rowCount(), 0);
        dialog.importSelected();
        QVERIFY(f.caughtUp());
        QCOMPARE(f.monitor.accounts().size(), 1);
    }
    static QJsonArray bulkEntries(int count, const QString &tag)
    {
        QJsonArray entries;
        for (int i = 0; i < count; ++i)
            entries.append(socialAccount(QStringLiteral("%1-%2-refresh-token-0123456789abcdef").arg(tag).arg(i),
                                         {{QStringLiteral("email"), QStringLiteral("%1%2@example.com").arg(tag).arg(i)}}));
        return entries;
    }

    // Close, Esc and the window's close button all go through reject(): while importing it does not
    // close the dialog (that used to drop every batch not yet sent, silently) but stops after the
    // batch in flight, says how far the import got and marks the entries never sent.
    void closingWhileImportingStopsAfterTheBatchInFlight()
    {
        const int count = 3 * ImportDialog::ImportBatch;
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{}));
        ImportDialog dialog(&f.monitor);
        dialog.show();
        dialog.addSource(QStringLiteral("bulk.json"), QJsonDocument(bulkEntries(count, QStringLiteral("stop"))).toJson());
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 30000);
        dialog.importSelected();
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Importing);
        dialog.reject();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.stopRequested());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 60000);
        QVERIFY(dialog.isVisible());
        const int batch = ImportDialog::ImportBatch;
        QCOMPARE(dialog.lastReport().value(QLatin1String("summary")).toObject().value(QLatin1String("added")).toInt(), batch);
        QVERIFY2(dialog.message().startsWith(QStringLiteral("Stopped: %1 of %2 entries were imported (%1 added").arg(batch).arg(count)),
                 qPrintable(dialog.message()));
        const QList<ImportPreviewModel::Row> rows = dialog.model()->rows();
        QCOMPARE(rows.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(rows.at(i).status, QString::fromLatin1(i < batch ? "added" : "notImported"));
        QTRY_COMPARE_WITH_TIMEOUT(f.monitor.accounts().size(), batch, 15000);
        dialog.reject();   // done: now it closes
        QVERIFY(!dialog.isVisible());
    }

    // A restart replaces the service while a batch is in flight: its answer is lost with the old
    // service, so the dialog ends the import at once, saying how many entries had been imported.
    void proxyRestartDuringImportEndsIt()
    {
        const int count = 2 * ImportDialog::ImportBatch;
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{}));
        ImportDialog dialog(&f.monitor);
        dialog.addSource(QStringLiteral("bulk.json"), QJsonDocument(bulkEntries(count, QStringLiteral("restart"))).toJson());
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 30000);
        // Replaced once the first batch is in, from a call queued before the second batch is even
        // sent: the second batch's answer is posted after it, so that batch is surely in flight.
        bool replacedWhileImporting = false;
        connect(dialog.progressBar(), &QProgressBar::valueChanged, this, [&](int v) {
            if (v != ImportDialog::ImportBatch)
                return;
            QMetaObject::invokeMethod(this, [&] {
                replacedWhileImporting = dialog.phase() == ImportDialog::Phase::Importing;
                f.monitor.setService(nullptr);
            }, Qt::QueuedConnection);
        });
        dialog.importSelected();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 60000);
        QVERIFY(replacedWhileImporting);
        QVERIFY2(dialog.message().startsWith(QStringLiteral("The proxy restarted during the import: %1 of %2 entries had been imported")
                                                 .arg(ImportDialog::ImportBatch).arg(count)),
                 qPrintable(dialog.message()));
        const QList<ImportPreviewModel::Row> rows = dialog.model()->rows();
        for (int i = 0; i < count; ++i)
            QCOMPARE(rows.at(i).status, QString::fromLatin1(i < ImportDialog::ImportBatch ? "added" : "notImported"));
        // With no service, a new preview says why nothing happens instead of crashing.
        dialog.setPastedText(json(bulkEntries(1, QStringLiteral("later"))));
        dialog.preview();
        QCOMPARE(dialog.phase(), ImportDialog::Phase::Editing);
        QCOMPARE(dialog.message(), QStringLiteral("The proxy is restarting; try again in a moment."));
    }

    // 10,000 entries previewed and all but every 1,000th kept (9,990): each kept one is added and its
    // row says so, the others say "Not selected", the progress bar steps through each batch (the
    // service answers batch by batch, so the proxy thread serves requests in between), and the GUI
    // thread never spends long between two 5 ms heartbeat ticks.
    void tenThousandEntriesWithProgress()
    {
        const int count = 10000;
        const int leftOutEvery = 1000;
        GuiFixture f;
        QVERIFY(f.start(QJsonArray{}));
        QJsonArray entries;
        for (int i = 0; i < count; ++i)
            entries.append(socialAccount(QStringLiteral("bulk-%1-refresh-token-0123456789abcdef").arg(i),
                                         {{QStringLiteral("email"), QStringLiteral("bulk%1@example.com").arg(i)}}));
        ImportDialog dialog(&f.monitor);
        dialog.show();
        dialog.addSource(QStringLiteral("bulk.json"), QJsonDocument(entries).toJson(QJsonDocument::Compact));
        Heartbeat heartbeat;
        heartbeat.start();
        QElapsedTimer wall;
        wall.start();
        dialog.preview();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Previewed, 120000);
        const qint64 previewMs = wall.restart();
        heartbeat.stop();
        const double previewCpuGapMs = heartbeat.maxCpuGapMs();
        ImportPreviewModel *model = dialog.model();
        QCOMPARE(model->checkedEntries().size(), count);
        QList<int> kept;
        for (int i = 0; i < count; ++i) {
            if (i % leftOutEvery == leftOutEvery - 1)
                QVERIFY(model->setData(model->index(i, 0), Qt::Unchecked, Qt::CheckStateRole));
            else
                kept.append(i);
        }
        QCOMPARE(model->checkedEntries(), kept);

        QList<int> progress;
        connect(dialog.progressBar(), &QProgressBar::valueChanged, this, [&progress](int v) { progress.append(v); });
        wall.restart();
        heartbeat.start();
        dialog.importSelected();
        QVERIFY(dialog.progressBar()->isVisible());
        QCOMPARE(dialog.progressBar()->maximum(), kept.size());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), ImportDialog::Phase::Done, 240000);
        const qint64 importMs = wall.elapsed();
        heartbeat.stop();
        QList<int> steps{0};
        for (int done = ImportDialog::ImportBatch; done < kept.size(); done += ImportDialog::ImportBatch)
            steps.append(done);
        steps.append(int(kept.size()));
        QCOMPARE(progress, steps);
        QVERIFY(!dialog.progressBar()->isVisible());
        QCOMPARE(dialog.lastReport().value(QLatin1String("summary")).toObject().value(QLatin1String("added")).toInt(), kept.size());
        QVERIFY2(dialog.message().contains(QStringLiteral("%1 added, 0 updated, 0 rejected").arg(kept.size())), qPrintable(dialog.message()));
        const QList<ImportPreviewModel::Row> rows = model->rows();
        QCOMPARE(rows.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(rows.at(i).status, QString::fromLatin1(i % leftOutEvery == leftOutEvery - 1 ? "skipped" : "added"));
        QTRY_COMPARE_WITH_TIMEOUT(f.monitor.accounts().size(), kept.size(), 60000);
        QSet<QString> expected;
        for (int i : kept)
            expected.insert(QStringLiteral("bulk%1@example.com").arg(i));
        QCOMPARE(names(f.monitor.accounts()), expected);
        qInfo("%d entries: preview %lld ms (worst GUI-thread CPU between two 5 ms heartbeat ticks %.1f ms); import of %d "
              "in %d batches %lld ms (worst gap %.1f ms wall, %.1f ms GUI-thread CPU, %d ticks)",
              count, previewMs, previewCpuGapMs, int(kept.size()), int(steps.size()) - 1, importMs, heartbeat.maxGapMs(),
              heartbeat.maxCpuGapMs(), heartbeat.ticks());
        // Wall gaps depend on the machine's load; the GUI thread's own CPU time between two ticks
        // does not, and must stay below a noticeable freeze even under ASan.
        // The preview reads and lists all 10,000 entries at once on the GUI thread: a one-off of 0.2 to
        // 0.3 s CPU under ASan on a loaded machine; a step that is quadratic in the entries takes seconds.
        QVERIFY2(previewCpuGapMs < 1000.0, qPrintable(QString::number(previewCpuGapMs)));
        QVERIFY2(heartbeat.maxCpuGapMs() < 250.0, qPrintable(QString::number(heartbeat.maxCpuGapMs())));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
