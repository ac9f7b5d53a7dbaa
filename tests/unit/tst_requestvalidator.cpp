// Tests that every malformed Anthropic request is refused by RequestConverter::convert with a
// 400 invalid_request_error whose message starts with the offending field's path.
#include "anthropic/requestconverter.h"

#include <QJsonDocument>
#include <QTest>

using namespace kt;

class TestRequestValidator : public QObject {
    Q_OBJECT

private slots:
    void rejects_data();
    void rejects();
    void acceptsOptionalNulls();
};

void TestRequestValidator::rejects_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("field");     // the message must start with "<field>: "
    QTest::addColumn<QString>("contains");  // and contain this

    const QByteArray u = R"("messages":[{"role":"user","content":"Hi"}])";
    const QByteArray m = R"("model":"claude-sonnet-4-5",)";
    auto userBlock = [&m](const char *block) {
        return "{" + m + R"("messages":[{"role":"user","content":[)" + block + "]}]}";
    };
    auto assistantBlock = [&m](const char *block) {
        return "{" + m + R"("messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":[)" + block
            + R"(]},{"role":"user","content":"more"}]})";
    };

    QTest::newRow("model missing") << "{" + u + "}" << "model" << "required";
    QTest::newRow("model not a string") << R"({"model":42,)" + u + "}" << "model" << "string";
    QTest::newRow("model null") << R"({"model":null,)" + u + "}" << "model" << "string";
    QTest::newRow("model empty") << R"({"model":" ",)" + u + "}" << "model" << "must not be empty (see GET /v1/models)";
    QTest::newRow("messages missing") << QByteArray(R"({"model":"claude-sonnet-4-5"})") << "messages" << "required";
    QTest::newRow("messages not array") << "{" + m + R"("messages":"Hi"})" << "messages" << "array";
    QTest::newRow("messages empty") << "{" + m + R"("messages":[]})" << "messages" << "at least one message";
    QTest::newRow("only assistant messages") << "{" + m + R"("messages":[{"role":"assistant","content":"x"}]})"
                                             << "messages" << "at least one user message";
    QTest::newRow("message not object") << "{" + m + R"("messages":[42]})" << "messages.0" << "object";
    QTest::newRow("role missing") << "{" + m + R"("messages":[{"content":"Hi"}]})" << "messages.0.role" << "'user' or 'assistant'";
    // role "system" entries join the system prompt (Claude Code sends them); none left is an empty conversation
    QTest::newRow("only a system message") << "{" + m + R"("messages":[{"role":"system","content":"Hi"}]})" << "messages" << "at least one";
    QTest::newRow("role robot") << "{" + m + R"("messages":[{"role":"robot","content":"Hi"}]})" << "messages.0.role" << "'user'";
    QTest::newRow("content missing") << "{" + m + R"("messages":[{"role":"user"}]})" << "messages.0.content" << "string or an array";
    QTest::newRow("content number") << "{" + m + R"("messages":[{"role":"user","content":5}]})" << "messages.0.content" << "string or an array";
    QTest::newRow("block not object") << userBlock(R"("text")") << "messages.0.content.0" << "object";
    QTest::newRow("block type missing") << userBlock(R"({"text":"x"})") << "messages.0.content.0.type" << "string";
    QTest::newRow("block type unknown") << userBlock(R"({"type":"foo"})") << "messages.0.content.0.type" << "unsupported block type 'foo'";
    QTest::newRow("unknown type in third message")
        << "{" + m + R"("messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},
               {"role":"user","content":[{"type":"foo"}]}]})" << "messages.2.content.0.type" << "unsupported block type 'foo'";
    QTest::newRow("text not string") << userBlock(R"({"type":"text","text":5})") << "messages.0.content.0.text" << "string";
    QTest::newRow("image url source")
        << userBlock(R"({"type":"image","source":{"type":"url","url":"https://x/y.png"}})")
        << "messages.0.content.0.source.type" << "URL image sources are not supported";
    QTest::newRow("image bmp")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"Qk0="}})")
        << "messages.0.content.0.source.media_type" << "image/bmp";
    QTest::newRow("image source missing") << userBlock(R"({"type":"image"})") << "messages.0.content.0.source" << "object";
    QTest::newRow("image data missing")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png"}})")
        << "messages.0.content.0.source.data" << "non-empty string";
    QTest::newRow("image data not base64")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"!!!notbase64"}})")
        << "messages.0.content.0.source.data" << "not valid base64";
    QTest::newRow("image data unpadded")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo"}})")
        << "messages.0.content.0.source.data" << "not valid base64";
    QTest::newRow("image data with a data: prefix")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"data:image/png;base64,iVBO"}})")
        << "messages.0.content.0.source.data" << "not valid base64";
    QTest::newRow("image data with padding inside")
        << userBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iV==iVBO"}})")
        << "messages.0.content.0.source.data" << "not valid base64";
    QTest::newRow("image in second block, not base64")
        << userBlock(R"({"type":"text","text":"look"},{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/ 4AAQ"}})")
        << "messages.0.content.1.source.data" << "not valid base64";
    QTest::newRow("tool_result image not base64")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"base64","media_type":"image/gif","data":"R0lGOD#="}}]})")
        << "messages.0.content.0.content.0.source.data" << "not valid base64";
    QTest::newRow("image source type file")
        << userBlock(R"({"type":"image","source":{"type":"file","file_id":"f"}})")
        << "messages.0.content.0.source.type" << "unsupported image source type 'file'";
    QTest::newRow("document base64 pdf")
        << userBlock(R"({"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"}})")
        << "messages.0.content.0.source.type" << "only plain text documents";
    QTest::newRow("tool_result without id")
        << userBlock(R"({"type":"tool_result","content":"x"})") << "messages.0.content.0.tool_use_id" << "non-empty string";
    QTest::newRow("tool_result content number")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":5})") << "messages.0.content.0.content" << "string or an array";
    QTest::newRow("tool_result content block unknown")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":[{"type":"foo"}]})")
        << "messages.0.content.0.content.0.type" << "'foo'";
    QTest::newRow("tool_result content block not object")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":[1]})") << "messages.0.content.0.content.0" << "object";
    QTest::newRow("tool_result url image")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"url","url":"u"}}]})")
        << "messages.0.content.0.content.0.source.type" << "URL";
    QTest::newRow("tool_result is_error string")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","is_error":"yes"})") << "messages.0.content.0.is_error" << "boolean";
    QTest::newRow("tool_use in user message")
        << userBlock(R"({"type":"tool_use","id":"t","name":"n","input":{}})") << "messages.0.content.0.type" << "assistant";
    QTest::newRow("thinking in user message")
        << userBlock(R"({"type":"thinking","thinking":"x"})") << "messages.0.content.0.type" << "assistant";
    QTest::newRow("server_tool_use without name (fuzz_request_converter found it)")
        << assistantBlock(R"({"type":"server_tool_use","id":"s","nae":"web_search","input":{}})") << "messages.1.content.0.name" << "non-empty string";
    QTest::newRow("server_tool_use without id")
        << assistantBlock(R"({"type":"server_tool_use","name":"web_search","input":{}})") << "messages.1.content.0.id" << "non-empty string";
    QTest::newRow("server_tool_use from the user")
        << userBlock(R"({"type":"server_tool_use","id":"s","name":"web_search","input":{}})") << "messages.0.content.0.type" << "assistant";
    QTest::newRow("tool_use without name")
        << assistantBlock(R"({"type":"tool_use","id":"t","input":{}})") << "messages.1.content.0.name" << "non-empty string";
    QTest::newRow("tool_use without id")
        << assistantBlock(R"({"type":"tool_use","name":"n","input":{}})") << "messages.1.content.0.id" << "non-empty string";
    QTest::newRow("tool_use input array")
        << assistantBlock(R"({"type":"tool_use","id":"t","name":"n","input":[1]})") << "messages.1.content.0.input" << "object";
    QTest::newRow("tool_reference without tool_name")
        << userBlock(R"({"type":"tool_result","tool_use_id":"t","content":[{"type":"tool_reference"}]})")
        << "messages.0.content.0.content.0.tool_name" << "non-empty string";
    QTest::newRow("tool_reference outside tool_result")
        << userBlock(R"({"type":"tool_reference","tool_name":"WebFetch"})") << "messages.0.content.0.type" << "unsupported block type";
    QTest::newRow("tool_result in assistant message")
        << assistantBlock(R"({"type":"tool_result","tool_use_id":"t"})") << "messages.1.content.0.type" << "user";
    QTest::newRow("image in assistant message")
        << assistantBlock(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"x"}})")
        << "messages.1.content.0.type" << "user";
    QTest::newRow("thinking text missing")
        << assistantBlock(R"({"type":"thinking","signature":"s"})") << "messages.1.content.0.thinking" << "string";
    QTest::newRow("max_tokens zero") << "{" + m + u + R"(,"max_tokens":0})" << "max_tokens" << "positive integer";
    QTest::newRow("max_tokens negative") << "{" + m + u + R"(,"max_tokens":-5})" << "max_tokens" << "positive integer";
    QTest::newRow("max_tokens fraction") << "{" + m + u + R"(,"max_tokens":1.5})" << "max_tokens" << "positive integer";
    QTest::newRow("max_tokens string") << "{" + m + u + R"(,"max_tokens":"100"})" << "max_tokens" << "positive integer";
    QTest::newRow("stream string") << "{" + m + u + R"(,"stream":"yes"})" << "stream" << "boolean";
    QTest::newRow("system number") << "{" + m + u + R"(,"system":5})" << "system" << "string or an array";
    QTest::newRow("system image block") << "{" + m + u + R"(,"system":[{"type":"image"}]})" << "system.0" << "text block";
    QTest::newRow("system block not object") << "{" + m + u + R"(,"system":["x"]})" << "system.0" << "text block";
    QTest::newRow("system text missing") << "{" + m + u + R"(,"system":[{"type":"text"}]})" << "system.0.text" << "string";
    QTest::newRow("tools object") << "{" + m + u + R"(,"tools":{}})" << "tools" << "array";
    QTest::newRow("tool not object") << "{" + m + u + R"(,"tools":[5]})" << "tools.0" << "object";
    QTest::newRow("tool without name") << "{" + m + u + R"(,"tools":[{"description":"x"}]})" << "tools.0.name" << "non-empty string";
    QTest::newRow("second tool name number") << "{" + m + u + R"(,"tools":[{"name":"a"},{"name":3}]})" << "tools.1.name" << "non-empty string";
    QTest::newRow("thinking string") << "{" + m + u + R"(,"thinking":"on"})" << "thinking" << "object";
    QTest::newRow("thinking type unknown") << "{" + m + u + R"(,"thinking":{"type":"maybe"}})" << "thinking.type" << "'enabled'";
    QTest::newRow("thinking budget negative") << "{" + m + u + R"(,"thinking":{"type":"enabled","budget_tokens":-1}})"
                                              << "thinking.budget_tokens" << "positive integer";
}

void TestRequestValidator::rejects()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, field);
    QFETCH(QString, contains);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));

    const auto result = RequestConverter::convert(doc.object(), {});
    QVERIFY2(std::holds_alternative<ApiError>(result), "the request was accepted");
    const ApiError error = std::get<ApiError>(result);
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.type, QStringLiteral("invalid_request_error"));
    QVERIFY2(error.message.startsWith(field + QStringLiteral(": ")), qPrintable(error.message));
    QVERIFY2(error.message.contains(contains), qPrintable(error.message));
}

void TestRequestValidator::acceptsOptionalNulls()
{
    const QJsonDocument doc = QJsonDocument::fromJson(R"({"model":"claude-sonnet-4-5","max_tokens":null,"stream":null,
        "system":null,"tools":null,"thinking":null,"metadata":null,
        "messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":null,"is_error":null}]},
                    {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":null},
                      {"type":"server_tool_use","id":"s","name":"web_search","input":{}},
                      {"type":"web_search_tool_result","tool_use_id":"s","content":[]}]},
                    {"role":"user","content":[]}]})");
    const auto result = RequestConverter::convert(doc.object(), {});
    if (const ApiError *error = std::get_if<ApiError>(&result))
        QFAIL(qPrintable(error->message));
    const ConvertedRequest converted = std::get<ConvertedRequest>(result);
    const QJsonObject current = converted.kiroBody.value("conversationState").toObject().value("currentMessage").toObject();
    // The earlier search's result becomes a tool result of the (otherwise empty) last user turn.
    QCOMPARE(current.value("userInputMessage").toObject().value("content").toString(), QStringLiteral("Tool results provided."));
    QVERIFY(!converted.stream);
    QVERIFY(!converted.thinkingEnabled);
}

QTEST_GUILESS_MAIN(TestRequestValidator)
#include "tst_requestvalidator.moc"
