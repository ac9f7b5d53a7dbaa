// TomlLines: values read back as written (comments and quotes handled), strings quoted so that
// TOML reads them back, and an edit that changes nothing returns the original bytes.
#include "files/tomllines.h"

#include <QTest>

using namespace kt;

class TestTomlLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void values()
    {
        const TomlLines toml("a = \"x # not a comment\" # comment\n[t]\nb = 'lit'\nc = [\n 1,\n 2,\n]\n[t.u]\nd = 3\n");
        QCOMPARE(toml.value(QString(), QStringLiteral("a")), QStringLiteral("\"x # not a comment\""));
        QCOMPARE(toml.value(QStringLiteral("t"), QStringLiteral("b")), QStringLiteral("'lit'"));
        QCOMPARE(toml.value(QStringLiteral("t"), QStringLiteral("c")), QStringLiteral("[\n 1,\n 2,\n]"));
        QCOMPARE(toml.value(QStringLiteral("t.u"), QStringLiteral("d")), QStringLiteral("3"));
        QCOMPARE(toml.value(QStringLiteral("t"), QStringLiteral("d")), QString());
        QCOMPARE(toml.value(QString(), QStringLiteral("b")), QString());
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << QStringLiteral("claude-sonnet-4.6") << QStringLiteral("\"claude-sonnet-4.6\"");
        QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << QStringLiteral("\"a\\\"b\\\\c\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\\u000ab\"");
    }

    void quoting()
    {
        QFETCH(QString, plain);
        QFETCH(QString, quoted);
        QCOMPARE(TomlLines::quoted(plain), quoted);
        if (!plain.contains(QLatin1Char('\n')))
            QCOMPARE(TomlLines::unquoted(quoted), plain);
        QCOMPARE(TomlLines::unquoted(QStringLiteral("'%1'").arg(QStringLiteral("C:\\x"))), QStringLiteral("C:\\x"));
        QCOMPARE(TomlLines::unquoted(QStringLiteral("42")), QString());
    }

    void unchangedKeepsTheBytes()
    {
        const QByteArray text = "a   =   \"x\"   \r\nb = 1";   // odd spacing, mixed line ends, no final newline
        TomlLines toml(text);
        QCOMPARE(toml.set(QString(), QStringLiteral("b"), QStringLiteral("1")), QString());
        QCOMPARE(toml.text(), text);
        QCOMPARE(toml.set(QString(), QStringLiteral("b"), QStringLiteral("2")), QString());
        QCOMPARE(toml.text(), QByteArray("a   =   \"x\"   \r\nb = 2\r\n"));
    }
};

QTEST_MAIN(TestTomlLines)
#include "tst_tomllines.moc"
