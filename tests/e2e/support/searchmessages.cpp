#include "searchmessages.h"

#include "proxyfixture.h"

#include <QJsonDocument>

namespace kt::test::SearchMessages {

QJsonObject request(const QString &text, bool stream, const QJsonObject &toolExtra)
{
    QJsonObject tool{{"type", "web_search_20250305"}, {"name", "web_search"}, {"max_uses", 5}};
    for (auto it = toolExtra.begin(); it != toolExtra.end(); ++it)
        tool.insert(it.key(), it.value());
    QJsonObject body = ProxyFixture::request(QStringLiteral("[[session:search]] ") + text, stream);
    body.insert("tools", QJsonArray{tool});
    return body;
}

QStringList types(const QJsonArray &content)
{
    QStringList out;
    for (const QJsonValue &block : content)
        out.append(block.toObject().value("type").toString());
    return out;
}

QJsonObject fromStream(const HttpResult &r)
{
    QJsonObject message;
    QJsonArray content;
    int starts = 0, stops = 0, deltas = 0;
    for (const auto &e : r.events()) {
        if (e.name == "message_start") {
            ++starts;
            message = e.data.value("message").toObject();
        } else if (e.name == "content_block_start") {
            if (e.data.value("index").toInt() != content.size())
                return {};   // indices must run on without gaps across rounds
            content.append(e.data.value("content_block"));
        } else if (e.name == "content_block_delta") {
            const int index = e.data.value("index").toInt();
            QJsonObject block = content.at(index).toObject();
            const QJsonObject delta = e.data.value("delta").toObject();
            if (delta.value("type") == "text_delta") {
                block.insert("text", block.value("text").toString() + delta.value("text").toString());
            } else if (delta.value("type") == "input_json_delta") {
                block.insert("partial", block.value("partial").toString() + delta.value("partial_json").toString());
            } else if (delta.value("type") == "citations_delta") {
                if (!block.value("text").toString().isEmpty())
                    return {};
                QJsonArray citations = block.value("citations").toArray();
                citations.append(delta.value("citation"));
                block.insert("citations", citations);
            }
            content.replace(index, block);
        } else if (e.name == "message_delta") {
            ++deltas;
            message.insert("stop_reason", e.data.value("delta").toObject().value("stop_reason"));
            message.insert("usage", e.data.value("usage"));
        } else if (e.name == "message_stop") {
            ++stops;
        }
    }
    if (starts != 1 || stops != 1 || deltas != 1)
        return {};
    for (qsizetype i = 0; i < content.size(); ++i) {
        QJsonObject block = content.at(i).toObject();
        if (block.contains("partial")) {
            block.insert("input", QJsonDocument::fromJson(block.take("partial").toString().toUtf8()).object());
            content.replace(i, block);
        }
    }
    message.insert("content", content);
    return message;
}

QJsonArray results(const QJsonArray &content, int n)
{
    int seen = 0;
    for (const QJsonValue &block : content)
        if (block.toObject().value("type") == "web_search_tool_result" && seen++ == n)
            return block.toObject().value("content").toArray();
    return {};
}

} // namespace kt::test::SearchMessages
