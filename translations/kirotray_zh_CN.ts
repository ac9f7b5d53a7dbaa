<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>kt::AboutDialog</name>
    <message>
        <source>About KiroTray</source>
        <translation>关于 KiroTray</translation>
    </message>
    <message>
        <source>A local Anthropic Messages API for your Kiro accounts, in the system tray.</source>
        <translation>在系统托盘中为您的 Kiro 账号提供本地 Anthropic Messages API。</translation>
    </message>
    <message>
        <source>Released under the MIT License. This program comes with no warranty.</source>
        <translation>以 MIT 许可证发布。本程序不提供任何担保。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>版本：%1</translation>
    </message>
    <message>
        <source>Qt: %1 (built with %2)</source>
        <translation>Qt：%1（构建时为 %2）</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>密钥：%1</translation>
    </message>
</context>
<context>
    <name>kt::AccountsModel</name>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cooling down until %1</source>
        <translation>冷却中，至 %1</translation>
    </message>
    <message>
        <source>Cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>已失效：%1</translation>
    </message>
    <message>
        <source>Quota not read yet</source>
        <translation>尚未读取额度</translation>
    </message>
    <message>
        <source>Quota unavailable</source>
        <translation>无法读取额度</translation>
    </message>
    <message>
        <source>%1 / %2 (%3 % left)</source>
        <translation>%1 / %2（剩余 %3 %）</translation>
    </message>
    <message>
        <source>resets %1</source>
        <translation>%1 重置</translation>
    </message>
    <message>
        <source>%1
Last error: %2</source>
        <translation>%1
最近错误：%2</translation>
    </message>
    <message>
        <source>Free trial: %1 / %2</source>
        <translation>免费试用：%1 / %2</translation>
    </message>
    <message>
        <source>Bonus: %1 / %2</source>
        <translation>奖励额度：%1 / %2</translation>
    </message>
    <message>
        <source>Uncheck to stop using this account</source>
        <translation>取消勾选即停止使用此账号</translation>
    </message>
    <message>
        <source>Check to use this account again</source>
        <translation>勾选以重新使用此账号</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>社交登录</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>额度</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <source>Unavailable (built-in list)</source>
        <translation>不可用（使用内置列表）</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s), read %1</source>
        <translation>
            <numerusform>%n 个模型，读取于 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 tokens of context</source>
        <translation>%1：上下文 %2 个 token</translation>
    </message>
    <message>
        <source>The model list has not been read: the built-in list is assumed.</source>
        <translation>尚未读取模型列表：暂按内置列表处理。</translation>
    </message>
    <message>
        <source>Last reading failed: %1</source>
        <translation>上次读取失败：%1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>On, %1 of %2 USD</source>
        <translation>开，已用 %1 / %2 美元</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Overage: usage beyond the plan&apos;s credits, billed at %1 USD per request</source>
        <translation>超额使用：超出套餐积分的用量，按每次请求 %1 美元计费</translation>
    </message>
    <message>
        <source>Overage</source>
        <translation>超额使用</translation>
    </message>
    <message>
        <source>%1 of %2 requests in the last minute</source>
        <translation>最近一分钟 %1 / %2 个请求</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>kt::AccountsPage</name>
    <message>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Least used</source>
        <translation>最少使用</translation>
    </message>
    <message>
        <source>Priority (lowest number first)</source>
        <translation>优先级（数字小者优先）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Refresh quota</source>
        <translation>刷新额度(&amp;R)</translation>
    </message>
    <message>
        <source>Add one account by its refresh token</source>
        <translation>用刷新令牌添加一个账号</translation>
    </message>
    <message>
        <source>Import accounts from JSON files or the Kiro IDE</source>
        <translation>从 JSON 文件或 Kiro IDE 导入账号</translation>
    </message>
    <message>
        <source>Read the selected account&apos;s quota again</source>
        <translation>重新读取所选账号的额度</translation>
    </message>
    <message>
        <source>Read every account&apos;s quota again</source>
        <translation>重新读取所有账号的额度</translation>
    </message>
    <message>
        <source>Account selection strategy</source>
        <translation>账号选择策略</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <source>Delete %1 from KiroTray? Its tokens are removed from this computer; the Kiro account itself is not affected.</source>
        <translation>要从 KiroTray 删除 %1 吗？其令牌将从本机移除；Kiro 账号本身不受影响。</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>停用(&amp;B)</translation>
    </message>
    <message>
        <source>Dele&amp;te…</source>
        <translation>删除(&amp;T)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh all</source>
        <translation>全部刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Strate&amp;gy:</source>
        <translation>选择策略(&amp;G)：</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
    <message>
        <source>Add a&amp;ccount…</source>
        <translation>添加账号(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign in a&amp;gain…</source>
        <translation>重新登录(&amp;G)…</translation>
    </message>
    <message>
        <source>Add a Kiro account by signing in: AWS Builder ID, organisation SSO, Google, GitHub or an API key</source>
        <translation>通过登录添加 Kiro 账号：AWS Builder ID、组织 SSO、Google、GitHub 或 API 密钥</translation>
    </message>
    <message>
        <source>Sign the selected account in again (when its login stopped working)</source>
        <translation>重新登录所选账号（当其登录失效时）</translation>
    </message>
    <message>
        <source>No Kiro account yet</source>
        <translation>还没有 Kiro 账号</translation>
    </message>
    <message>
        <source>Sign in with AWS Builder ID, your organisation&apos;s SSO, Google or GitHub, or add a Kiro API key. You can add several accounts; requests are spread over them.</source>
        <translation>使用 AWS Builder ID、组织 SSO、Google 或 GitHub 登录，或添加 Kiro API 密钥。可以添加多个账号，请求会分摊到这些账号上。</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Import from the Kiro IDE or a file…</source>
        <translation>从 Kiro IDE 或文件导入…</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Refresh quota</source>
        <translation>刷新额度</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
</context>
<context>
    <name>kt::AddAccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <source>Social login (Google, GitHub)</source>
        <translation>社交登录（Google、GitHub）</translation>
    </message>
    <message>
        <source>AWS Builder ID / IAM Identity Center</source>
        <translation>AWS Builder ID / IAM Identity Center</translation>
    </message>
    <message>
        <source>&amp;Login type:</source>
        <translation>登录方式(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Refresh token:</source>
        <translation>刷新令牌(&amp;R)：</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>客户端 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>客户端密钥(&amp;S)：</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>区域(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Enter the account&apos;s refresh token.</source>
        <translation>请输入账号的刷新令牌。</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>正在添加…</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>未添加：%1</translation>
    </message>
</context>
<context>
    <name>kt::ClaudeCodeDialog</name>
    <message>
        <source>Configure Claude Code</source>
        <translation>配置 Claude Code</translation>
    </message>
    <message>
        <source>Claude Code reads its environment from the &quot;env&quot; block of its settings file. KiroTray sets ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY there and leaves every other setting as it is. The original file is kept so that Undo can put it back.</source>
        <translation>Claude Code 从其设置文件的 &quot;env&quot; 块读取环境变量。KiroTray 会在其中设置 ANTHROPIC_BASE_URL 和 ANTHROPIC_API_KEY，其他设置保持不变。原文件会被备份，可用“撤销”恢复。</translation>
    </message>
    <message>
        <source>Change to the Claude Code settings file</source>
        <translation>对 Claude Code 设置文件的修改</translation>
    </message>
    <message>
        <source>For other tools: export ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY in a shell</source>
        <translation>用于其他工具：在 shell 中导出 ANTHROPIC_BASE_URL 和 ANTHROPIC_API_KEY</translation>
    </message>
    <message>
        <source>Saved. Restart Claude Code to use KiroTray.</source>
        <translation>已保存。重启 Claude Code 后即可使用 KiroTray。</translation>
    </message>
    <message>
        <source>Claude Code already uses KiroTray at %1.</source>
        <translation>Claude Code 已在使用位于 %1 的 KiroTray。</translation>
    </message>
</context>
<context>
    <name>kt::ClientSetupDialog</name>
    <message>
        <source>Show the API key</source>
        <translation>显示 API 密钥</translation>
    </message>
    <message>
        <source>Shell command</source>
        <translation>Shell 命令</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Copy shell &amp;exports</source>
        <translation>复制 shell 导出命令(&amp;E)</translation>
    </message>
    <message>
        <source>The previous settings file is back.</source>
        <translation>已恢复之前的设置文件。</translation>
    </message>
    <message>
        <source>Shell exports copied to the clipboard.</source>
        <translation>已将 shell 导出命令复制到剪贴板。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>%1. Nothing will be changed.</source>
        <translation>%1。不会做任何修改。</translation>
    </message>
    <message>
        <source>Lines starting with + are added, - removed.</source>
        <translation>以 + 开头的行将被添加，以 - 开头的行将被删除。</translation>
    </message>
    <message>
        <source>The file does not exist yet; it will be created.</source>
        <translation>该文件尚不存在，将会新建。</translation>
    </message>
</context>
<context>
    <name>kt::CodexDialog</name>
    <message>
        <source>Configure Codex</source>
        <translation>配置 Codex</translation>
    </message>
    <message>
        <source>Codex CLI reads its model providers from config.toml. KiroTray adds a &quot;%1&quot; provider that speaks the Responses API to the proxy, makes it the default with the model chosen below, and leaves every other setting as it is. Codex reads the API key from the %2 environment variable: set it in the shell that runs codex. The original file is kept so that Undo can put it back.</source>
        <translation>Codex CLI 从 config.toml 读取模型提供方。KiroTray 会添加一个名为“%1”的提供方，通过 Responses API 连接本代理，并将其与下方选择的模型设为默认，其他设置保持不变。Codex 从环境变量 %2 读取 API 密钥：请在运行 codex 的 shell 中设置它。原文件会被保留，以便撤销时恢复。</translation>
    </message>
    <message>
        <source>Change to the Codex configuration file</source>
        <translation>对 Codex 配置文件的修改</translation>
    </message>
    <message>
        <source>Saved. Set %1 in the shell that runs codex (Copy shell exports), then start codex.</source>
        <translation>已保存。请在运行 codex 的 shell 中设置 %1（复制 shell 导出命令），然后启动 codex。</translation>
    </message>
    <message>
        <source>Copy the command that sets %1, where Codex reads the KiroTray API key from</source>
        <translation>复制设置 %1 的命令，Codex 从中读取 KiroTray API 密钥</translation>
    </message>
    <message>
        <source>Codex already uses KiroTray at %1.</source>
        <translation>Codex 已在使用位于 %1 的 KiroTray。</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>请选择模型</translation>
    </message>
</context>
<context>
    <name>kt::DashboardPage</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>运行时长：</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation>今日请求数</translation>
    </message>
    <message>
        <source>Success rate today</source>
        <translation>今日成功率</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>今日令牌数</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>请求数：</translation>
    </message>
    <message>
        <source>Success rate:</source>
        <translation>成功率：</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>Token 数：</translation>
    </message>
    <message>
        <source>Requests per hour</source>
        <translation>每小时请求数</translation>
    </message>
    <message>
        <source>Tokens per hour</source>
        <translation>每小时 Token 数</translation>
    </message>
    <message>
        <source>Requests per account</source>
        <translation>各账号请求数</translation>
    </message>
    <message>
        <source>Tokens per account</source>
        <translation>各账号 Token 数</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>%1 active of %2</source>
        <translation>%1 个可用，共 %2 个</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 in, %2 out</source>
        <translation>输入 %1，输出 %2</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>账号 %1</translation>
    </message>
    <message>
        <source>Credits today</source>
        <translation>今日积分</translation>
    </message>
    <message>
        <source>Credits:</source>
        <translation>积分：</translation>
    </message>
    <message>
        <source>Credits per account</source>
        <translation>各账号积分</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>按模型统计用量</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Conversations kept on one account</source>
        <translation>保持在同一账号上的会话</translation>
    </message>
    <message>
        <source>Conversations whose requests stay on the account that served them (conversation affinity)</source>
        <translation>其请求始终由最初服务它们的账号处理的会话（会话亲和）</translation>
    </message>
    <message>
        <source>Bound conversations: %1</source>
        <translation>绑定的会话：%1</translation>
    </message>
</context>
<context>
    <name>kt::ImportDialog</name>
    <message>
        <source>Import accounts</source>
        <translation>导入账号</translation>
    </message>
    <message>
        <source>Import a Kiro IDE export, a kiro-rs credentials.json or a KiroTray/kiro pool accounts.json. Every entry is checked first; nothing is saved until you press Import.</source>
        <translation>可导入 Kiro IDE 导出文件、kiro-rs 的 credentials.json 或 KiroTray/kiro 账号池的 accounts.json。每个条目都会先检查；在点击“导入”之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>&amp;Choose files…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose JSON files to import</source>
        <translation>选择要导入的 JSON 文件</translation>
    </message>
    <message>
        <source>Import from this computer&apos;s &amp;Kiro IDE</source>
        <translation>从本机的 Kiro IDE 导入(&amp;K)</translation>
    </message>
    <message>
        <source>Import the Kiro IDE login of this computer</source>
        <translation>导入本机 Kiro IDE 的登录信息</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>…or paste JSON here</source>
        <translation>…或在此粘贴 JSON</translation>
    </message>
    <message>
        <source>Pasted account JSON</source>
        <translation>粘贴的账号 JSON</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Entries found</source>
        <translation>找到的条目</translation>
    </message>
    <message>
        <source>&amp;Import selected</source>
        <translation>导入所选(&amp;I)</translation>
    </message>
    <message>
        <source>Choose account files</source>
        <translation>选择账号文件</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 is too large to be an account file</source>
        <translation>%1 太大，不是账号文件</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Kiro IDE on this computer</source>
        <translation>本机的 Kiro IDE</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n entries…</source>
        <translation>
            <numerusform>正在检查 %n 个条目…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n accounts…</source>
        <translation>
            <numerusform>正在导入 %n 个账号…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries can be imported; </source>
        <translation>
            <numerusform>%n 个条目可以导入；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected (see Details).</source>
        <translation>
            <numerusform>%n 个被拒绝（见“详情”）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries can be imported.</source>
        <translation>
            <numerusform>%n 个条目可以导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1 added, %2 updated, %3 rejected.</source>
        <translation>完成：新增 %1 个，更新 %2 个，拒绝 %3 个。</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>未选择文件。</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选择：%1</translation>
    </message>
    <message>
        <source>Accounts imported so far</source>
        <translation>目前已导入的账号</translation>
    </message>
    <message>
        <source>The proxy is restarting; try again in a moment.</source>
        <translation>代理正在重启，请稍后再试。</translation>
    </message>
    <message>
        <source>Stopping after the batch being imported…</source>
        <translation>将在当前这一批导入完成后停止…</translation>
    </message>
    <message>
        <source>The proxy restarted before the preview was ready; press Preview again.</source>
        <translation>预览完成前代理已重启，请再次点击“预览”。</translation>
    </message>
    <message>
        <source>The proxy restarted during the import: %1 of %2 entries had been imported when it did. Preview again and import the rest.</source>
        <translation>导入期间代理已重启：重启时 %2 个条目中已导入 %1 个。请重新预览并导入其余条目。</translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 entries were imported (%3 added, %4 updated, %5 rejected); the rest were not sent.</source>
        <translation>已停止：%2 个条目中已导入 %1 个（新增 %3 个，更新 %4 个，拒绝 %5 个）；其余条目未发送。</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>kt::ImportPreviewModel</name>
    <message>
        <source>New</source>
        <translation>新账号</translation>
    </message>
    <message>
        <source>Already imported (will update)</source>
        <translation>已导入（将更新）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Not selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Not imported (stopped)</source>
        <translation>未导入（已停止）</translation>
    </message>
</context>
<context>
    <name>kt::ImportSources</name>
    <message>
        <source>%1 is empty</source>
        <translation>%1 是空的</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (at character %2: %3)</source>
        <translation>%1 不是有效的 JSON（第 %2 个字符处：%3）</translation>
    </message>
    <message>
        <source>%1 holds no account</source>
        <translation>%1 中没有账号</translation>
    </message>
    <message>
        <source>Nothing to import: choose a file or paste JSON first</source>
        <translation>没有可导入的内容：请先选择文件或粘贴 JSON</translation>
    </message>
</context>
<context>
    <name>kt::LogsModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <source>Request: %1 %2</source>
        <translation>请求：%1 %2</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Streamed: %1</source>
        <translation>流式：%1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态码：%1</translation>
    </message>
    <message>
        <source>499 (the client went away)</source>
        <translation>499（客户端已断开）</translation>
    </message>
    <message>
        <source>Tokens: %1 in, %2 out</source>
        <translation>Token：输入 %1，输出 %2</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>耗时：%1</translation>
    </message>
    <message>
        <source>First byte after: %1</source>
        <translation>首字节耗时：%1</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>接口：%1</translation>
    </message>
    <message>
        <source>Upstream attempts: %1</source>
        <translation>上游尝试次数：%1</translation>
    </message>
    <message>
        <source>Web searches: %1</source>
        <translation>网络搜索次数：%1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In tokens</source>
        <translation>输入 Token</translation>
    </message>
    <message>
        <source>Out tokens</source>
        <translation>输出 Token</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>搜索次数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>non-stream</source>
        <translation>非流式</translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation>实际模型：%1</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>实际模型</translation>
    </message>
    <message>
        <source>Credits: %1</source>
        <translation>积分：%1</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Conversation: %1</source>
        <translation>会话：%1</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
</context>
<context>
    <name>kt::LogsPage</name>
    <message>
        <source>Filter by account</source>
        <translation>按账号筛选</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation>成功（2xx）</translation>
    </message>
    <message>
        <source>Client errors (4xx)</source>
        <translation>客户端错误（4xx）</translation>
    </message>
    <message>
        <source>Server errors (5xx)</source>
        <translation>服务器错误（5xx）</translation>
    </message>
    <message>
        <source>Rate limited (429)</source>
        <translation>被限流（429）</translation>
    </message>
    <message>
        <source>Client went away (499)</source>
        <translation>客户端已断开（499）</translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation>按模型筛选</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>账号(&amp;C)：</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>请求详情</translation>
    </message>
    <message>
        <source>Select a request to see its details.</source>
        <translation>选择一个请求以查看详情。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n requests to %1.</source>
        <translation>
            <numerusform>已将 %n 个请求导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>No request matches.</source>
        <translation>没有匹配的请求。</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n requests.</source>
        <translation>
            <numerusform>显示最新的 %n 个请求。</numerusform>
        </translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>所有账号</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>所有模型</translation>
    </message>
    <message>
        <source>Export requests</source>
        <translation>导出请求</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>kt::MainWindow</name>
    <message>
        <source>KiroTray</source>
        <translation>KiroTray</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so KiroTray keeps this window open. Closing it stops the proxy and quits.</source>
        <translation>此桌面没有系统托盘，因此 KiroTray 会保持此窗口打开。关闭窗口将停止代理并退出。</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>KiroTray sections</source>
        <translation>KiroTray 页面</translation>
    </message>
    <message>
        <source>A&amp;bout</source>
        <translation>关于(&amp;B)</translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>file in the data folder</source>
        <translation>数据文件夹中的文件</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
</context>
<context>
    <name>kt::ModelUsageTable</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>按模型统计用量</translation>
    </message>
</context>
<context>
    <name>kt::OverageAction</name>
    <message>
        <source>Turn overage off</source>
        <translation>关闭超额使用</translation>
    </message>
    <message>
        <source>Turn overage on…</source>
        <translation>开启超额使用…</translation>
    </message>
    <message>
        <source>With overage on, Kiro keeps serving %1 after its credits run out and bills the extra usage to the account&apos;s owner. This may cost money.</source>
        <translation>开启超额使用后，%1 的积分用完时 Kiro 仍会继续提供服务，并向账号所有者收取超出部分的费用。这可能会产生费用。</translation>
    </message>
    <message>
        <source>Kiro reports a cap of %1 USD.</source>
        <translation>Kiro 报告的上限为 %1 美元。</translation>
    </message>
    <message>
        <source>Turn overage on</source>
        <translation>开启超额使用</translation>
    </message>
    <message>
        <source>Turn overage on?</source>
        <translation>要开启超额使用吗？</translation>
    </message>
    <message>
        <source>Overage was not changed: %1</source>
        <translation>超额使用设置未更改：%1</translation>
    </message>
</context>
<context>
    <name>kt::SettingsPage</name>
    <message>
        <source>Saved. The proxy uses the new settings after a restart.</source>
        <translation>已保存。代理重启后才会使用新设置。</translation>
    </message>
    <message>
        <source>&amp;Restart proxy now</source>
        <translation>立即重启代理(&amp;R)</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the proxy private to this computer; 0.0.0.0 opens it to your network</source>
        <translation>127.0.0.1 仅允许本机访问代理；0.0.0.0 会向局域网开放</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Kiro</source>
        <translation>Kiro</translation>
    </message>
    <message>
        <source>none (direct); e.g. http://127.0.0.1:7890 or socks5://host:1080</source>
        <translation>无（直连）；例如 http://127.0.0.1:7890 或 socks5://host:1080</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Upstream proxy:</source>
        <translation>上游代理(&amp;U)：</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <source>Where tokens are stored</source>
        <translation>令牌的存储位置</translation>
    </message>
    <message>
        <source>Automatic (system keychain when available)</source>
        <translation>自动（有系统钥匙串时使用钥匙串）</translation>
    </message>
    <message>
        <source>System keychain only</source>
        <translation>仅使用系统钥匙串</translation>
    </message>
    <message>
        <source>File in the data folder</source>
        <translation>数据目录中的文件</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation>隐藏(&amp;D)</translation>
    </message>
    <message>
        <source>API key copied.</source>
        <translation>已复制 API 密钥。</translation>
    </message>
    <message>
        <source>KiroTray will start when you log in.</source>
        <translation>KiroTray 将在您登录系统时启动。</translation>
    </message>
    <message>
        <source>KiroTray will not start at login.</source>
        <translation>KiroTray 不会在登录时启动。</translation>
    </message>
    <message>
        <source>KiroTray uses this language from its next start.</source>
        <translation>KiroTray 下次启动时将使用此语言。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Proxy settings are saved in %1</source>
        <translation>代理设置保存在 %1</translation>
    </message>
    <message>
        <source>Regenerate the API key</source>
        <translation>重新生成 API 密钥</translation>
    </message>
    <message>
        <source>Clients using the current key (Claude Code, IDEs, scripts) stop working until they get the new one. Continue?</source>
        <translation>使用当前密钥的客户端（Claude Code、IDE、脚本）在换用新密钥之前将无法工作。是否继续？</translation>
    </message>
    <message>
        <source>New API key saved. Restart the proxy, then give the new key to your clients.</source>
        <translation>新的 API 密钥已保存。请重启代理，然后把新密钥提供给您的客户端。</translation>
    </message>
    <message>
        <source>Tokens and the API key are in the system keychain.</source>
        <translation>令牌和 API 密钥保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>The proxy has not stored any secret yet.</source>
        <translation>代理尚未存储任何密钥。</translation>
    </message>
    <message>
        <source>Secrets move to the new place when the proxy restarts.</source>
        <translation>代理重启时，密钥会迁移到新的位置。</translation>
    </message>
    <message>
        <source>Regenerat&amp;e…</source>
        <translation>重新生成(&amp;E)…</translation>
    </message>
    <message>
        <source>API ke&amp;y:</source>
        <translation>API 密钥(&amp;Y)：</translation>
    </message>
    <message>
        <source>Kiro versio&amp;n:</source>
        <translation>Kiro 版本(&amp;N)：</translation>
    </message>
    <message>
        <source>Start KiroTray when I log &amp;in</source>
        <translation>登录系统时启动 KiroTray(&amp;I)</translation>
    </message>
    <message>
        <source>Start the pr&amp;oxy when KiroTray starts</source>
        <translation>KiroTray 启动时启动代理(&amp;O)</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>语言(&amp;G)：</translation>
    </message>
    <message>
        <source>Store tokens in:</source>
        <translation>令牌存储于：</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>还原(&amp;T)</translation>
    </message>
    <message>
        <source>Tokens and the API key are in %1 (readable only by you, but not encrypted), as set above.</source>
        <translation>令牌和 API 密钥按上方的设置保存在 %1 中（仅您可读，但未加密）。</translation>
    </message>
    <message>
        <source>⚠ Tokens and the API key are in %1 (readable only by you, but not encrypted): no system keychain was available when the proxy started.</source>
        <translation>⚠ 令牌和 API 密钥保存在 %1 中（仅您可读，但未加密）：代理启动时没有可用的系统钥匙串。</translation>
    </message>
    <message>
        <source>One per line: requested model = Kiro model, e.g. claude-opus-5-5 = claude-opus-4.8</source>
        <translation>每行一条：请求的模型 = Kiro 模型，例如 claude-opus-5-5 = claude-opus-4.8</translation>
    </message>
    <message>
        <source>Pins a model id clients ask for to a Kiro model, whatever the account lists offer.</source>
        <translation>将客户端请求的模型 ID 固定映射到某个 Kiro 模型，不论账号的模型列表提供什么。</translation>
    </message>
    <message>
        <source>Model &amp;aliases:</source>
        <translation>模型别名(&amp;A)：</translation>
    </message>
    <message>
        <source>Model aliases, line %1: write it as &quot;requested model = Kiro model&quot;.</source>
        <translation>模型别名第 %1 行：请写成“请求的模型 = Kiro 模型”。</translation>
    </message>
</context>
<context>
    <name>kt::SignInDialog</name>
    <message>
        <source>Sign in again: %1</source>
        <translation>重新登录：%1</translation>
    </message>
    <message>
        <source>Sign in to Kiro</source>
        <translation>登录 Kiro</translation>
    </message>
    <message>
        <source>How do you sign in to Kiro?</source>
        <translation>您用什么方式登录 Kiro？</translation>
    </message>
    <message>
        <source>AWS &amp;Builder ID (personal)</source>
        <translation>AWS Builder ID（个人）(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Organisation SSO (IAM Identity Center)</source>
        <translation>组织 SSO（IAM Identity Center）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Google</source>
        <translation>Google(&amp;G)</translation>
    </message>
    <message>
        <source>Git&amp;Hub</source>
        <translation>GitHub(&amp;H)</translation>
    </message>
    <message>
        <source>Kiro &amp;API key (ksk_…)</source>
        <translation>Kiro API 密钥（ksk_…）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Start URL:</source>
        <translation>起始 URL(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>Kiro API key</source>
        <translation>Kiro API 密钥</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Google and GitHub open Kiro&apos;s login page; it sends the browser back to KiroTray on this computer. If the browser ends on a page it cannot open, paste that page&apos;s address here.</source>
        <translation>Google 和 GitHub 会打开 Kiro 的登录页面，登录后浏览器会跳回本机的 KiroTray。如果浏览器停在一个无法打开的页面，请把该页面的地址粘贴到这里。</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Code to confirm</source>
        <translation>待确认的代码</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>复制代码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open browser</source>
        <translation>打开浏览器(&amp;O)</translation>
    </message>
    <message>
        <source>Address the browser ended on</source>
        <translation>浏览器最后停留的地址</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Sign-in state</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add &amp;another</source>
        <translation>再添加一个(&amp;A)</translation>
    </message>
    <message>
        <source>Paste the key from app.kiro.dev → Settings → API keys.</source>
        <translation>请粘贴在 app.kiro.dev → Settings → API keys 中生成的密钥。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>The API key account was added. Add another, or close.</source>
        <translation>已添加 API 密钥账号。可以继续添加，或关闭。</translation>
    </message>
    <message>
        <source>That key was already in the pool; it was updated.</source>
        <translation>该密钥已在账号池中，已更新。</translation>
    </message>
    <message>
        <source>The key was not added: %1</source>
        <translation>未添加该密钥：%1</translation>
    </message>
    <message>
        <source>Open the AWS page in your browser and confirm this code:</source>
        <translation>请在浏览器中打开 AWS 页面并确认此代码：</translation>
    </message>
    <message>
        <source>Finish signing in on Kiro&apos;s page in your browser.</source>
        <translation>请在浏览器中的 Kiro 页面上完成登录。</translation>
    </message>
    <message>
        <source>Waiting for you in the browser… (until %1)</source>
        <translation>正在等待您在浏览器中操作…（截止 %1）</translation>
    </message>
    <message>
        <source>Waiting for you in the browser…</source>
        <translation>正在等待您在浏览器中操作…</translation>
    </message>
    <message>
        <source>Signed in. Account %1 was added to the pool.</source>
        <translation>登录成功。账号 %1 已加入账号池。</translation>
    </message>
    <message>
        <source>Signed in. Account %1 was updated.</source>
        <translation>登录成功。账号 %1 已更新。</translation>
    </message>
    <message>
        <source>The sign-in was declined in the browser.</source>
        <translation>登录在浏览器中被拒绝。</translation>
    </message>
    <message>
        <source>The code expired before it was confirmed. Use Add another to start again.</source>
        <translation>代码在确认前已过期。请点击“再添加一个”重新开始。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
</context>
<context>
    <name>kt::TranslationLoader</name>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>kt::TrayApplication</name>
    <message>
        <source>Port %1 is used by another program. Choose another port in Settings.</source>
        <translation>端口 %1 已被其他程序占用。请在“设置”中选择其他端口。</translation>
    </message>
    <message>
        <source>KiroTray</source>
        <translation>KiroTray</translation>
    </message>
    <message>
        <source>The settings could not be loaded, so the proxy keeps running as it is:
%1</source>
        <translation>无法加载设置，代理将保持当前状态继续运行：
%1</translation>
    </message>
    <message>
        <source>An account stopped working</source>
        <translation>有账号已无法使用</translation>
    </message>
    <message>
        <source>No account can serve requests</source>
        <translation>没有可处理请求的账号</translation>
    </message>
    <message>
        <source>Quota running low</source>
        <translation>额度即将用尽</translation>
    </message>
    <message>
        <source>The proxy could not start</source>
        <translation>代理无法启动</translation>
    </message>
    <message>
        <source>KiroTray is still running</source>
        <translation>KiroTray 仍在运行</translation>
    </message>
    <message>
        <source>The proxy keeps serving requests. Use the tray icon to open the window or quit.</source>
        <translation>代理会继续处理请求。可通过托盘图标打开窗口或退出。</translation>
    </message>
    <message>
        <source>Click here to sign in again.</source>
        <translation>点击此处重新登录。</translation>
    </message>
</context>
<context>
    <name>kt::TrayController</name>
    <message>
        <source>&amp;KiroTray</source>
        <translation>&amp;KiroTray</translation>
    </message>
    <message>
        <source>&amp;Start proxy</source>
        <translation>启动代理(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open KiroTray</source>
        <translation>打开 KiroTray(&amp;O)</translation>
    </message>
    <message>
        <source>Copy &amp;base URL</source>
        <translation>复制基础 URL(&amp;B)</translation>
    </message>
    <message>
        <source>Copy API &amp;key</source>
        <translation>复制 API 密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Configure &amp;Claude Code…</source>
        <translation>配置 Claude Code(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Import accounts…</source>
        <translation>导入账号(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stop proxy</source>
        <translation>停止代理(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About KiroTray</source>
        <translation>关于 KiroTray(&amp;A)</translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <source>Configure Co&amp;dex…</source>
        <translation>配置 Codex(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>kt::TrayStatus</name>
    <message>
        <source>Running on %1, but there is no account: import one</source>
        <translation>运行于 %1，但没有账号：请导入一个</translation>
    </message>
    <message>
        <source>Running on %1, but no account can serve requests</source>
        <translation>运行于 %1，但没有可处理请求的账号</translation>
    </message>
    <message>
        <source>Running on %1</source>
        <translation>运行于 %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Accounts: %1 active of %2</source>
        <translation>账号：%1 个可用，共 %2 个</translation>
    </message>
    <message>
        <source>Requests today: %1</source>
        <translation>今日请求：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KiroTray cannot start:
%1</source>
        <translation>KiroTray 无法启动：
%1</translation>
    </message>
</context>
</TS>
