#include "dialogs/signindialog.h"

#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kt {

namespace {

int nextTag()
{
    static int tag = 1000;
    return ++tag;
}

} // namespace

SignInDialog::SignInDialog(ServiceMonitor *monitor, qint64 accountId, const QString &accountName, QWidget *parent)
    : QDialog(parent), m_monitor(monitor), m_accountId(accountId)
{
    setWindowTitle(accountId ? tr("Sign in again: %1").arg(accountName) : tr("Sign in to Kiro"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildChoicePage());
    m_pages->addWidget(buildProgressPage());
    layout->addWidget(m_pages);

    if (ProxyService *service = m_monitor->service()) {
        connect(service, &ProxyService::signInStarted, this, &SignInDialog::onStarted);
        connect(service, &ProxyService::signInChanged, this, &SignInDialog::onChanged);
        connect(service, &ProxyService::signInError, this, [this](const QString &loginId, const QString &error) {
            if (loginId == m_status.loginId)
                m_state->setText(error);
        });
    }
    connect(m_monitor, &ServiceMonitor::importFinished, this, &SignInDialog::onImportFinished);
    updateChoice();
}

QWidget *SignInDialog::buildChoicePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("How do you sign in to Kiro?"), page));
    m_choices = new QButtonGroup(this);
    const std::pair<Choice, QString> choices[] = {
        {BuilderId, tr("AWS &Builder ID (personal)")},
        {Organisation, tr("&Organisation SSO (IAM Identity Center)")},
        {Google, tr("&Google")},
        {Github, tr("Git&Hub")},
        {ApiKey, tr("Kiro &API key (ksk_…)")}};
    for (const auto &[id, text] : choices) {
        if (m_accountId && id == ApiKey)
            continue;
        auto *radio = new QRadioButton(text, page);
        m_choices->addButton(radio, id);
        layout->addWidget(radio);
        if (id == Organisation) {
            m_orgFields = new QWidget(page);
            auto *form = new QFormLayout(m_orgFields);
            form->setContentsMargins(24, 0, 0, 0);
            m_startUrl = new QLineEdit(m_orgFields);
            m_startUrl->setPlaceholderText(QStringLiteral("https://my-org.awsapps.com/start"));
            m_region = new QLineEdit(m_orgFields);
            m_region->setPlaceholderText(QStringLiteral("us-east-1"));
            form->addRow(tr("&Start URL:"), m_startUrl);
            form->addRow(tr("&Region:"), m_region);
            layout->addWidget(m_orgFields);
        } else if (id == ApiKey) {
            m_keyFields = new QWidget(page);
            auto *form = new QFormLayout(m_keyFields);
            form->setContentsMargins(24, 0, 0, 0);
            m_apiKey = new QLineEdit(m_keyFields);
            m_apiKey->setEchoMode(QLineEdit::Password);
            m_apiKey->setPlaceholderText(QStringLiteral("ksk_…"));
            m_apiKey->setAccessibleName(tr("Kiro API key"));
            form->addRow(tr("&Key:"), m_apiKey);
            layout->addWidget(m_keyFields);
        }
    }
    if (m_accountId) {
        m_keyFields = new QWidget(page);
        m_apiKey = new QLineEdit(m_keyFields);
        m_keyFields->hide();
    }
    auto *hint = new QLabel(tr("Google and GitHub open Kiro's login page; it sends the browser back to KiroTray on this "
                               "computer. If the browser ends on a page it cannot open, paste that page's address here."),
                            page);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_choiceMessage = new QLabel(page);
    m_choiceMessage->setWordWrap(true);
    layout->addWidget(m_choiceMessage);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_signIn = new QPushButton(tr("&Sign in"), page);
    m_signIn->setDefault(true);
    auto *close = new QPushButton(tr("Close"), page);
    buttons->addWidget(m_signIn);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    m_choices->button(BuilderId)->setChecked(true);
    connect(m_choices, &QButtonGroup::idToggled, this, &SignInDialog::updateChoice);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::submit);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    return page;
}

QWidget *SignInDialog::buildProgressPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_instruction = new QLabel(page);
    m_instruction->setWordWrap(true);
    layout->addWidget(m_instruction);
    m_code = new QLabel(page);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2.4);
    big.setBold(true);
    big.setLetterSpacing(QFont::AbsoluteSpacing, 2);
    m_code->setFont(big);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setAccessibleName(tr("Code to confirm"));
    layout->addWidget(m_code);
    auto *row = new QHBoxLayout;
    row->addStretch();
    m_copy = new QPushButton(tr("&Copy code"), page);
    m_open = new QPushButton(tr("&Open browser"), page);
    row->addWidget(m_copy);
    row->addWidget(m_open);
    row->addStretch();
    layout->addLayout(row);
    m_link = new QLabel(page);
    m_link->setWordWrap(true);
    m_link->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_link);
    m_pasteFields = new QWidget(page);
    auto *paste = new QHBoxLayout(m_pasteFields);
    paste->setContentsMargins(0, 0, 0, 0);
    m_paste = new QLineEdit(m_pasteFields);
    m_paste->setPlaceholderText(QStringLiteral("kiro://…?code=…&state=…"));
    m_paste->setAccessibleName(tr("Address the browser ended on"));
    auto *finish = new QPushButton(tr("&Finish"), m_pasteFields);
    paste->addWidget(m_paste, 1);
    paste->addWidget(finish);
    layout->addWidget(m_pasteFields);
    m_state = new QLabel(page);
    m_state->setWordWrap(true);
    m_state->setAccessibleName(tr("Sign-in state"));
    layout->addWidget(m_state);
    layout->addStretch();
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_cancel = new QPushButton(tr("Cancel"), page);
    m_another = new QPushButton(tr("Add &another"), page);
    m_close = new QPushButton(tr("Close"), page);
    for (QPushButton *b : {m_cancel, m_another, m_close})
        buttons->addWidget(b);
    layout->addLayout(buttons);
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_status.userCode); });
    connect(m_open, &QPushButton::clicked, this, &SignInDialog::openBrowser);
    connect(finish, &QPushButton::clicked, this, [this] { pasteRedirect(m_paste->text()); });
    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::cancelSignIn);
    connect(m_another, &QPushButton::clicked, this, &SignInDialog::addAnother);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    return page;
}

void SignInDialog::updateChoice()
{
    const int id = m_choices->checkedId();
    m_orgFields->setEnabled(id == Organisation);
    if (!m_accountId)
        m_keyFields->setEnabled(id == ApiKey);
}

void SignInDialog::choose(Choice choice)
{
    if (QAbstractButton *b = m_choices->button(choice))
        b->setChecked(true);
}

void SignInDialog::setOrganisation(const QString &startUrl, const QString &region)
{
    m_startUrl->setText(startUrl);
    m_region->setText(region);
}

void SignInDialog::setApiKey(const QString &key)
{
    m_apiKey->setText(key);
}

void SignInDialog::submit()
{
    ProxyService *service = m_monitor->service();
    if (!service)
        return;
    const int choice = m_choices->checkedId();
    m_choiceMessage->clear();
    if (choice == ApiKey) {
        const QString key = m_apiKey->text().trimmed();
        if (key.isEmpty())
            return m_choiceMessage->setText(tr("Paste the key from app.kiro.dev → Settings → API keys."));
        m_waitingForKey = true;
        m_signIn->setEnabled(false);
        service->importAccounts(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("authMethod"), QStringLiteral("api_key")},
                                                                     {QStringLiteral("kiroApiKey"), key}}})
                                    .toJson(QJsonDocument::Compact),
                                false);
        return;
    }
    SignInRequest request;
    request.method = choice == Organisation ? SignInMethod::Idc
                   : choice == Google       ? SignInMethod::Google
                   : choice == Github       ? SignInMethod::Github
                                            : SignInMethod::BuilderId;
    if (request.method == SignInMethod::Idc) {
        request.startUrl = m_startUrl->text().trimmed();
        request.region = m_region->text().trimmed().isEmpty() ? QStringLiteral("us-east-1") : m_region->text().trimmed();
    }
    if (m_accountId)
        request.accountId = m_accountId;
    if (const QString problem = request.problem(); !problem.isEmpty())
        return m_choiceMessage->setText(problem);
    m_tag = nextTag();
    m_status = SignInStatus();
    m_signIn->setEnabled(false);
    m_choiceMessage->setText(tr("Starting…"));
    service->startSignIn(m_tag, request);
}

void SignInDialog::onStarted(int tag, const SignInStatus &status, const QString &error)
{
    if (tag != m_tag)
        return;
    m_signIn->setEnabled(true);
    if (!error.isEmpty())
        return m_choiceMessage->setText(tr("Could not start: %1").arg(error));
    m_choiceMessage->clear();
    m_status = status;
    m_pages->setCurrentIndex(1);
    showStatus();
    openBrowser();
}

void SignInDialog::onChanged(const SignInStatus &status)
{
    if (status.loginId.isEmpty() || status.loginId != m_status.loginId)
        return;
    m_status = status;
    showStatus();
}

void SignInDialog::onImportFinished(const QJsonObject &report)
{
    if (!m_waitingForKey)
        return;
    m_waitingForKey = false;
    m_signIn->setEnabled(true);
    const QJsonObject entry = report.value(QStringLiteral("entries")).toArray().at(0).toObject();
    const QString result = entry.value(QStringLiteral("status")).toString();
    if (result == QLatin1String("added") || result == QLatin1String("updated")) {
        m_apiKey->clear();
        m_choiceMessage->setText(result == QLatin1String("added") ? tr("The API key account was added. Add another, or close.")
                                                                  : tr("That key was already in the pool; it was updated."));
    } else {
        const QString why = entry.value(QStringLiteral("reason")).toString();
        m_choiceMessage->setText(tr("The key was not added: %1").arg(why.isEmpty() ? report.value(QStringLiteral("error")).toString() : why));
    }
}

void SignInDialog::showStatus()
{
    const bool device = !m_status.userCode.isEmpty();
    const bool waiting = isWaiting();
    m_instruction->setText(device ? tr("Open the AWS page in your browser and confirm this code:")
                                  : tr("Finish signing in on Kiro's page in your browser."));
    m_code->setVisible(device);
    m_code->setText(m_status.userCode);
    m_copy->setVisible(device);
    const QString url = device ? m_status.verificationUriComplete : m_status.authorizeUrl;
    m_link->setText(url);
    m_open->setEnabled(waiting);
    m_copy->setEnabled(waiting);
    m_pasteFields->setVisible(m_status.redirectPaste && waiting);
    m_state->setText(describe(m_status));
    m_cancel->setVisible(waiting);
    m_another->setVisible(!waiting);
    m_close->setVisible(!waiting);
}

QString SignInDialog::describe(const SignInStatus &s) const
{
    switch (s.state) {
    case SignInState::Starting:
    case SignInState::Pending:
        return s.expiresAt.isValid() ? tr("Waiting for you in the browser… (until %1)").arg(s.expiresAt.toLocalTime().toString(QStringLiteral("HH:mm")))
                                     : tr("Waiting for you in the browser…");
    case SignInState::Succeeded:
        return s.accountCreated ? tr("Signed in. Account %1 was added to the pool.").arg(s.accountId)
                                : tr("Signed in. Account %1 was updated.").arg(s.accountId);
    case SignInState::Denied:
        return tr("The sign-in was declined in the browser.");
    case SignInState::Expired:
        return tr("The code expired before it was confirmed. Use Add another to start again.");
    case SignInState::Cancelled:
        return tr("Cancelled.");
    case SignInState::Failed:
        return tr("The sign-in failed: %1").arg(s.message);
    }
    return {};
}

void SignInDialog::openBrowser()
{
    const QString url = m_status.userCode.isEmpty() ? m_status.authorizeUrl : m_status.verificationUriComplete;
    if (!url.isEmpty() && isWaiting())
        QDesktopServices::openUrl(QUrl(url));
}

void SignInDialog::cancelSignIn()
{
    if (isWaiting() && m_monitor->service())
        m_monitor->service()->cancelSignIn(m_status.loginId);
}

void SignInDialog::done(int result)
{
    cancelSignIn();
    QDialog::done(result);
}

void SignInDialog::addAnother()
{
    m_status = SignInStatus();
    m_tag = 0;
    m_paste->clear();
    m_pages->setCurrentIndex(0);
}

void SignInDialog::pasteRedirect(const QString &address)
{
    if (isWaiting() && m_monitor->service())
        m_monitor->service()->completeSignIn(m_status.loginId, QUrl(address.trimmed()));
}

bool SignInDialog::isWaiting() const
{
    return !m_status.loginId.isEmpty() && !m_status.isFinished();
}

QString SignInDialog::userCodeText() const
{
    return m_code->text();
}

QString SignInDialog::stateText() const
{
    return m_state->text();
}

} // namespace kt
