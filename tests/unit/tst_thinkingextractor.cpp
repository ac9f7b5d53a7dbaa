// ThinkingExtractor: tag recognition, quote rules and hold-back across arbitrary chunk splits.
#include "anthropic/thinkingextractor.h"

#include <QtTest>

using kt::ThinkingExtractor;
using Piece = ThinkingExtractor::Piece;

namespace {

struct Split {
    QString thinking;
    QString text;
    bool ordered = true;        // no thinking after the first text piece
    bool emptyPiece = false;    // an empty piece was emitted
    bool loneSurrogate = false; // a piece starts or ends inside a surrogate pair
};

void collect(Split &s, const QList<Piece> &pieces)
{
    for (const Piece &p : pieces) {
        if (p.text.isEmpty())
            s.emptyPiece = true;
        else if (p.text.front().isLowSurrogate() || p.text.back().isHighSurrogate())
            s.loneSurrogate = true;
        if (p.kind == Piece::Thinking) {
            if (!s.text.isEmpty())
                s.ordered = false;
            s.thinking += p.text;
        } else {
            s.text += p.text;
        }
    }
}

Split run(const QStringList &chunks)
{
    ThinkingExtractor x;
    Split s;
    for (const QString &c : chunks)
        collect(s, x.feed(c));
    collect(s, x.finish());
    return s;
}

} // namespace

class TestThinkingExtractor : public QObject {
    Q_OBJECT

private slots:
    void everySplit_data();
    void everySplit();
    void threeWaySplits();
    void pieceKindsInOneChunk();
    void emitsEarlyAndHoldsOnlyTagPrefix();
    void finishBeforeToolUse();
    void whitespaceBeforeToolIsDropped();
    void textAfterFinishPassesThrough();
};

void TestThinkingExtractor::everySplit_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("thinking");
    QTest::addColumn<QString>("text");

    QTest::newRow("basic") << "<thinking>\nLet me plan.</thinking>\n\nHello there" << "Let me plan." << "Hello there";
    QTest::newRow("leading whitespace dropped") << " \n <thinking>\nabc</thinking>\n\nX" << "abc" << "X";
    QTest::newRow("only one newline dropped") << "<thinking>\n\nabc</thinking>\n\nX" << "\nabc" << "X";
    QTest::newRow("no newline after tag") << "<thinking>abc</thinking>\n\nX" << "abc" << "X";
    QTest::newRow("quoted close tag stays thinking")
        << "<thinking>\nuse \"</thinking>\" or '</thinking>' or `</thinking>`.</thinking>\n\nOK"
        << "use \"</thinking>\" or '</thinking>' or `</thinking>`." << "OK";
    QTest::newRow("close tag without blank line is not the end")
        << "<thinking>\na</thinking>b</thinking>\nc</thinking>\n\nd" << "a</thinking>b</thinking>\nc" << "d";
    QTest::newRow("end tag then only newline at stream end") << "<thinking>\nabc</thinking>\n" << "abc" << "";
    QTest::newRow("end tag then blank line, no answer") << "<thinking>\nabc</thinking>\n\n" << "abc" << "";
    QTest::newRow("end tag then spaces at stream end") << "<thinking>\nabc</thinking>  \n " << "abc" << "";
    QTest::newRow("end tag then spaces then more thinking") << "<thinking>\nabc</thinking> \nmore</thinking>\n\nX"
                                                           << "abc</thinking> \nmore" << "X";
    QTest::newRow("never closed") << "<thinking>\nstill going" << "still going" << "";
    QTest::newRow("answer keeps later tags") << "<thinking>\nt</thinking>\n\nSay </thinking>\n\n and <thinking>"
                                             << "t" << "Say </thinking>\n\n and <thinking>";
    QTest::newRow("plain text") << "Just an answer." << "" << "Just an answer.";
    QTest::newRow("plain text keeps leading whitespace") << "  \nJust" << "" << "  \nJust";
    QTest::newRow("double-quoted open tag is text") << "\"<thinking>\" is a tag name" << "" << "\"<thinking>\" is a tag name";
    QTest::newRow("backtick open tag is text") << "`<thinking>` blocks" << "" << "`<thinking>` blocks";
    QTest::newRow("quote right after open tag is text") << "<thinking>\" x" << "" << "<thinking>\" x";
    QTest::newRow("tag not at start is text") << "Hi <thinking>x</thinking>\n\ny" << "" << "Hi <thinking>x</thinking>\n\ny";
    QTest::newRow("tag prefix only") << "<thinkin" << "" << "<thinkin";
    QTest::newRow("open tag only stays text") << "<thinking>" << "" << "<thinking>";
    QTest::newRow("whitespace only") << " \n" << "" << " \n";
    QTest::newRow("similar tag") << "<thinkingx>y" << "" << "<thinkingx>y";
    QTest::newRow("CJK and emoji") << QString::fromUtf8("<thinking>\n思考😀中</thinking>\n\n答案😀是四十二")
                                   << QString::fromUtf8("思考😀中") << QString::fromUtf8("答案😀是四十二");
    QTest::newRow("emoji next to tags") << QString::fromUtf8("<thinking>\n😀</thinking>\n\n😀")
                                        << QString::fromUtf8("😀") << QString::fromUtf8("😀");
}

void TestThinkingExtractor::everySplit()
{
    QFETCH(QString, input);
    QFETCH(QString, thinking);
    QFETCH(QString, text);

    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        const Split s = run({input.left(cut), input.mid(cut)});
        QVERIFY2(s.thinking == thinking && s.text == text,
                 qPrintable(QStringLiteral("cut %1: thinking [%2] text [%3]").arg(cut).arg(s.thinking, s.text)));
        QVERIFY(s.ordered);
        QVERIFY(!s.emptyPiece);
    }
    QStringList chars;
    for (QChar c : input)
        chars.append(QString(c));
    const Split s = run(chars);
    QCOMPARE(s.thinking, thinking);
    QCOMPARE(s.text, text);
    QVERIFY(!s.emptyPiece);

    // Whole code points, one per chunk (as upstream JSON strings always are): pieces never split a pair.
    QStringList codePoints;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const qsizetype n = input.at(i).isHighSurrogate() && i + 1 < input.size() ? 2 : 1;
        codePoints.append(input.mid(i, n));
        i += n - 1;
    }
    const Split cp = run(codePoints);
    QCOMPARE(cp.thinking, thinking);
    QCOMPARE(cp.text, text);
    QVERIFY(!cp.loneSurrogate);
}

void TestThinkingExtractor::threeWaySplits()
{
    const QString input = QStringLiteral("\n<thinking>\nq \"</thinking>\" r</thinking>\n\nans");
    for (qsizetype a = 0; a <= input.size(); ++a) {
        for (qsizetype b = a; b <= input.size(); ++b) {
            const Split s = run({input.left(a), input.mid(a, b - a), input.mid(b)});
            QVERIFY2(s.thinking == QLatin1String("q \"</thinking>\" r") && s.text == QLatin1String("ans"),
                     qPrintable(QStringLiteral("cuts %1,%2: [%3] [%4]").arg(a).arg(b).arg(s.thinking, s.text)));
        }
    }
}

void TestThinkingExtractor::pieceKindsInOneChunk()
{
    ThinkingExtractor x;
    const QList<Piece> pieces = x.feed(QStringLiteral("<thinking>\nA</thinking>\n\nB"));
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(pieces.at(0).kind, Piece::Thinking);
    QCOMPARE(pieces.at(0).text, QStringLiteral("A"));
    QCOMPARE(pieces.at(1).kind, Piece::Text);
    QCOMPARE(pieces.at(1).text, QStringLiteral("B"));
    QVERIFY(x.finish().isEmpty());
}

void TestThinkingExtractor::emitsEarlyAndHoldsOnlyTagPrefix()
{
    ThinkingExtractor x;
    QVERIFY(x.feed(QStringLiteral("  <think")).isEmpty());
    QVERIFY(x.feed(QStringLiteral("ing>")).isEmpty()); // needs the next char for the quote check
    QList<Piece> p = x.feed(QStringLiteral("\nabcdef"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Thinking);
    QCOMPARE(p.at(0).text, QStringLiteral("abcdef"));
    p = x.feed(QStringLiteral("gh</thi"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).text, QStringLiteral("gh"));
    QVERIFY(x.feed(QStringLiteral("nking>\n")).isEmpty());
    p = x.feed(QStringLiteral("\nAnswer"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Text);
    QCOMPARE(p.at(0).text, QStringLiteral("Answer"));
    p = x.feed(QStringLiteral("<thinking>"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Text);

    ThinkingExtractor plain;
    p = plain.feed(QStringLiteral("No tag"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Text);
}

void TestThinkingExtractor::finishBeforeToolUse()
{
    ThinkingExtractor x;
    Split s;
    collect(s, x.feed(QStringLiteral("<thinking>\nI will call a tool.</thinking>")));
    collect(s, x.finish(true));
    QCOMPARE(s.thinking, QStringLiteral("I will call a tool."));
    QCOMPARE(s.text, QString());
}

void TestThinkingExtractor::whitespaceBeforeToolIsDropped()
{
    ThinkingExtractor x;
    QVERIFY(x.feed(QStringLiteral("\n ")).isEmpty());
    QVERIFY(x.finish(true).isEmpty());

    ThinkingExtractor held;
    QVERIFY(held.feed(QStringLiteral("<thin")).isEmpty());
    const QList<Piece> p = held.finish(true);
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Text);
    QCOMPARE(p.at(0).text, QStringLiteral("<thin"));
}

void TestThinkingExtractor::textAfterFinishPassesThrough()
{
    ThinkingExtractor x;
    x.feed(QStringLiteral("<thinking>\nplan"));
    const QList<Piece> flushed = x.finish(true);
    QVERIFY(flushed.isEmpty() || flushed.at(0).kind == Piece::Thinking);
    const QList<Piece> p = x.feed(QStringLiteral("<thinking>\nafter the tool"));
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.at(0).kind, Piece::Text);
    QCOMPARE(p.at(0).text, QStringLiteral("<thinking>\nafter the tool"));
    QVERIFY(x.finish().isEmpty());
}

QTEST_GUILESS_MAIN(TestThinkingExtractor)
#include "tst_thinkingextractor.moc"
