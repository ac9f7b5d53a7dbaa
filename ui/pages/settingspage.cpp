#include "pages/settingspage.h"

#include "platform/autostart.h"
#include "secrets/apikeystore.h"
#include "style/contrast.h"
#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"
#include "platform/translationloader.h"
#include "platform/uisettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kt {

namespace {

QHash<QString, QString> toAliasMap(const QJsonObject &o)
{
    QHash<QString, QString> map;
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

const QStringList kRegions = {QStringLiteral("us-east-1"), QStringLiteral("eu-central-1"), QStringLiteral("us-west-2"),
                              QStringLiteral("ap-southeast-1"), QStringLiteral("ap-northeast-1")};

} // namespace

SettingsPage::SettingsPage(ServiceMonitor *monitor, QWidget *parent) : QWidget(parent), m_monitor(monitor)
{
    auto *outer = new QVBoxLayout(this);
    m_restartBar = new QWidget(this);
    auto *restartLayout = new QHBoxLayout(m_restartBar);
    restartLayout->setContentsMargins(8, 4, 8, 4);
    auto *restartText = new QLabel(tr("Saved. The proxy uses the new settings after a restart."), m_restartBar);
    restartText->setWordWrap(true);
    auto *restartNow = new QPushButton(tr("&Restart proxy now"), m_restartBar);
    restartLayout->addWidget(restartText, 1);
    restartLayout->addWidget(restartNow);
    Contrast::styleNotice(m_restartBar);
    Contrast::styleNotice(restartText);
    m_restartBar->hide();
    outer->addWidget(m_restartBar);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    auto *server = new QGroupBox(tr("Proxy"), content);
    auto *serverForm = new QFormLayout(server);
    m_host = new QLineEdit(server);
    m_host->setToolTip(tr("127.0.0.1 keeps the proxy private to this computer; 0.0.0.0 opens it to your network"));
    m_port = new QSpinBox(server);
    m_port->setRange(1, 65535);
    m_apiKey = new QLineEdit(server);
    m_apiKey->setReadOnly(true);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setAccessibleName(tr("API key"));
    m_showKey = new QPushButton(tr("Sho&w"), server);
    m_showKey->setCheckable(true);
    auto *copyKey = new QPushButton(tr("&Copy"), server);
    auto *regenerate = new QPushButton(tr("Regenerat&e…"), server);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);
    keyRow->addWidget(copyKey);
    keyRow->addWidget(regenerate);
    serverForm->addRow(tr("&Host:"), m_host);
    serverForm->addRow(tr("&Port:"), m_port);
    auto *keyLabel = new QLabel(tr("API ke&y:"), server);
    keyLabel->setBuddy(m_apiKey);
    serverForm->addRow(keyLabel, keyRow);
    layout->addWidget(server);

    auto *upstream = new QGroupBox(tr("Kiro"), content);
    auto *upstreamForm = new QFormLayout(upstream);
    m_region = new QComboBox(upstream);
    m_region->setEditable(true);
    m_region->addItems(kRegions);
    m_kiroVersion = new QLineEdit(upstream);
    m_proxyUrl = new QLineEdit(upstream);
    m_proxyUrl->setPlaceholderText(tr("none (direct); e.g. http://127.0.0.1:7890 or socks5://host:1080"));
    upstreamForm->addRow(tr("&Region:"), m_region);
    upstreamForm->addRow(tr("Kiro versio&n:"), m_kiroVersion);
    upstreamForm->addRow(tr("&Upstream proxy:"), m_proxyUrl);
    m_aliases = new QPlainTextEdit(upstream);
    m_aliases->setTabChangesFocus(true);
    m_aliases->setMaximumHeight(m_aliases->fontMetrics().lineSpacing() * 5 + 12);
    m_aliases->setPlaceholderText(tr("One per line: requested model = Kiro model, e.g. claude-opus-5-5 = claude-opus-4.8"));
    m_aliases->setToolTip(tr("Pins a model id clients ask for to a Kiro model, whatever the account lists offer."));
    upstreamForm->addRow(tr("Model &aliases:"), m_aliases);
    layout->addWidget(upstream);

    auto *app = new QGroupBox(tr("Application"), content);
    auto *appForm = new QFormLayout(app);
    m_startAtLogin = new QCheckBox(tr("Start KiroTray when I log &in"), app);
    m_startOnLaunch = new QCheckBox(tr("Start the pr&oxy when KiroTray starts"), app);
    m_language = new QComboBox(app);
    m_language->setAccessibleName(tr("Language"));
    for (const auto &[code, name] : TranslationLoader::languages())
        m_language->addItem(name, code);
    m_languageNote = new QLabel(app);
    m_languageNote->setWordWrap(true);
    appForm->addRow(m_startAtLogin);
    appForm->addRow(m_startOnLaunch);
    appForm->addRow(tr("Lan&guage:"), m_language);
    appForm->addRow(m_languageNote);
    m_languageNote->hide();
    layout->addWidget(app);

    auto *secrets = new QGroupBox(tr("Secrets"), content);
    auto *secretsForm = new QFormLayout(secrets);
    m_secretMode = new QComboBox(secrets);
    m_secretMode->setAccessibleName(tr("Where tokens are stored"));
    m_secretMode->addItem(tr("Automatic (system keychain when available)"), QStringLiteral("auto"));
    m_secretMode->addItem(tr("System keychain only"), QStringLiteral("keychain"));
    m_secretMode->addItem(tr("File in the data folder"), QStringLiteral("file"));
    m_secretInfo = new QLabel(secrets);
    m_secretInfo->setObjectName(QStringLiteral("secretsInfo"));
    m_secretInfo->setWordWrap(true);
    m_secretInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *secretLabel = new QLabel(tr("Store tokens in:"), secrets);
    secretLabel->setBuddy(m_secretMode);
    secretsForm->addRow(secretLabel, m_secretMode);
    secretsForm->addRow(m_secretInfo);
    layout->addWidget(secrets);

    m_configPath = new QLabel(content);
    m_configPath->setWordWrap(true);
    m_configPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_configPath);
    layout->addStretch();

    auto *bottom = new QHBoxLayout;
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_save = new QPushButton(tr("Sa&ve"), this);
    auto *revert = new QPushButton(tr("Rever&t"), this);
    bottom->addWidget(m_message, 1);
    bottom->addWidget(revert);
    bottom->addWidget(m_save);
    outer->addLayout(bottom);

    connect(m_showKey, &QPushButton::toggled, this, [this](bool on) {
        m_apiKey->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setText(on ? tr("Hi&de") : tr("Sho&w"));
    });
    connect(copyKey, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_apiKey->text());
        m_message->setText(tr("API key copied."));
    });
    connect(regenerate, &QPushButton::clicked, this, [this] {
        const QString error = regenerateApiKey(false);
        if (!error.isEmpty())
            m_message->setText(error);
    });
    connect(m_startAtLogin, &QCheckBox::toggled, this, [this](bool on) {
        const QString error = Autostart().setEnabled(on);
        m_message->setText(error.isEmpty() ? (on ? tr("KiroTray will start when you log in.") : tr("KiroTray will not start at login."))
                                           : error);
    });
    connect(m_startOnLaunch, &QCheckBox::toggled, this, [this](bool on) {
        if (m_ui)
            m_ui->setStartProxyOnLaunch(on);
    });
    connect(m_language, &QComboBox::activated, this, [this] {
        if (m_ui)
            m_ui->setLanguage(m_language->currentData().toString());
        m_languageNote->setText(tr("KiroTray uses this language from its next start."));
        m_languageNote->show();
    });
    connect(m_secretMode, &QComboBox::activated, this, &SettingsPage::updateSecretsInfo);
    // The proxy names its secret store while it starts, after this page was first filled in.
    connect(m_monitor, &ServiceMonitor::runStateChanged, this, &SettingsPage::updateSecretsInfo);
    for (QLineEdit *edit : {m_host, m_kiroVersion, m_proxyUrl})
        connect(edit, &QLineEdit::textEdited, this, &SettingsPage::updateDirty);
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsPage::updateDirty);
    connect(m_aliases, &QPlainTextEdit::textChanged, this, &SettingsPage::updateDirty);
    connect(m_region, &QComboBox::currentTextChanged, this, &SettingsPage::updateDirty);
    connect(m_secretMode, &QComboBox::currentIndexChanged, this, &SettingsPage::updateDirty);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (const QString error = save(); !error.isEmpty())
            m_message->setText(error);
    });
    connect(revert, &QPushButton::clicked, this, &SettingsPage::loadFromService);
    connect(restartNow, &QPushButton::clicked, this, &SettingsPage::restartRequested);
    loadFromService();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::onServiceReplaced()
{
    m_saved = false;
    m_saveTag = 0;   // an answer of the service that was replaced is not for this form any more
    showRestartNotice(false);
    loadFromService();
}

void SettingsPage::loadFromService()
{
    if (!m_monitor->service())
        return;
    m_config = m_monitor->service()->config();
    connect(m_monitor->service(), &ProxyService::secretBackendChanged, this, &SettingsPage::updateSecretsInfo, Qt::UniqueConnection);
    connect(m_monitor->service(), &ProxyService::settingsSaved, this, &SettingsPage::onSettingsSaved, Qt::UniqueConnection);
    m_ui = std::make_unique<UiSettings>(m_config.dataDir);
    m_pendingApiKey.clear();
    m_host->setText(m_config.host);
    m_port->setValue(m_config.port ? m_config.port : 8080);
    m_apiKey->setText(m_config.apiKey);
    m_region->setCurrentText(m_config.region);
    m_kiroVersion->setText(m_config.kiroVersion);
    m_proxyUrl->setText(m_config.proxyUrl);
    {
        const QSignalBlocker blocker(m_aliases);
        m_aliases->setPlainText(aliasesText(m_config.modelAliases));
    }
    {
        const QSignalBlocker b1(m_startAtLogin), b2(m_startOnLaunch);
        m_startAtLogin->setChecked(Autostart().isEnabled());
        m_startOnLaunch->setChecked(m_ui->startProxyOnLaunch());
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_ui->language())));
    m_secretMode->setCurrentIndex(std::max(0, m_secretMode->findData(m_config.secretStore)));
    m_configPath->setText(tr("Proxy settings are saved in %1").arg(m_config.configFile));
    updateSecretsInfo();
    updateDirty();
}

QString SettingsPage::aliasesText(const QHash<QString, QString> &aliases)
{
    QStringList lines;
    for (auto it = aliases.constBegin(); it != aliases.constEnd(); ++it)
        lines << QStringLiteral("%1 = %2").arg(it.key(), it.value());
    lines.sort();
    return lines.join(QLatin1Char('\n'));
}

QJsonObject SettingsPage::parseAliases(const QString &text, QString *error)
{
    QJsonObject out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QString from = line.section(QLatin1Char('='), 0, 0).trimmed().toLower();
        const QString to = line.section(QLatin1Char('='), 1).trimmed();
        if (!line.contains(QLatin1Char('=')) || from.isEmpty() || to.isEmpty() || to.contains(QLatin1Char('='))) {
            if (error)
                *error = tr("Model aliases, line %1: write it as \"requested model = Kiro model\".").arg(i + 1);
            return {};
        }
        out.insert(from, to);
    }
    if (error)
        error->clear();
    return out;
}

QJsonObject SettingsPage::changes() const
{
    QJsonObject c;
    if (m_host->text().trimmed() != m_config.host)
        c.insert(QStringLiteral("host"), m_host->text().trimmed());
    if (m_port->value() != m_config.port && m_config.port != 0)
        c.insert(QStringLiteral("port"), m_port->value());
    if (m_region->currentText().trimmed() != m_config.region)
        c.insert(QStringLiteral("region"), m_region->currentText().trimmed());
    if (m_kiroVersion->text().trimmed() != m_config.kiroVersion)
        c.insert(QStringLiteral("kiroVersion"), m_kiroVersion->text().trimmed());
    if (m_proxyUrl->text().trimmed() != m_config.proxyUrl)
        c.insert(QStringLiteral("proxyUrl"), m_proxyUrl->text().trimmed().isEmpty() ? QJsonValue() : QJsonValue(m_proxyUrl->text().trimmed()));
    if (m_secretMode->currentData().toString() != m_config.secretStore)
        c.insert(QStringLiteral("secretStore"), m_secretMode->currentData().toString());
    if (!m_pendingApiKey.isEmpty())
        c.insert(QStringLiteral("apiKey"), m_pendingApiKey);
    QString aliasError;
    const QJsonObject aliases = parseAliases(m_aliases->toPlainText(), &aliasError);
    if (aliasError.isEmpty() && aliasesText(toAliasMap(aliases)) != aliasesText(m_config.modelAliases))
        c.insert(QStringLiteral("modelAliases"), aliases.isEmpty() ? QJsonValue() : QJsonValue(aliases));
    return c;
}

QString SettingsPage::save()
{
    QString aliasError;
    parseAliases(m_aliases->toPlainText(), &aliasError);
    if (!aliasError.isEmpty())
        return aliasError;
    const QJsonObject c = changes();
    ProxyService *service = m_monitor->service();
    if (c.isEmpty() || !service)
        return {};
    m_saveTag = ServiceMonitor::nextTag();
    m_saving = formConfig();
    m_savingApiKey = c.contains(QStringLiteral("apiKey"));
    updateDirty();
    service->saveSettings(m_saveTag, c);
    return {};
}

Config SettingsPage::formConfig() const
{
    Config c = m_config;
    c.host = m_host->text().trimmed();
    c.port = quint16(m_port->value());
    c.region = m_region->currentText().trimmed();
    c.kiroVersion = m_kiroVersion->text().trimmed();
    c.proxyUrl = m_proxyUrl->text().trimmed();
    c.modelAliases = toAliasMap(parseAliases(m_aliases->toPlainText(), nullptr));
    c.secretStore = m_secretMode->currentData().toString();
    c.apiKey = m_apiKey->text();
    return c;
}

void SettingsPage::onSettingsSaved(int tag, ConfigFile::Outcome outcome, const QString &error)
{
    if (tag != m_saveTag)
        return;
    m_saveTag = 0;
    if (outcome == ConfigFile::Outcome::Saved) {
        m_saved = true;
        if (m_pendingApiKey == m_saving.apiKey)
            m_pendingApiKey.clear();
        // The form now describes the file; the running proxy keeps its copy until restarted.
        m_config = m_saving;
        showRestartNotice(true);
        m_message->setText(m_savingApiKey ? tr("New API key saved. Restart the proxy, then give the new key to your clients.")
                                          : tr("Saved to %1.").arg(m_config.configFile));
    } else {
        m_message->setText(error);
    }
    updateDirty();
    Q_EMIT saveFinished(error);
}

QString SettingsPage::regenerateApiKey(bool confirmed)
{
    if (!confirmed) {
        const auto answer = QMessageBox::question(this, tr("Regenerate the API key"),
                                                  tr("Clients using the current key (Claude Code, IDEs, scripts) stop working "
                                                     "until they get the new one. Continue?"),
                                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return {};
    }
    m_pendingApiKey = ApiKeyStore::generate();
    m_apiKey->setText(m_pendingApiKey);
    return save();
}

bool SettingsPage::restartNeeded() const
{
    return m_saved;
}

void SettingsPage::updateSecretsInfo()
{
    const ProxyService *service = m_monitor->service();
    const QString backend = service ? service->secretBackend() : QString();
    const QString secretsFile = service ? QDir::toNativeSeparators(service->secretsFilePath()) : QString();
    QString text;
    if (backend == QLatin1String("keychain"))
        text = tr("Tokens and the API key are in the system keychain.");
    else if (backend == QLatin1String("file") && m_config.secretStore == QLatin1String("file"))
        text = tr("Tokens and the API key are in %1 (readable only by you, but not encrypted), as set above.").arg(secretsFile);
    else if (backend == QLatin1String("file"))
        text = tr("⚠ Tokens and the API key are in %1 (readable only by you, but not encrypted): "
                  "no system keychain was available when the proxy started.").arg(secretsFile);
    else
        text = tr("The proxy has not stored any secret yet.");
    if (m_secretMode->currentData().toString() != m_config.secretStore)
        text += QLatin1Char(' ') + tr("Secrets move to the new place when the proxy restarts.");
    m_secretInfo->setText(text);
}

void SettingsPage::updateDirty()
{
    m_save->setEnabled(m_saveTag == 0 && !changes().isEmpty());
}

void SettingsPage::showRestartNotice(bool show)
{
    m_restartBar->setVisible(show);
}

} // namespace kt
