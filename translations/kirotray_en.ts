<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>kt::AboutDialog</name>
    <message>
        <source>About KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A local Anthropic Messages API for your Kiro accounts, in the system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released under the MIT License. This program comes with no warranty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt: %1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::AccountsModel</name>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooling down until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooling down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 (%3 % left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resets %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Last error: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free trial: %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus: %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncheck to stop using this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check to use this account again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable (built-in list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s), read %1</source>
        <translation>
            <numerusform>%n model, read %1</numerusform>
            <numerusform>%n models, read %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 tokens of context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model list has not been read: the built-in list is assumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last reading failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On, %1 of %2 USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overage: usage beyond the plan&apos;s credits, billed at %1 USD per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests in the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::AccountsPage</name>
    <message>
        <source>Round robin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority (lowest number first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;ccount…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dele&amp;te…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add one account by its refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import accounts from JSON files or the Kiro IDE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the selected account&apos;s quota again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every account&apos;s quota again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strate&amp;gy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account selection strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from KiroTray? Its tokens are removed from this computer; the Kiro account itself is not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in a&amp;gain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Kiro account by signing in: AWS Builder ID, organisation SSO, Google, GitHub or an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the selected account in again (when its login stopped working)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Kiro account yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with AWS Builder ID, your organisation&apos;s SSO, Google or GitHub, or add a Kiro API key. You can add several accounts; requests are spread over them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from the Kiro IDE or a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::AddAccountDialog</name>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social login (Google, GitHub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS Builder ID / IAM Identity Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the account&apos;s refresh token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ClaudeCodeDialog</name>
    <message>
        <source>Configure Claude Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude Code reads its environment from the &quot;env&quot; block of its settings file. KiroTray sets ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY there and leaves every other setting as it is. The original file is kept so that Undo can put it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change to the Claude Code settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For other tools: export ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY in a shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Restart Claude Code to use KiroTray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude Code already uses KiroTray at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ClientSetupDialog</name>
    <message>
        <source>Show the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shell command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy shell &amp;exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous settings file is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shell exports copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Nothing will be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines starting with + are added, - removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist yet; it will be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::CodexDialog</name>
    <message>
        <source>Configure Codex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex CLI reads its model providers from config.toml. KiroTray adds a &quot;%1&quot; provider that speaks the Responses API to the proxy, makes it the default with the model chosen below, and leaves every other setting as it is. Codex reads the API key from the %2 environment variable: set it in the shell that runs codex. The original file is kept so that Undo can put it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change to the Codex configuration file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Set %1 in the shell that runs codex (Copy shell exports), then start codex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command that sets %1, where Codex reads the KiroTray API key from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex already uses KiroTray at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::DashboardPage</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 active of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in, %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits per account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations kept on one account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations whose requests stay on the account that served them (conversation affinity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bound conversations: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ImportDialog</name>
    <message numerus="yes">
        <source>Checking %n entries…</source>
        <translation>
            <numerusform>Checking %n entry…</numerusform>
            <numerusform>Checking %n entries…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n accounts…</source>
        <translation>
            <numerusform>Importing %n account…</numerusform>
            <numerusform>Importing %n accounts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries can be imported; </source>
        <translation>
            <numerusform>%n entry can be imported; </numerusform>
            <numerusform>%n entries can be imported; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected (see Details).</source>
        <translation>
            <numerusform>%n rejected (see Details).</numerusform>
            <numerusform>%n rejected (see Details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries can be imported.</source>
        <translation>
            <numerusform>%n entry can be imported.</numerusform>
            <numerusform>%n entries can be imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a Kiro IDE export, a kiro-rs credentials.json or a KiroTray/kiro pool accounts.json. Every entry is checked first; nothing is saved until you press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose JSON files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from this computer&apos;s &amp;Kiro IDE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the Kiro IDE login of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or paste JSON here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted account JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose account files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be an account file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro IDE on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1 added, %2 updated, %3 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts imported so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy is restarting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the batch being imported…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy restarted before the preview was ready; press Preview again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy restarted during the import: %1 of %2 entries had been imported when it did. Preview again and import the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 entries were imported (%3 added, %4 updated, %5 rejected); the rest were not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ImportPreviewModel</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported (will update)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported (stopped)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ImportSources</name>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON (at character %2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to import: choose a file or paste JSON first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::LogsModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>499 (the client went away)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens: %1 in, %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First byte after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upstream attempts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web searches: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>non-stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::LogsPage</name>
    <message numerus="yes">
        <source>Exported %n requests to %1.</source>
        <translation>
            <numerusform>Exported %n request to %1.</numerusform>
            <numerusform>Exported %n requests to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n requests.</source>
        <translation>
            <numerusform>Showing the newest request.</numerusform>
            <numerusform>Showing the newest %n requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client errors (4xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server errors (5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited (429)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client went away (499)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::MainWindow</name>
    <message>
        <source>KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray, so KiroTray keeps this window open. Closing it stops the proxy and quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiroTray sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;bout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::ModelUsageTable</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::OverageAction</name>
    <message>
        <source>Turn overage off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn overage on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With overage on, Kiro keeps serving %1 after its credits run out and bills the extra usage to the account&apos;s owner. This may cost money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro reports a cap of %1 USD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn overage on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn overage on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overage was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::SettingsPage</name>
    <message>
        <source>Saved. The proxy uses the new settings after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart proxy now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the proxy private to this computer; 0.0.0.0 opens it to your network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerat&amp;e…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API ke&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (direct); e.g. http://127.0.0.1:7890 or socks5://host:1080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro versio&amp;n:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upstream proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start KiroTray when I log &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the pr&amp;oxy when KiroTray starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where tokens are stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (system keychain when available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System keychain only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store tokens in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiroTray will start when you log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiroTray will not start at login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiroTray uses this language from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy settings are saved in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients using the current key (Claude Code, IDEs, scripts) stop working until they get the new one. Continue?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New API key saved. Restart the proxy, then give the new key to your clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens and the API key are in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy has not stored any secret yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets move to the new place when the proxy restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens and the API key are in %1 (readable only by you, but not encrypted), as set above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Tokens and the API key are in %1 (readable only by you, but not encrypted): no system keychain was available when the proxy started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line: requested model = Kiro model, e.g. claude-opus-5-5 = claude-opus-4.8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pins a model id clients ask for to a Kiro model, whatever the account lists offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &amp;aliases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model aliases, line %1: write it as &quot;requested model = Kiro model&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::SignInDialog</name>
    <message>
        <source>Sign in again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to Kiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How do you sign in to Kiro?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS &amp;Builder ID (personal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisation SSO (IAM Identity Center)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Google</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Git&amp;Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro &amp;API key (ksk_…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiro API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google and GitHub open Kiro&apos;s login page; it sends the browser back to KiroTray on this computer. If the browser ends on a page it cannot open, paste that page&apos;s address here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address the browser ended on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the key from app.kiro.dev → Settings → API keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key account was added. Add another, or close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That key was already in the pool; it was updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the AWS page in your browser and confirm this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish signing in on Kiro&apos;s page in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you in the browser… (until %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you in the browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. Account %1 was added to the pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. Account %1 was updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was declined in the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expired before it was confirmed. Use Add another to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::TranslationLoader</name>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::TrayApplication</name>
    <message>
        <source>KiroTray is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy keeps serving requests. Use the tray icon to open the window or quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is used by another program. Choose another port in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be loaded, so the proxy keeps running as it is:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account stopped working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account can serve requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota running low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click here to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::TrayController</name>
    <message>
        <source>&amp;KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure &amp;Claude Code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KiroTray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure Co&amp;dex…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kt::TrayStatus</name>
    <message>
        <source>Running on %1, but there is no account: import one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on %1, but no account can serve requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: %1 active of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests today: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KiroTray cannot start:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
