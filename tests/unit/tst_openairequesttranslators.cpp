// The OpenAI request translators on their own: Chat Completions and Responses requests in, the
// Anthropic Messages request out (turn joining, tools, tool choice, images, limits, reasoning).
#include "openai/chatrequesttranslator.h"
#include "openai/responsesrequesttranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;

namespace {

QJsonObject chat(const QJsonObject &request)
{
    auto out = ChatRequestTranslator::translate(request);
    if (auto *e = std::get_if<ApiError>(&out))
        qWarning().noquote() << e->message;
    return std::holds_alternative<TranslatedRequest>(out) ? std::get<TranslatedRequest>(out).messages : QJsonObject();
}

QJsonObject responses(const QJsonObject &request)
{
    auto out = ResponsesRequestTranslator::translate(request);
    if (auto *e = std::get_if<ApiError>(&out))
        qWarning().noquote() << e->message;
    return std::holds_alternative<TranslatedRequest>(out) ? std::get<TranslatedRequest>(out).messages : QJsonObject();
}

QJsonObject text(const QString &t) { return {{"type", "text"}, {"text", t}}; }

} // namespace

class TestOpenAiRequestTranslators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatTurnsAreJoined()
    {
        const QJsonObject out = chat({{"model", "claude-sonnet-4-6"}, {"messages", QJsonArray{
            QJsonObject{{"role", "system"}, {"content", "A"}},
            QJsonObject{{"role", "user"}, {"content", "Two cities?"}},
            QJsonObject{{"role", "assistant"}, {"content", QJsonValue::Null}, {"tool_calls", QJsonArray{
                QJsonObject{{"id", "c1"}, {"type", "function"}, {"function", QJsonObject{{"name", "w"}, {"arguments", "{\"city\":\"Oslo\"}"}}}},
                QJsonObject{{"id", "c2"}, {"type", "function"}, {"function", QJsonObject{{"name", "w"}, {"arguments", ""}}}}}}},
            QJsonObject{{"role", "tool"}, {"tool_call_id", "c1"}, {"content", "cold"}},
            QJsonObject{{"role", "tool"}, {"tool_call_id", "c2"}, {"content", QJsonArray{text("warm")}}},
            QJsonObject{{"role", "developer"}, {"content", "B"}},
            QJsonObject{{"role", "user"}, {"content", "Thanks"}}}}});
        QCOMPARE(out.value("system").toString(), QStringLiteral("A\nB"));
        const QJsonArray m = out.value("messages").toArray();
        QCOMPARE(m.size(), 3);
        QCOMPARE(m[1].toObject().value("role").toString(), QStringLiteral("assistant"));
        const QJsonArray uses = m[1].toObject().value("content").toArray();
        QCOMPARE(uses.size(), 2);
        QCOMPARE(uses[0].toObject().value("input").toObject(), (QJsonObject{{"city", "Oslo"}}));
        QCOMPARE(uses[1].toObject().value("input").toObject(), QJsonObject());
        const QJsonArray user = m[2].toObject().value("content").toArray();
        QCOMPARE(user.size(), 3);   // both results first, then the words
        QCOMPARE(user[0].toObject().value("tool_use_id").toString(), QStringLiteral("c1"));
        QCOMPARE(user[1].toObject().value("content").toString(), QStringLiteral("warm"));
        QCOMPARE(user[2].toObject(), text("Thanks"));
    }

    void chatOptions()
    {
        const QJsonObject out = chat({{"model", "claude-sonnet-4-6"}, {"max_tokens", 10}, {"max_completion_tokens", 20},
                                      {"stop", "END"}, {"reasoning_effort", "low"}, {"tool_choice", QJsonObject{{"type", "function"}, {"function", QJsonObject{{"name", "w"}}}}},
                                      {"tools", QJsonArray{QJsonObject{{"type", "function"}, {"function", QJsonObject{{"name", "w"}}}}}},
                                      {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{
                                          QJsonObject{{"type", "image_url"}, {"image_url", "data:image/JPEG;base64,AAAA"}}}}}}}});
        QCOMPARE(out.value("max_tokens").toInt(), 20);
        QCOMPARE(out.value("thinking").toObject(), (QJsonObject{{"type", "enabled"}, {"budget_tokens", 4096}}));
        QCOMPARE(out.value("tool_choice").toObject(), (QJsonObject{{"type", "tool"}, {"name", "w"}}));
        QCOMPARE(out.value("tools").toArray()[0].toObject().value("input_schema").toObject().value("type").toString(), QStringLiteral("object"));
        const QJsonObject image = out.value("messages").toArray()[0].toObject().value("content").toArray()[0].toObject();
        QCOMPARE(image.value("source").toObject(), (QJsonObject{{"type", "base64"}, {"media_type", "image/jpeg"}, {"data", "AAAA"}}));
        QVERIFY(!out.contains("stream") || !out.value("stream").toBool());
        QCOMPARE(chat({{"model", "m"}, {"tool_choice", "required"}, {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "x"}}}}})
                     .value("tool_choice").toObject(), (QJsonObject{{"type", "any"}}));
    }

    void chatStops()
    {
        const auto translate = [](const QJsonValue &stop) {
            return ChatRequestTranslator::translate({{"model", "m"}, {"stop", stop}, {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "x"}}}}});
        };
        QCOMPARE(std::get<TranslatedRequest>(translate("END")).stops, QStringList{"END"});
        QCOMPARE(std::get<TranslatedRequest>(translate(QJsonArray{"a", "b"})).stops, (QStringList{"a", "b"}));
        QVERIFY(std::get<TranslatedRequest>(translate(QJsonValue::Null)).stops.isEmpty());
        QCOMPARE(std::get<ApiError>(translate(QJsonArray{"a", "b", "c", "d", "e"})).httpStatus, 400);
        QCOMPARE(std::get<ApiError>(translate(QJsonArray{1})).httpStatus, 400);
    }

    void chatIncludeUsage()
    {
        auto out = ChatRequestTranslator::translate({{"model", "m"}, {"stream", true}, {"stream_options", QJsonObject{{"include_usage", true}}},
                                                     {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "x"}}}}});
        QVERIFY(std::get<TranslatedRequest>(out).includeUsage);
        QVERIFY(std::get<TranslatedRequest>(out).messages.value("stream").toBool());
    }

    void responsesItems()
    {
        const QJsonObject out = responses({{"model", "m"}, {"instructions", "Sys"}, {"store", false}, {"input", QJsonArray{
            QJsonObject{{"role", "developer"}, {"content", "Dev"}},
            QJsonObject{{"role", "user"}, {"content", "Hi"}},
            QJsonObject{{"type", "message"}, {"role", "assistant"}, {"content", QJsonArray{QJsonObject{{"type", "output_text"}, {"text", "Checking"}}}}},
            QJsonObject{{"type", "reasoning"}, {"summary", QJsonArray()}},
            QJsonObject{{"type", "function_call"}, {"call_id", "c1"}, {"name", "w"}, {"arguments", "{}"}},
            QJsonObject{{"type", "function_call_output"}, {"call_id", "c1"}, {"output", QJsonArray{
                QJsonObject{{"type", "input_text"}, {"text", "see"}},
                QJsonObject{{"type", "input_image"}, {"image_url", "data:image/png;base64,AAAA"}}}}}}},
            {"tools", QJsonArray{QJsonObject{{"type", "web_search"}}, QJsonObject{{"type", "function"}, {"name", "w"}, {"parameters", QJsonObject{{"type", "object"}}}}}},
            {"tool_choice", QJsonObject{{"type", "function"}, {"name", "w"}}}, {"reasoning", QJsonObject{{"effort", "high"}, {"summary", "auto"}}},
            {"max_output_tokens", 99}});
        QCOMPARE(out.value("system").toString(), QStringLiteral("Sys\nDev"));
        const QJsonArray m = out.value("messages").toArray();
        QCOMPARE(m.size(), 3);
        const QJsonArray assistant = m[1].toObject().value("content").toArray();
        QCOMPARE(assistant.size(), 2);   // the text and the call in one turn
        QCOMPARE(assistant[1].toObject().value("type").toString(), QStringLiteral("tool_use"));
        const QJsonObject result = m[2].toObject().value("content").toArray()[0].toObject();
        QCOMPARE(result.value("tool_use_id").toString(), QStringLiteral("c1"));
        QCOMPARE(result.value("content").toArray().size(), 2);
        QCOMPARE(result.value("content").toArray()[1].toObject().value("type").toString(), QStringLiteral("image"));
        QCOMPARE(out.value("tools").toArray().size(), 1);
        QCOMPARE(out.value("tool_choice").toObject(), (QJsonObject{{"type", "tool"}, {"name", "w"}}));
        QCOMPARE(out.value("thinking").toObject().value("budget_tokens").toInt(), 20000);
        QCOMPARE(out.value("max_tokens").toInt(), 99);
    }

    void responsesStringInput()
    {
        const QJsonObject out = responses({{"model", "m"}, {"input", "Hello"}});
        QCOMPARE(out.value("messages").toArray(), (QJsonArray{QJsonObject{{"role", "user"}, {"content", QJsonArray{text("Hello")}}}}));
        QVERIFY(!out.contains("system"));
        QVERIFY(!out.contains("tool_choice"));
    }

    void hostileShapesAreRefusedNotCrashed_data()
    {
        QTest::addColumn<bool>("isChat");
        QTest::addColumn<QByteArray>("body");
        const QList<QByteArray> chats{R"({"messages":"x","model":"m"})", R"({"messages":[1,2],"model":"m"})",
                                      R"({"messages":[{"role":"user","content":[null]}],"model":"m"})",
                                      R"({"messages":[{"role":"user","content":{"a":1}}],"model":"m"})",
                                      R"({"messages":[{"role":"assistant","tool_calls":[{"function":7}]}],"model":"m"})",
                                      R"({"messages":[{"role":"tool","content":"x"}],"model":"m"})",
                                      R"({"messages":[{"role":"user","content":"x"}],"model":7})",
                                      R"({"messages":[{"role":"user","content":"x"}],"model":"m","tools":{}})",
                                      R"({"messages":[{"role":"user","content":"x"}],"model":"m","tool_choice":{"type":"function"}})",
                                      R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:text/html;base64,AA"}}]}],"model":"m"})",
                                      R"({"messages":[{"role":"user","content":"x"}],"model":"m","stream":"yes"})"};
        for (const QByteArray &b : chats)
            QTest::newRow(("chat " + b.left(60)).constData()) << true << b;
        const QList<QByteArray> items{R"({"model":"m"})", R"({"model":"m","input":7})", R"({"model":"m","input":[7]})",
                                      R"({"model":"m","input":[{"role":"tool","content":"x"}]})",
                                      R"({"model":"m","input":[{"type":"function_call","name":"f"}]})",
                                      R"({"model":"m","input":[{"type":"function_call_output"}]})",
                                      R"({"model":"m","input":[{"role":"user","content":[{"type":"input_file"}]}]})",
                                      R"({"model":"m","input":"x","instructions":[1]})",
                                      R"({"model":"m","input":"x","tools":[{"type":"function"}]})"};
        for (const QByteArray &b : items)
            QTest::newRow(("responses " + b.left(60)).constData()) << false << b;
    }

    void hostileShapesAreRefusedNotCrashed()
    {
        QFETCH(bool, isChat);
        QFETCH(QByteArray, body);
        const QJsonObject request = QJsonDocument::fromJson(body).object();
        const auto out = isChat ? ChatRequestTranslator::translate(request) : ResponsesRequestTranslator::translate(request);
        QVERIFY(std::holds_alternative<ApiError>(out));
        QCOMPARE(std::get<ApiError>(out).httpStatus, 400);
    }
};

QTEST_GUILESS_MAIN(TestOpenAiRequestTranslators)
#include "tst_openairequesttranslators.moc"
