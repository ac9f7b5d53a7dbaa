#include "fakesessionscript.h"

#include "fakescenarios.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringList>

namespace kt::fake {

const QString FakeSessionScript::FinalText = QStringLiteral("The file is edited.");

namespace {

struct Step {
    QString tool;
    QJsonObject input;
};

QJsonObject conversation(const QJsonObject &body) { return body.value(QStringLiteral("conversationState")).toObject(); }

QJsonObject currentInput(const QJsonObject &body)
{
    return conversation(body).value(QStringLiteral("currentMessage")).toObject()
        .value(QStringLiteral("userInputMessage")).toObject();
}

QList<QJsonObject> userInputs(const QJsonObject &body)
{
    QList<QJsonObject> inputs;
    for (const QJsonValue &entry : conversation(body).value(QStringLiteral("history")).toArray()) {
        const QJsonObject input = entry.toObject().value(QStringLiteral("userInputMessage")).toObject();
        if (!input.isEmpty())
            inputs.append(input);
    }
    inputs.append(currentInput(body));
    return inputs;
}

QString marker(const QJsonObject &body, const QString &key)
{
    const QRegularExpression pattern(QStringLiteral("\\[\\[%1:([^\\]\\s]+)\\]\\]").arg(key));
    for (const QJsonObject &input : userInputs(body)) {
        const QString found = pattern.match(input.value(QStringLiteral("content")).toString()).captured(1);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

QStringList offeredTools(const QJsonObject &body)
{
    QStringList names;
    const QJsonArray tools = currentInput(body).value(QStringLiteral("userInputMessageContext")).toObject()
                                 .value(QStringLiteral("tools")).toArray();
    for (const QJsonValue &tool : tools)
        names.append(tool.toObject().value(QStringLiteral("toolSpecification")).toObject().value(QStringLiteral("name")).toString());
    return names;
}

// Tool name -> toolUseId of the tool calls in the history.
QHash<QString, QString> usedTools(const QJsonObject &body)
{
    QHash<QString, QString> used;
    for (const QJsonValue &entry : conversation(body).value(QStringLiteral("history")).toArray()) {
        const QJsonArray uses = entry.toObject().value(QStringLiteral("assistantResponseMessage")).toObject()
                                    .value(QStringLiteral("toolUses")).toArray();
        for (const QJsonValue &use : uses)
            used.insert(use.toObject().value(QStringLiteral("name")).toString(), use.toObject().value(QStringLiteral("toolUseId")).toString());
    }
    return used;
}

// toolUseId -> {text, failed} of every tool result in the conversation.
QHash<QString, QPair<QString, bool>> toolResults(const QJsonObject &body)
{
    QHash<QString, QPair<QString, bool>> results;
    for (const QJsonObject &input : userInputs(body)) {
        const QJsonArray list = input.value(QStringLiteral("userInputMessageContext")).toObject()
                                    .value(QStringLiteral("toolResults")).toArray();
        for (const QJsonValue &value : list) {
            const QJsonObject result = value.toObject();
            QStringList texts;
            for (const QJsonValue &part : result.value(QStringLiteral("content")).toArray())
                texts.append(part.toObject().value(QStringLiteral("text")).toString());
            results.insert(result.value(QStringLiteral("toolUseId")).toString(),
                           {texts.join(QLatin1Char('\n')), result.value(QStringLiteral("status")).toString() == QStringLiteral("error")});
        }
    }
    return results;
}

QList<Step> editSteps(const QString &path, bool withToolSearch)
{
    QList<Step> steps;
    if (withToolSearch)
        steps.append({QStringLiteral("ToolSearch"), {{QStringLiteral("query"), QStringLiteral("select:WebFetch")},
                                                     {QStringLiteral("max_results"), 5}}});
    steps.append({QStringLiteral("Bash"), {{QStringLiteral("command"), QStringLiteral("printf 'hello from bash\\n' > '%1'").arg(path)},
                                           {QStringLiteral("description"), QStringLiteral("Write the test file")}}});
    steps.append({QStringLiteral("Read"), {{QStringLiteral("file_path"), path}}});
    steps.append({QStringLiteral("Edit"), {{QStringLiteral("file_path"), path},
                                           {QStringLiteral("old_string"), QStringLiteral("hello from bash")},
                                           {QStringLiteral("new_string"), QStringLiteral("hello from kiro")}}});
    return steps;
}

FakeReply reply(const QString &text, const Step *step = nullptr, int index = 0)
{
    FakeReply r;
    r.steps.append(FakeStep::bytes(FakeScenarios::textFrame(text)));
    if (step) {
        const QJsonObject use{{QStringLiteral("toolUseId"), QStringLiteral("tooluse_session_%1").arg(index)},
                              {QStringLiteral("name"), step->tool},
                              {QStringLiteral("input"), QString::fromUtf8(QJsonDocument(step->input).toJson(QJsonDocument::Compact))},
                              {QStringLiteral("stop"), true}};
        r.steps.append(FakeStep::bytes(FakeScenarios::jsonEvent(QStringLiteral("toolUseEvent"), use)));
    }
    r.steps.append(FakeStep::bytes(FakeScenarios::jsonEvent(QStringLiteral("contextUsageEvent"),
                                                            {{QStringLiteral("contextUsagePercentage"), 2.0}})));
    return r;
}

FakeReply failed(const QString &why) { return reply(QStringLiteral("session check failed: ") + why); }

FakeReply editSession(const QJsonObject &body)
{
    const QStringList offered = offeredTools(body);
    if (offered.isEmpty())
        return reply(QStringLiteral("OK"));   // a side request of the client (title, summary…)
    const QString path = marker(body, QStringLiteral("file"));
    if (path.isEmpty())
        return failed(QStringLiteral("no [[file:PATH]] marker"));
    const QHash<QString, QString> used = usedTools(body);
    const QHash<QString, QPair<QString, bool>> results = toolResults(body);
    for (auto it = used.cbegin(); it != used.cend(); ++it) {
        const auto result = results.value(it.value());
        if (result.second)
            return failed(QStringLiteral("%1 failed: %2").arg(it.key(), result.first));
    }
    if (used.contains(QStringLiteral("ToolSearch"))) {
        if (!offered.contains(QStringLiteral("WebFetch")))
            return failed(QStringLiteral("WebFetch was not offered after ToolSearch loaded it"));
        const QString text = results.value(used.value(QStringLiteral("ToolSearch"))).first;
        if (!text.contains(QStringLiteral("Tool WebFetch loaded.")))
            return failed(QStringLiteral("the ToolSearch result reads '%1'").arg(text));
    }
    const QList<Step> steps = editSteps(path, offered.contains(QStringLiteral("ToolSearch")) || used.contains(QStringLiteral("ToolSearch")));
    for (int i = 0; i < steps.size(); ++i) {
        if (used.contains(steps[i].tool))
            continue;
        if (!offered.contains(steps[i].tool))
            return failed(QStringLiteral("tool %1 is not offered").arg(steps[i].tool));
        return reply(QStringLiteral("Step %1.").arg(i + 1), &steps[i], i + 1);
    }
    QStringList done;
    for (const Step &step : steps)
        done.append(step.tool);
    return reply(QStringLiteral("%1 (%2)").arg(FakeSessionScript::FinalText, done.join(QStringLiteral(", "))));
}

int toolUseCount(const QJsonObject &body, const QString &name)
{
    int count = 0;
    for (const QJsonValue &entry : conversation(body).value(QStringLiteral("history")).toArray())
        for (const QJsonValue &use : entry.toObject().value(QStringLiteral("assistantResponseMessage")).toObject()
                                         .value(QStringLiteral("toolUses")).toArray())
            count += use.toObject().value(QStringLiteral("name")).toString() == name ? 1 : 0;
    return count;
}

// The rest of the line after `prefix` in the conversation's user messages.
QString lineAfter(const QJsonObject &body, const QString &prefix)
{
    for (const QJsonObject &input : userInputs(body)) {
        const QString content = input.value(QStringLiteral("content")).toString();
        const qsizetype at = content.indexOf(prefix);
        if (at >= 0)
            return content.mid(at + prefix.size()).section(QLatin1Char('\n'), 0, 0).trimmed();
    }
    return {};
}

// Every URL in the conversation's tool results, first-seen order.
QStringList resultUrls(const QJsonObject &body)
{
    static const QRegularExpression url(QStringLiteral("https?://[^\\s\"\\)\\]]+"));
    QStringList urls;
    for (const auto &result : toolResults(body)) {
        auto it = url.globalMatch(result.first);
        while (it.hasNext()) {
            const QString found = it.next().captured(0);
            if (!urls.contains(found))
                urls.append(found);
        }
    }
    return urls;
}

FakeReply sourcesAnswer(const QJsonObject &body)
{
    const QStringList urls = resultUrls(body);
    return reply(urls.isEmpty() ? QStringLiteral("No sources.") : QStringLiteral("Sources: ") + urls.join(QStringLiteral(", ")));
}

// The result numbers ("N. title" lines) of the newest tool result, as KiroTray numbers them.
QList<int> newestResultNumbers(const QJsonObject &body)
{
    static const QRegularExpression numbered(QStringLiteral("^(\\d+)\\. "), QRegularExpression::MultilineOption);
    const QJsonArray results = currentInput(body).value(QStringLiteral("userInputMessageContext")).toObject()
                                   .value(QStringLiteral("toolResults")).toArray();
    QList<int> numbers;
    if (results.isEmpty())
        return numbers;
    for (const QJsonValue &part : results.last().toObject().value(QStringLiteral("content")).toArray())
        for (auto it = numbered.globalMatch(part.toObject().value(QStringLiteral("text")).toString()); it.hasNext();)
            numbers.append(it.next().captured(1).toInt());
    return numbers;
}

// Quotes the newest search's first two results the way KiroTray asks (a "[N]" after a sentence),
// with one marker cut in two across frames and a "[99]" that names no result.
FakeReply citingAnswer(const QJsonObject &body)
{
    const QList<int> n = newestResultNumbers(body);
    if (n.size() < 2)
        return sourcesAnswer(body);
    FakeReply r;
    r.steps.append(FakeStep::bytes(FakeScenarios::textFrame(
        QStringLiteral("Here is what I found. The first result covers it [%1]. Both agree [%1").arg(n[0]))));
    r.steps.append(FakeStep::bytes(FakeScenarios::textFrame(QStringLiteral("][%1].\nIndex a[99] stays.").arg(n[1]))));
    r.steps.append(FakeStep::bytes(FakeScenarios::jsonEvent(QStringLiteral("contextUsageEvent"),
                                                            {{QStringLiteral("contextUsagePercentage"), 2.0}})));
    return r;
}

// Session "search": as the model behind the web search server tool (offered as "web_search") it
// searches [[searches:N]] times (default 1) for the text after the marker, or for Claude Code's
// "Perform a web search for the query: …"; as Claude Code's main model it loads WebSearch with
// ToolSearch when deferred, calls it, and answers with the URLs it got back.
FakeReply searchSession(const QJsonObject &body)
{
    const QStringList offered = offeredTools(body);
    QString query = lineAfter(body, QStringLiteral("Perform a web search for the query: "));
    if (query.isEmpty())
        query = lineAfter(body, QStringLiteral("[[session:search]]"));
    if (offered.contains(QStringLiteral("web_search"))) {
        static const QRegularExpression wanted(QStringLiteral("\\[\\[searches:(\\d+)\\]\\]"));
        const int searches = qMax(1, wanted.match(query).captured(1).toInt());
        const int done = toolUseCount(body, QStringLiteral("web_search"));
        if (done >= searches)
            return query.contains(QStringLiteral("[[cite]]")) ? citingAnswer(body) : sourcesAnswer(body);
        const Step step{QStringLiteral("web_search"),
                        {{QStringLiteral("query"), done == 0 ? query : QStringLiteral("%1 (search %2)").arg(query).arg(done + 1)}}};
        return reply(QStringLiteral("Searching."), &step, 100 + done);
    }
    if (offered.isEmpty())
        return reply(QStringLiteral("OK"));
    if (toolUseCount(body, QStringLiteral("WebSearch")) > 0)
        return sourcesAnswer(body);
    if (offered.contains(QStringLiteral("WebSearch"))) {
        // The marker rides along into Claude Code's search sub-request, so it reaches this session too.
        const Step step{QStringLiteral("WebSearch"), {{QStringLiteral("query"), QStringLiteral("[[session:search]] ") + query}}};
        return reply(QStringLiteral("Let me search."), &step, 201);
    }
    if (offered.contains(QStringLiteral("ToolSearch")) && toolUseCount(body, QStringLiteral("ToolSearch")) == 0) {
        const Step step{QStringLiteral("ToolSearch"), {{QStringLiteral("query"), QStringLiteral("select:WebSearch")},
                                                       {QStringLiteral("max_results"), 5}}};
        return reply(QStringLiteral("Loading the search tool."), &step, 200);
    }
    return failed(QStringLiteral("no web search tool is offered"));
}

} // namespace

QString FakeSessionScript::sessionIn(const QJsonObject &kiroBody)
{
    return marker(kiroBody, QStringLiteral("session"));
}

bool FakeSessionScript::exists(const QString &name)
{
    return name == QStringLiteral("edit") || name == QStringLiteral("search");
}

FakeReply FakeSessionScript::build(const QString &name, const QJsonObject &kiroBody)
{
    if (name == QStringLiteral("edit"))
        return editSession(kiroBody);
    if (name == QStringLiteral("search"))
        return searchSession(kiroBody);
    return FakeReply::json(400, {{QStringLiteral("message"), QStringLiteral("fake_kiro: unknown session '%1'").arg(name)}});
}

} // namespace kt::fake
