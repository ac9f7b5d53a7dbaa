// ConversationBindings: the idle TTL (times passed in, no waiting), the recency order behind expiry,
// the size cap, hit and miss counts.
#include "pool/conversationbindings.h"

#include <QtTest>

using namespace kt;

class TestConversationBindings : public QObject
{
    Q_OBJECT

    const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, QTimeZone::utc());

private Q_SLOTS:
    void bindFindAndIdleTtl()
    {
        ConversationBindings b(60'000);
        b.bind("a", 1, 0, t0);
        b.bind("b", 2, 0, t0.addSecs(10));
        QCOMPARE(b.find("a", t0.addSecs(30))->accountId, 1);
        b.touch("a", t0.addSecs(50));   // used again: idle time starts over
        QCOMPARE(b.size(t0.addSecs(65)), 2);   // b idle 55 s, a 15 s
        QVERIFY(!b.find("b", t0.addSecs(71)));  // b idle 61 s
        QCOMPARE(b.size(t0.addSecs(71)), 1);
        QVERIFY(b.find("a", t0.addSecs(105)));
        QVERIFY(!b.find("a", t0.addSecs(111)));
        QCOMPARE(b.size(t0.addSecs(111)), 0);
        QCOMPARE(b.hits(), 1);
        QCOMPARE(b.misses(), 2);
    }

    void rebindMovesTheConversation()
    {
        ConversationBindings b(60'000);
        b.bind("a", 1, 0, t0);
        b.bind("a", 2, 3, t0.addSecs(1));
        QCOMPARE(b.find("a", t0.addSecs(2))->accountId, 2);
        QCOMPARE(b.find("a", t0.addSecs(2))->epoch, 3u);
        QCOMPARE(b.size(t0.addSecs(2)), 1);
        b.release("a");
        QVERIFY(!b.find("a", t0.addSecs(2)));
        b.release("a");   // twice is harmless
    }

    void sizeIsCapped()
    {
        ConversationBindings b(3'600'000);
        for (int i = 0; i < ConversationBindings::MaxBindings + 10; ++i)
            b.bind(QString::number(i), i, 0, t0);
        QCOMPARE(b.size(t0), ConversationBindings::MaxBindings);
        QVERIFY(!b.find("0", t0));   // the least recently used went first
        QVERIFY(b.find(QString::number(ConversationBindings::MaxBindings + 9), t0));
    }
};

QTEST_GUILESS_MAIN(TestConversationBindings)
#include "tst_conversationbindings.moc"
